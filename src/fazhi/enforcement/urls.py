from django.urls import path

from . import views
from .casework import KIND, RECTIFY

app_name = KIND.app
urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.campaign_create, name="campaign_create"),
    path("reviews/<int:pk>/score/", views.review_score, name="review_score"),
    path("reviews/campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("powers/", views.powers, name="powers"),
    path("powers/new/", views.power_create, name="power_create"),
    path("powers/import/", views.power_import, name="power_import"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("warnings/", views.warnings, name="warnings"),
    path("warnings/<int:pk>/close/", views.close_warning, name="warning_close"),
    # 评查整改 at /enforcement/rectifications/ (names rectify_list, rectify_detail …)
    *(path(f"rectifications/{p.pattern}", p.callback, name=f"rectify_{p.name}") for p in RECTIFY.urls()),
    *KIND.urls(),
]
