"""Pages of 统计填报, 年度数据发布 and 指标目标; appended to indicators/urls.py (namespace "indicators")."""

from django.urls import path

from . import collection_views as v

urlpatterns = [
    path("forms/", v.form_list, name="collection_forms"),
    path("forms/new/", v.form_create, name="collection_form_create"),
    path("forms/<int:pk>/", v.form_detail, name="collection_form_detail"),
    path("forms/<int:pk>/edit/", v.form_edit, name="collection_form_edit"),
    path("forms/<int:pk>/assign/", v.form_assign, name="collection_form_assign"),
    path("forms/<int:pk>/close/", v.form_close, name="collection_form_close"),
    path("tasks/", v.task_list, name="collection_tasks"),
    path("tasks/late/", v.late_list, name="collection_late"),
    path("tasks/late/remind/", v.late_remind, name="collection_late_remind"),
    path("tasks/late/export.xlsx", v.late_export, name="collection_late_export"),
    path("tasks/<int:pk>/", v.task_detail, name="collection_task"),
    path("tasks/<int:pk>/template.xlsx", v.task_template, name="collection_task_template"),
    path("tasks/<int:pk>/upload/", v.task_upload, name="collection_task_upload"),
    path("tasks/<int:pk>/<str:action>/", v.task_action, name="collection_task_action"),
    path("values/", v.value_drilldown, name="collection_values"),
    path("locks/", v.lock_list, name="locks"),
    path("locks/<int:pk>/", v.lock_detail, name="lock_detail"),
    path("locks/<int:pk>/refresh/", v.lock_refresh, name="lock_refresh"),
    path("targets/", v.target_list, name="targets"),
    path("targets/new/", v.target_create, name="target_create"),
    path("targets/seed/", v.target_seed, name="target_seed"),
    path("targets/<int:pk>/edit/", v.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", v.target_delete, name="target_delete"),
]
