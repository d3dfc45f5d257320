"""Pages of 统计填报, mounted at the app's `url_prefix` ("indicators/", where they have always been)."""

from django.urls import path

from . import views as v

app_name = "collection"
urlpatterns = [
    path("forms/", v.form_list, name="forms"),
    path("forms/new/", v.form_create, name="form_create"),
    path("forms/<int:pk>/", v.form_detail, name="form_detail"),
    path("forms/<int:pk>/edit/", v.form_edit, name="form_edit"),
    path("forms/<int:pk>/assign/", v.form_assign, name="form_assign"),
    path("forms/<int:pk>/close/", v.form_close, name="form_close"),
    path("tasks/", v.task_list, name="tasks"),
    path("tasks/late/", v.late_list, name="late"),
    path("tasks/late/remind/", v.late_remind, name="late_remind"),
    path("tasks/late/export.xlsx", v.late_export, name="late_export"),
    path("tasks/<int:pk>/", v.task_detail, name="task"),
    path("tasks/<int:pk>/template.xlsx", v.task_template, name="task_template"),
    path("tasks/<int:pk>/upload/", v.task_upload, name="task_upload"),
    path("tasks/<int:pk>/<str:action>/", v.task_action, name="task_action"),
    path("values/", v.value_drilldown, name="values"),
]
