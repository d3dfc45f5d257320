"""Every org-scoped read of 行政应诉 records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter

from .choices import Status
from .models import LitigationCase


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    defendant: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": unanswered cases by answer_due
    lost: str = ""

    @classmethod
    def from_params(cls, params) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            defendant=int_param(params, "defendant"),
            year=year_param(params),
            due=params.get("due") or "",
            lost=params.get("lost") or "",
        )


def visible_cases(user) -> QuerySet[LitigationCase]:
    return LitigationCase.objects.filter(org_filter(user, "org", "defendant"))


def filtered_cases(user, f: CaseFilters) -> QuerySet[LitigationCase]:
    qs = search(visible_cases(user), f.q, ("case_number", "plaintiff", "act_description"))
    qs = exact(qs, f, {"status": "status", "defendant": "defendant_id", "year": "complaint_received_on__year"})
    if f.lost == "1":
        qs = qs.filter(lost=True)
    today = timezone.localdate()
    unanswered = qs.filter(status=Status.PENDING, answered_on__isnull=True)
    if f.due == "soon":
        qs = unanswered.filter(answer_due__gte=today, answer_due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = unanswered.filter(answer_due__lt=today)
    return qs


def get_case(user, pk: int) -> LitigationCase:
    """One case the user may read; another org's case is a 404, as if it did not exist."""
    return get_visible(visible_cases(user), pk, user=user, related=("org", "defendant", "reconsideration"))
