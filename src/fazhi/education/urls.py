from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    *KIND.urls(),
    path("list/", views.study_list, name="study_list"),
]
