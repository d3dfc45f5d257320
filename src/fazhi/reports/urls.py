from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "reports"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="annual_reports:list"), name="index"),
    path("review/", views.review_list, name="review_list"),
    path("review/upload/", views.review_upload, name="review_upload"),
    path("review/batch/<int:pk>/", views.review_batch, name="review_batch"),
    path("review/compare/", views.review_compare, name="review_compare"),
    path("review/export/", views.review_export, name="review_export"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
]
