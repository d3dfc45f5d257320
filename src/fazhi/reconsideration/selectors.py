"""Every org-scoped read of 行政复议 records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter

from .choices import OPEN_STATUSES
from .models import ReconsiderationCase

DUE_SOON_DAYS = 7


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    respondent: int | None = None
    act_type: str = ""
    year: int | None = None
    due: str = ""  # "soon" | "overdue"
    org: int | None = None

    @classmethod
    def from_params(cls, params) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            respondent=int_param(params, "respondent"),
            act_type=params.get("act_type") or "",
            year=year_param(params),
            due=params.get("due") or "",
            org=int_param(params, "org"),
        )


def visible_cases(user) -> QuerySet[ReconsiderationCase]:
    """Cases of a 复议机关 in the user's scope, or whose respondent is in it."""
    return ReconsiderationCase.objects.filter(org_filter(user, "org", "respondent"))


def filtered_cases(user, f: CaseFilters) -> QuerySet[ReconsiderationCase]:
    qs = search(visible_cases(user), f.q, ("number", "applicant_summary", "act_description"))
    qs = exact(qs, f, {"status": "status", "respondent": "respondent_id", "act_type": "act_type", "year": "year", "org": "org_id"})
    today = timezone.localdate()
    if f.due == "soon":
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__gte=today, next_due__lte=today + timedelta(days=DUE_SOON_DAYS))
    elif f.due == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__lt=today)
    return qs


def get_case(user, pk: int) -> ReconsiderationCase:
    """One case the user may read; another org's case is a 404, as if it did not exist."""
    return get_visible(visible_cases(user), pk, user=user, related=("org", "respondent"))


def due_counts(user) -> dict[str, int]:
    today = timezone.localdate()
    qs = visible_cases(user).filter(status__in=OPEN_STATUSES, next_due__isnull=False)
    return qs.aggregate(
        overdue=Count("id", filter=Q(next_due__lt=today)),
        soon=Count("id", filter=Q(next_due__gte=today, next_due__lte=today + timedelta(days=DUE_SOON_DAYS))),
        open=Count("id"),
    )


def counts_by_respondent(user, year: int | None = None) -> list[dict]:
    qs = visible_cases(user)
    if year:
        qs = qs.filter(year=year)
    return list(qs.values("respondent__name").annotate(n=Count("id")).order_by("-n")[:20])


def counts_by_act_type(user, year: int | None = None) -> list[dict]:
    qs = visible_cases(user)
    if year:
        qs = qs.filter(year=year)
    return list(qs.values("act_type").annotate(n=Count("id")).order_by("-n"))
