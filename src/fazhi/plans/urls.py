from django.urls import path

from . import views
from .casework import KIND

app_name = KIND.app
urlpatterns = [
    *KIND.urls(),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/checklist.<str:fmt>", views.plan_checklist, name="plan_checklist"),
    path("plans/<int:pk>/tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("tasks/<int:pk>/targets/new/", views.target_new, name="target_new"),
    path("targets/<int:pk>/link/", views.target_link, name="target_link"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
]
