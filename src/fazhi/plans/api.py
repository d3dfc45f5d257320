"""工作要点 JSON API: the shares of tasks through the casework kit's endpoints (list, one, 分解下达, actions);
the same selectors and services as the pages (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND
from .models import PlanTask
from .selectors import visible_plans


class PlansAssignmentOut(Schema):
    id: int
    plan: str
    year: int
    task_number: int
    task: str
    unit: str
    lead: bool
    assigned_on: date
    deadline: date
    due: date
    status: str
    percent: int
    urge_count: int
    version: int

    @staticmethod
    def resolve_plan(obj):
        return obj.task.plan.title

    @staticmethod
    def resolve_year(obj):
        return obj.task.plan.year

    @staticmethod
    def resolve_task_number(obj):
        return obj.task.number

    @staticmethod
    def resolve_task(obj):
        return obj.task.title

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PlansPageOut(Schema):
    items: list[PlansAssignmentOut]
    next_cursor: str | None


class PlansAssignIn(Schema):
    task_id: DbId
    unit_id: DbId
    lead: bool = False
    deadline: Day | None = None


def assign(request, payload: PlansAssignIn):
    task = get_object_or_404(
        PlanTask.objects.filter(plan__in=visible_plans(request.user)), pk=payload.task_id
    )
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    return services.assign_task(
        actor=request.user,
        task=task,
        unit=unit,
        lead=payload.lead,
        deadline=payload.deadline,
        on=timezone.localdate(),
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["工作要点"],
    case_out=PlansAssignmentOut,
    page_out=PlansPageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None), "due": (str, "")},
    register_in=PlansAssignIn,
    create=assign,
    action_doc="Runs an action on a unit's share of a task (report, accept, return, urge) with the page form's fields.",
)
