from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    *KIND.urls(),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/checklist.<str:fmt>", views.plan_checklist, name="plan_checklist"),
    path("targets/<int:pk>/link/", views.target_link, name="target_link"),
]
