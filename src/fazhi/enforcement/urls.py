from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("reviews/", views.reviews, name="reviews"),
    path("warnings/", views.warnings, name="warnings"),
    path("warnings/<int:pk>/close/", views.close_warning, name="warning_close"),
    *KIND.urls(),
]
