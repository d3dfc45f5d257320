from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    path("receptions/", views.receptions, name="receptions"),
    path("receptions/new/", views.reception_create, name="reception_create"),
    *KIND.urls(),
]
