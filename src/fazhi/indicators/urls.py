from django.urls import path

from . import manage_views, views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="dashboard_export"),
    path("locks/", manage_views.lock_list, name="locks"),
    path("locks/<int:pk>/", manage_views.lock_detail, name="lock_detail"),
    path("locks/<int:pk>/refresh/", manage_views.lock_refresh, name="lock_refresh"),
    path("targets/", manage_views.target_list, name="targets"),
    path("targets/new/", manage_views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", manage_views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", manage_views.target_delete, name="target_delete"),
]
