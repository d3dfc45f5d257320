from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "law"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="law:rules"), name="index"),
    path("rules/", views.rules, name="rules"),
    path("holidays/", views.holidays, name="holidays"),
]
