"""Every org-scoped read of 矛盾纠纷 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import Status
from .models import Dispute


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    channel: str = ""
    kind: str = ""
    source: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": disputes still being mediated, by the 调结 time limit

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            channel=params.get("channel") or "",
            kind=params.get("kind") or "",
            source=params.get("source") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Dispute]:
    return Dispute.objects.filter(
        org_filter(user, "org", "unit", capability="mediation.view", owner="created_by")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Dispute]:
    qs = search(visible_cases(user), f.q, ("number", "parties", "summary", "committee"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "channel": "channel",
            "kind": "kind",
            "source": "source",
            "unit": "unit_id",
            "year": "received_on__year",
        },
    )
    today = timezone.localdate()
    open_ = qs.filter(status=Status.MEDIATING)
    if f.due == "soon":
        qs = open_.filter(handling_due__gte=today, handling_due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = open_.filter(handling_due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Dispute:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def due_source() -> DueSource:
    """调结 of every dispute still being mediated (the local time limit), owed by the mediating unit."""

    def queryset(user: Viewer | None) -> QuerySet[Dispute]:
        qs = visible_cases(user) if user is not None else Dispute.objects.all()
        return qs.filter(status=Status.MEDIATING)

    return DueSource(
        key="mediation.handling",
        label="矛盾纠纷调处",
        queryset=queryset,
        due_field="handling_due",
        rule="调结期限（《人民调解工作若干规定》第三十三条“一般在一个月内调结”，本级设置）",
        org="unit",
        title=lambda d: f"{d.number} · {d.parties}",
        url=lambda d: reverse("mediation:detail", args=[d.pk]),
    )
