from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("mediators/", views.mediators, name="mediators"),
    path("mediators/new/", views.mediator_create, name="mediator_create"),
    path("trainings/", views.trainings, name="trainings"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("sweeps/", views.sweeps, name="sweeps"),
    path("sweeps/new/", views.sweep_create, name="sweep_create"),
    *KIND.urls(),
]
