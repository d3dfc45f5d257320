from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("reviews/", views.reviews, name="reviews"),
    path("powers/", views.powers, name="powers"),
    path("powers/new/", views.power_create, name="power_create"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    *KIND.urls(),
]
