"""Every org-scoped read of 信访 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer
from fazhi.litigation.selectors import visible_cases as litigation_cases
from fazhi.reconsideration.selectors import visible_cases as reconsideration_cases

from .choices import Route, Status
from .models import LeaderReception, Petition
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
    reception: int | None = None  # the petitions linked to a 领导接访

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
            reception=int_param(params, "reception"),
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
            "reception": "receptions",
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


# -- 诉访分离: the 复议 and 诉讼 cases a routed petition may name, read through those apps' own selectors -------


def routable_cases(user: Viewer, route: str) -> QuerySet[Any] | None:
    """The cases of the channel `route` the user may see (行政复议: the 复议 cases; 诉讼: the 应诉 cases), or None
    for a route whose cases are not kept in Fazhi."""
    if route == Route.RECONSIDERATION:
        return reconsideration_cases(user)
    if route == Route.LITIGATION:
        return litigation_cases(user)
    return None


def routed_case(user: Viewer, route: str, number: str) -> Any:
    """The case of that 案号 among those `user` may see, or None."""
    qs = routable_cases(user, route)
    if qs is None or not number.strip():
        return None
    field = "number" if route == Route.RECONSIDERATION else "case_number"
    return qs.filter(**{field: number.strip()}).order_by("-id").first()


def case_choices(user: Viewer, p: Petition, *, route: str = "", limit: int = 100) -> list[tuple[str, str]]:
    """(案号, 说明) of the cases a petition routed (or being routed) to `route` may name: the user's visible cases
    of that channel received from the petition's day on, most recent first (the 案号 field's suggestions)."""
    route = route or p.route
    if p.reconsideration_case_id or p.litigation_case_id:
        return []
    qs = routable_cases(user, route)
    if qs is None:
        return []
    if route == Route.RECONSIDERATION:
        rows = qs.filter(received_on__gte=p.received_on).order_by("-received_on", "-id")
        return [(c.number, f"{c.applicant_summary}，{c.received_on:%Y-%m-%d}收到") for c in rows[:limit]]
    rows = qs.filter(complaint_received_on__gte=p.received_on).order_by("-complaint_received_on", "-id")
    return [(c.case_number, f"{c.plaintiff}，{c.complaint_received_on:%Y-%m-%d}收到") for c in rows[:limit]]


def linked_case(user: Viewer, p: Petition) -> dict[str, str] | None:
    """The 复议/诉讼 case a routed petition names, as the page shows it: its 案号, and its page if the user may
    see it (else the 案号 alone)."""
    pk = p.reconsideration_case_id or p.litigation_case_id
    if not pk:
        return None
    route = Route.RECONSIDERATION if p.reconsideration_case_id else Route.LITIGATION
    qs = routable_cases(user, route)
    found = qs.filter(pk=pk).first() if qs is not None else None
    if p.reconsideration_case is not None:
        number = p.reconsideration_case.number
    else:
        number = p.litigation_case.case_number if p.litigation_case is not None else ""
    url = ""
    if found is not None:
        url = reverse(f"{route}:detail", args=[pk])
    return {
        "number": number,
        "url": url,
        "label": "行政复议案件" if route == Route.RECONSIDERATION else "行政诉讼案件",
    }


def visible_receptions(user: Viewer | None) -> QuerySet[LeaderReception]:
    qs = LeaderReception.objects.all()
    if user is None:
        return qs
    return qs.filter(org_filter(user, "org", "unit", capability="petitions.view", owner="created_by"))


@dataclass
class ReceptionFilters:
    """The 领导接访 list's query (page and API): text in the leader, place or matters; the year held."""

    q: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ReceptionFilters:
        return cls(q=(params.get("q") or "").strip(), year=year_param(params))


def filtered_receptions(user: Viewer, f: ReceptionFilters) -> QuerySet[LeaderReception]:
    qs = visible_receptions(user)
    if f.q:
        qs = qs.filter(Q(leader__icontains=f.q) | Q(matters__icontains=f.q) | Q(place__icontains=f.q))
    if f.year:
        qs = qs.filter(held_on__year=f.year)
    return qs
