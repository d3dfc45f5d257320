"""统计填报 JSON API: the tasks the user sees (the task list's filters, keyset pages by id as the kit's lists), one
task with its fields and values, and the task page's actions through the same services: 保存 (save_values),
提交 (save_values if values come with it, then submit_task), 采纳 (accept_task), 退回 (return_task with a reason).
Scope and permissions are the services' and selectors': another org's task is 404, a reader's write 403."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Router, Schema

from fazhi.core.casework.api import id_page
from fazhi.core.params import DbId, PageSize, Year

from . import selectors, services
from .views import TASK_ACTIONS

router = Router(tags=["统计填报"])


class CollectionTaskOut(Schema):
    id: int
    form_id: int
    form: str
    period: str
    org_id: int
    org: str
    due_on: date
    status: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    return_reason: str

    @staticmethod
    def resolve_form(obj):
        return obj.form.name

    @staticmethod
    def resolve_period(obj):
        return obj.form.period_label

    @staticmethod
    def resolve_org(obj):
        return obj.org.name


class CollectionTaskPageOut(Schema):
    items: list[CollectionTaskOut]
    next_cursor: int | None


class CollectionFieldOut(Schema):
    key: str
    name: str
    unit: str
    definition: str
    value: int | float | None
    note: str


class CollectionTaskDetailOut(CollectionTaskOut):
    instructions: str
    fields: list[CollectionFieldOut]

    @staticmethod
    def resolve_instructions(obj):
        return obj.form.instructions

    @staticmethod
    def resolve_fields(obj):
        return selectors.task_fields(obj)


class CollectionTaskActionIn(Schema):
    """save/submit: `values` by figure key (a number or its text; empty or null = 无数据) and their `notes`;
    return: `reason`. A value is read by the service as a typed or uploaded one (services.clean_value), which
    refuses anything else (true, a list) in Chinese, naming the figure."""

    values: dict[str, Any] = {}
    notes: dict[str, str] = {}
    reason: str = ""


@router.get("/tasks", response=CollectionTaskPageOut)
def list_tasks(
    request,
    q: str = "",
    status: str = "",
    year: Year | None = None,
    form: DbId | None = None,
    after: DbId | None = None,
    size: PageSize = 50,
):
    """The tasks of the orgs in the user's scope, filtered as the task list page (q: form or org name)."""
    f = selectors.TaskFilters(q=q.strip(), status=status, year=year, form=form)
    return id_page(selectors.filtered_tasks(request.user, f), after, size)


@router.get("/tasks/{task_id}", response=CollectionTaskDetailOut)
def get_task(request, task_id: DbId):
    return selectors.get_task(request.user, task_id)


@router.post("/tasks/{task_id}/actions/{action}", response=CollectionTaskDetailOut)
def act(request, task_id: DbId, action: str, payload: CollectionTaskActionIn):
    """Runs an action of the task page (save、submit、accept、return) through the page's services."""
    task = selectors.get_task(request.user, task_id)
    if action not in TASK_ACTIONS:
        raise ValidationError(f"未知的操作：{action}；可用操作：{'、'.join(TASK_ACTIONS)}")
    user, values, notes = request.user, payload.values, payload.notes
    with transaction.atomic():  # 提交 with values: both or neither
        if action == "save" or (action == "submit" and task.is_open and values):
            task = services.save_values(task=task, actor=user, values=values, notes=notes)
        if action == "submit":
            services.submit_task(task=task, actor=user)
        elif action == "accept":
            services.accept_task(task=task, actor=user)
        elif action == "return":
            services.return_task(task=task, actor=user, reason=payload.reason)
    return selectors.get_task(request.user, task_id)
