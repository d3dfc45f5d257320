from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/action/<str:action>/", views.case_action, name="action"),
]
