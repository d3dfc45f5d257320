from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.campaign_create, name="campaign_create"),
    path("reviews/<int:pk>/score/", views.review_score, name="review_score"),
    path("powers/", views.powers, name="powers"),
    path("powers/new/", views.power_create, name="power_create"),
    path("powers/import/", views.power_import, name="power_import"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("warnings/", views.warnings, name="warnings"),
    path("warnings/<int:pk>/close/", views.close_warning, name="warning_close"),
    *KIND.urls(),
]
