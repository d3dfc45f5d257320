"""Every org-scoped read of 行政应诉 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

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
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            defendant=int_param(params, "defendant"),
            year=year_param(params),
            due=params.get("due") or "",
            lost=params.get("lost") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[LitigationCase]:
    return LitigationCase.objects.filter(
        org_filter(user, "org", "defendant", capability="litigation.view", owner="created_by")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[LitigationCase]:
    qs = search(visible_cases(user), f.q, ("case_number", "plaintiff", "act_description"))
    qs = exact(
        qs, f, {"status": "status", "defendant": "defendant_id", "year": "complaint_received_on__year"}
    )
    if f.lost == "1":
        qs = qs.filter(lost=True)
    today = timezone.localdate()
    unanswered = qs.filter(status=Status.PENDING, answered_on__isnull=True)
    if f.due == "soon":
        qs = unanswered.filter(answer_due__gte=today, answer_due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = unanswered.filter(answer_due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> LitigationCase:
    """One case the user may read; another org's case is a 404, as if it did not exist."""
    return get_visible(visible_cases(user), pk, user=user, related=("org", "defendant", "reconsideration"))


def due_source() -> DueSource:
    """行政应诉's obligations for the due-date protocol (core/due.py): the 答辩 of every pending, unanswered case,
    owed by the defendant unit. The model names no handler, so the responsible person is left to the org."""

    def queryset(user: Viewer | None) -> QuerySet[LitigationCase]:
        qs = visible_cases(user) if user is not None else LitigationCase.objects.all()
        return qs.filter(status=Status.PENDING, answered_on__isnull=True)

    return DueSource(
        key="litigation.answer",
        label="行政应诉",
        queryset=queryset,
        due_field="answer_due",
        rule=rule_label("litigation.answer", "答辩期限"),
        org="defendant",
        title=lambda c: f"{c.case_number} · {c.plaintiff}",
        url=lambda c: reverse("litigation:detail", args=[c.pk]),
    )
