from django.urls import path

from . import views

app_name = "reviewer"
urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("upload/", views.review_upload, name="review_upload"),
    path("batch/<int:pk>/", views.review_batch, name="review_batch"),
    path("compare/", views.review_compare, name="review_compare"),
    path("export/", views.review_export, name="review_export"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
]
