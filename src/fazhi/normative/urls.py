from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    *KIND.urls(),
    path("library/", views.public_list, name="public_list"),
    path("library/<int:pk>/", views.public_detail, name="public_detail"),
    path("cleanups/", views.cleanups, name="cleanups"),
    path("cleanups/<int:pk>/", views.cleanup, name="cleanup"),
    path("cleanups/<int:pk>/action/", views.cleanup_action, name="cleanup_action"),
]
