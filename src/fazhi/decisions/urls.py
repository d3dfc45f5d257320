from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    *KIND.urls(),
    path("catalogs/", views.catalogs, name="catalogs"),
    path("catalogs/<int:pk>/action/", views.catalog_action, name="catalog_action"),
    path("comments/", views.comments, name="comments"),
    path("<int:pk>/comments.xlsx", views.comments_export, name="comments_export"),
    path("comments/<int:pk>/<slug:action>/", views.comment_action, name="comment_action"),
    path("public/<str:org_code>/<int:year>/", views.public_catalog, name="public_catalog"),
]
