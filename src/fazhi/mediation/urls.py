from django.urls import path

from . import views
from .casework import KIND, REGISTERS

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
    path("<str:key>/export/", views.register_export, name="register_export"),
    *(p for r in REGISTERS.values() for p in r.record_urls(f"{r.key}/", r.stem)),
    *KIND.urls(),
]
