"""统计填报 reads: the org-scoped lists and records the pages, the importer and the due-date protocol use
(the writes are services.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fazhi.core.areas import area_name, area_of, area_order
from fazhi.core.due import DueSource
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer
from fazhi.indicators.registry import catalog, plain

from .indicators import entry_keys, form_keys, is_derived
from .models import OPEN_TASK_STATUSES, CollectedValue, CollectionForm, CollectionReminder, CollectionTask

Status = CollectionTask.Status


def late_tasks(today: date) -> QuerySet[CollectionTask]:
    """Tasks past their due date that the org has not submitted (待填报、填报中、已退回) of issued forms."""
    return CollectionTask.objects.filter(
        status__in=OPEN_TASK_STATUSES, due_on__lt=today, form__status=CollectionForm.Status.ISSUED
    )


def due_source() -> DueSource:
    """统计填报 in the due-date protocol (core/due.py): every task of an issued form not yet submitted, due on
    `due_on`, owed by the task's org (the form names no person: the org's clerks and office answer)."""
    from django.urls import reverse

    def queryset(user: Viewer | None) -> QuerySet[CollectionTask]:
        qs = visible_tasks(user) if user is not None else CollectionTask.objects.all()
        return qs.filter(status__in=OPEN_TASK_STATUSES, form__status=CollectionForm.Status.ISSUED)

    return DueSource(
        key="indicators.collection_task",
        label="统计填报",
        queryset=queryset,
        due_field="due_on",
        rule="填报报送期限",
        org="org",
        title=lambda t: f"{t.form.name} · {t.org.name}",
        url=lambda t: reverse("collection:task", args=[t.pk]),
        select_related=("form", "org"),
    )


@dataclass
class TaskFilters:
    q: str = ""
    status: str = ""
    year: int | None = None
    form: int | None = None
    late: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> TaskFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            year=year_param(params),
            form=int_param(params, "form"),
            late=params.get("late") == "1",
        )


def visible_forms(user: Viewer) -> QuerySet[CollectionForm]:
    """Forms of the jurisdictions in the user's scope."""
    return CollectionForm.objects.filter(org_filter(user, "owner"))


def filtered_forms(
    user: Viewer, *, q: str = "", year: int | None = None, status: str = ""
) -> QuerySet[CollectionForm]:
    qs = visible_forms(user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(owner__name__icontains=q))
    if year:
        qs = qs.filter(period_start__year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("owner").annotate(
        n_tasks=Count("tasks"), n_accepted=Count("tasks", filter=Q(tasks__status=Status.ACCEPTED))
    )


def get_form(user: Viewer, pk: int) -> CollectionForm:
    form = visible_forms(user).select_related("owner").filter(pk=pk).first()
    if form is None:
        raise Http404("填报表不存在或无权查看")
    return form


def visible_tasks(user: Viewer) -> QuerySet[CollectionTask]:
    """Tasks of the orgs in the user's scope: a clerk sees the own unit's, an office its subtree's."""
    return CollectionTask.objects.filter(org_filter(user, "org"))


def filtered_tasks(user: Viewer, f: TaskFilters, *, today: date | None = None) -> QuerySet[CollectionTask]:
    qs = visible_tasks(user)
    if f.q:
        qs = qs.filter(Q(form__name__icontains=f.q) | Q(org__name__icontains=f.q))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.year:
        qs = qs.filter(form__period_start__year=f.year)
    if f.form:
        qs = qs.filter(form_id=f.form)
    if f.late:
        qs = qs.filter(pk__in=late_tasks(today or timezone.localdate()).values("pk"))
    return qs.select_related("form", "org").annotate(
        n_reminders=Count("reminders"), last_reminder=Max("reminders__sent_on")
    )


def get_task(user: Viewer, pk: int) -> CollectionTask:
    task = visible_tasks(user).select_related("form", "form__owner", "org").filter(pk=pk).first()
    if task is None:
        raise Http404("填报任务不存在或无权查看")
    return task


def recent_reminders(user: Viewer, limit: int = 10) -> list[CollectionReminder]:
    """The reminders of the tasks the user can still fill (shown on the clerk's page)."""
    return list(
        CollectionReminder.objects.filter(task__in=visible_tasks(user).filter(status__in=OPEN_TASK_STATUSES))
        .select_related("task", "task__form", "task__org")
        .order_by("-sent_at", "-id")[:limit]
    )


def assignable_orgs(form: CollectionForm) -> QuerySet[Org]:
    """The orgs of the owner's subtree (units and sub-jurisdictions) that have no task of the form yet."""
    taken = CollectionTask.objects.filter(form=form).values("org_id")
    return (
        Org.objects.filter(path__startswith=form.owner.path, is_active=True)
        .exclude(pk__in=taken)
        .order_by("path")
    )


@dataclass
class Field:
    key: str
    name: str
    unit: str
    definition: str
    value: Decimal | int | None
    note: str


def task_fields(task: CollectionTask) -> list[Field]:
    """The fields of the task's form, with the values entered so far."""
    current = {v.key: v for v in task.values.all()}
    out = []
    for key in entry_keys(task.form.keys):
        e = catalog()[key]
        row = current.get(key)
        stored = row.value if row else None
        value = None if stored is None else plain(stored, e.get("unit", "count"))
        out.append(
            Field(
                key,
                e.get("zh", key),
                e.get("unit", "count"),
                e.get("definition", ""),
                value,
                row.note if row else "",
            )
        )
    return out


@dataclass
class ValueChange:
    when: object
    who: str
    name: str
    value: str
    reason: str


def value_history(task: CollectionTask, limit: int = 200) -> list[ValueChange]:
    """Every entered value of the task with who and when (the history of its CollectedValue rows)."""
    hist = CollectedValue.history.model
    out = []
    for rec in (
        hist.objects.filter(task_id=task.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    ):
        e = catalog().get(rec.key, {})
        shown = "（空）" if rec.value is None else str(plain(rec.value, e.get("unit", "count")))
        out.append(
            ValueChange(
                rec.history_date,
                str(rec.history_user) if rec.history_user else "系统",
                e.get("zh", rec.key),
                shown,
                rec.history_change_reason or "",
            )
        )
    return out


@dataclass
class KeyChoice:
    key: str
    name: str
    unit: str
    derived: bool
    definition: str


def grouped_form_keys() -> list[tuple[str, list[KeyChoice]]]:
    """The form figures by area, for the form editor; a derived rate is shown with its parts."""
    groups: dict[str, list[KeyChoice]] = {}
    for key in form_keys():
        e = catalog()[key]
        groups.setdefault(area_of(key), []).append(
            KeyChoice(key, e.get("zh", key), e.get("unit", "count"), is_derived(key), e.get("definition", ""))
        )
    ranked = sorted(groups.items(), key=lambda g: area_order(g[0]))
    return [(area_name(a), items) for a, items in ranked]
