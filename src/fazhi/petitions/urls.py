from django.urls import path

from . import views
from .casework import KIND, RECEPTIONS

app_name = KIND.app
urlpatterns = [
    path("receptions/", views.receptions, name="receptions"),
    path("receptions/new/", views.reception_create, name="reception_create"),
    path("receptions/export/", views.reception_export, name="reception_export"),
    *RECEPTIONS.record_urls("receptions/", "reception"),
    *KIND.urls(),
]
