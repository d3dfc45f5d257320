from __future__ import annotations

from django.urls import path

from . import views

app_name = "law"
urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("holidays/", views.holidays, name="holidays"),
]
