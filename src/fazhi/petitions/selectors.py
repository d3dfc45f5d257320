"""Every org-scoped read of 信访 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, CharField, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import Status
from .models import Petition
from .rules import CLOCKS

#: 积案: a matter still open this many days after it came in
BACKLOG_DAYS = 90


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    channel: str = ""
    category: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": the clock running now
    repeat: str = ""  # "1": repeat petitions (重复信访)
    backlog: str = ""  # "1": 积案

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            channel=params.get("channel") or "",
            category=params.get("category") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            repeat=params.get("repeat") or "",
            backlog=params.get("backlog") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Petition]:
    return Petition.objects.filter(
        org_filter(user, "org", "unit", capability="petitions.view", owner="created_by")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Petition]:
    qs = search(visible_cases(user), f.q, ("number", "petitioner", "subject"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "channel": "channel",
            "category": "category",
            "unit": "unit_id",
            "year": "received_on__year",
        },
    )
    today = timezone.localdate()
    if f.repeat == "1":
        qs = qs.filter(repeat_of__isnull=False)
    if f.backlog == "1":
        qs = qs.filter(status__in=list(CLOCKS), received_on__lt=today - timedelta(days=BACKLOG_DAYS))
    if f.due == "soon":
        qs = qs.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = qs.filter(due_on__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Petition:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit", "repeat_of"))


def due_source() -> DueSource:
    """The clock running on each open matter (告知, 办结, 复查, 复核), owed by the handling unit."""

    def queryset(user: Viewer | None) -> QuerySet[Petition]:
        qs = visible_cases(user) if user is not None else Petition.objects.all()
        return qs.filter(status__in=list(CLOCKS))

    rule = Case(
        *(When(status=s, then=Value(rule_label(name))) for s, (name, _) in CLOCKS.items()),
        default=Value(""),
        output_field=CharField(),
    )
    return DueSource(
        key="petitions.case",
        label="信访",
        queryset=queryset,
        due_field="due_on",
        rule=rule,
        org="unit",
        title=lambda p: f"{p.number} · {p.petitioner}",
        url=lambda p: reverse("petitions:detail", args=[p.pk]),
    )


__all__ = [
    "BACKLOG_DAYS",
    "CaseFilters",
    "Status",
    "due_source",
    "filtered_cases",
    "get_case",
    "visible_cases",
]
