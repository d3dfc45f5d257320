"""Every org-scoped read of work plans and the shares of their tasks.

A plan belongs to its jurisdiction: the office there (and above) sees it whole. A unit sees the plans in which
it holds a share, and of the shares only its own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.jsettings import parse as parse_setting
from fazhi.core.models import JurisdictionSetting, Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from . import rules
from .choices import Status
from .models import Assignment, PlanTask, Urging, WorkPlan


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    unit: int | None = None
    plan: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            unit=int_param(params, "unit"),
            plan=int_param(params, "plan"),
            year=year_param(params),
            due=params.get("due") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Assignment]:
    """The shares of tasks the user may read: the plan's jurisdiction (office) or the unit's own."""
    return Assignment.objects.filter(org_filter(user, "org", "unit", capability="plans.view"))


def lag_below() -> Q:
    """ "Progress under the 滞后 threshold" for every jurisdiction at once, in the database: a share is measured
    against the setting of the nearest jurisdiction at or above its plan's (core.jsettings), else the default.
    One query for the settings; the Q has a branch per setting (an office sets it once, if at all)."""
    rows = sorted(
        JurisdictionSetting.objects.filter(key=rules.LAG_SETTING).values_list("org__path", "value"),
        key=lambda r: len(r[0]),
    )
    paths = [p for p, _ in rows]
    q = Q(percent__lt=rules.LAG_PERCENT)
    for p in paths:
        q &= ~Q(org__path__startswith=p)
    for path, value in rows:
        branch = Q(org__path__startswith=path, percent__lt=int(parse_setting(rules.LAG_SETTING, value)))
        for deeper in paths:
            if deeper != path and deeper.startswith(path):
                branch &= ~Q(org__path__startswith=deeper)
        q |= branch
    return q


class LagThresholds:
    """The 滞后 threshold of each jurisdiction for the rows of one page: the settings read once (one query),
    each share then measured against the nearest setting at or above its plan's jurisdiction (as
    core.jsettings.get_setting does for one org), else the default."""

    def __init__(self, today: date) -> None:
        self.today = today
        rows = JurisdictionSetting.objects.filter(key=rules.LAG_SETTING).values_list("org__path", "value")
        # deepest first: the nearest jurisdiction's setting wins
        self.rows = sorted(
            ((p, int(parse_setting(rules.LAG_SETTING, v))) for p, v in rows), key=lambda r: -len(r[0])
        )

    def of(self, org: Org) -> int:
        return next((v for p, v in self.rows if org.path.startswith(p)), rules.LAG_PERCENT)

    def lagging(self, a: Assignment) -> bool:
        return rules.is_lagging(a, self.today, self.of(a.org))


def lagging(today: date) -> Q:
    """Lagging shares (时间过半、进度未过半) as of `today`, each against its jurisdiction's threshold."""
    return rules.lagging(today, lag_below())


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Assignment]:
    qs = search(visible_cases(user), f.q, ("task__title", "task__text", "unit__name"))
    qs = exact(qs, f, {"unit": "unit_id", "plan": "task__plan_id", "year": "task__plan__year"})
    today = timezone.localdate()
    if f.status == "overdue":
        qs = qs.exclude(status=Status.DONE).filter(due__lt=today)
    elif f.status == "lagging":
        qs = qs.filter(lagging(today))
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.due == "soon":
        qs = qs.exclude(status=Status.DONE).filter(due__gte=today, due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = qs.exclude(status=Status.DONE).filter(due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Assignment:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit", "task", "task__plan"))


def visible_plans(user: Viewer) -> QuerySet[WorkPlan]:
    """Plans of the user's jurisdictions, and those in which one of the user's units holds a share."""
    own = Q(org_filter(user, "org", capability="plans.view"))
    shares = Assignment.objects.filter(org_filter(user, "unit", capability="plans.view")).values(
        "task__plan_id"
    )
    return WorkPlan.objects.filter(own | Q(pk__in=shares))


def get_plan(user: Viewer, pk: int) -> WorkPlan:
    return get_visible(visible_plans(user), pk, user=user, related=("org",))


def plan_tasks(user: Viewer, plan: WorkPlan) -> list[PlanTask]:
    """The plan's tasks with their targets and the shares the user may read (a unit: only its own)."""
    tasks = list(plan.tasks.select_related("part").prefetch_related("targets").order_by("number"))
    shares: dict[int, list[Assignment]] = {}
    for a in (
        visible_cases(user).filter(task__plan=plan).select_related("unit").order_by("-lead", "unit__path")
    ):
        shares.setdefault(a.task_id, []).append(a)
    for t in tasks:
        t.shares = shares.get(t.pk, [])  # type: ignore[attr-defined]
    return tasks


def completion(plan: WorkPlan, today: date) -> dict[str, int]:
    """The plan's shares by status (done, open, overdue) and tasks fully done."""
    qs = Assignment.objects.filter(task__plan=plan)
    counts = qs.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Status.DONE)),
        overdue=Count("pk", filter=~Q(status=Status.DONE) & Q(due__lt=today)),
    )
    open_tasks = qs.exclude(status=Status.DONE).values("task_id").distinct().count()
    assigned_tasks = qs.values("task_id").distinct().count()
    counts["tasks"] = plan.tasks.count()
    counts["tasks_done"] = assigned_tasks - open_tasks
    return counts


def due_source() -> DueSource:
    """工作要点's obligations for the due-date protocol (core/due.py): every open share of a task, owed by its
    unit by its deadline, or by the reply deadline of the last 督办通知."""

    def queryset(user: Viewer | None) -> QuerySet[Assignment]:
        qs = visible_cases(user) if user is not None else Assignment.objects.all()
        open_urging = Urging.objects.filter(assignment=OuterRef("pk"), answered_on__isnull=True)
        return qs.exclude(status=Status.DONE).annotate(awaiting_reply=Exists(open_urging))

    return DueSource(
        key="plans.task",
        label="工作要点任务",
        queryset=queryset,
        due_field="due",
        rule=Case(
            When(awaiting_reply=True, then=Value("督办通知限期回复（报送进展即回复）")),
            default=Value("工作要点任务完成时限"),
        ),
        org="unit",
        title=lambda a: (
            f"第{a.task.number}项 {a.task.title}"
            + ("（督办）" if getattr(a, "awaiting_reply", False) else "")
        ),
        url=lambda a: reverse("plans:detail", args=[a.pk]),
        select_related=("task",),
    )


def lagging_source() -> DueSource:
    """滞后 shares (时间过半、进度未过半) as notices of the due-date protocol: each one is owed by its unit from the
    day half its time passed (so it stands in 待办期限 as overdue since then, and `fazhi remind` reminds the unit
    and its office once a day); it leaves the list when accepted progress reaches the jurisdiction's threshold,
    the share is done, or it becomes overdue (then the task's own deadline, source plans.task, speaks)."""

    def queryset(user: Viewer | None) -> QuerySet[Assignment]:
        qs = visible_cases(user) if user is not None else Assignment.objects.all()
        return qs.filter(lagging(timezone.localdate()))

    return DueSource(
        key="plans.lagging",
        label="工作要点任务滞后",
        queryset=queryset,
        due_field="halfway_on",
        rule="时间过半、进度未过半（进度低于本级设定的滞后判定进度）",
        org="unit",
        title=lambda a: f"第{a.task.number}项 {a.task.title}（进度{a.percent}%）",
        url=lambda a: reverse("plans:detail", args=[a.pk]),
        select_related=("task",),
    )
