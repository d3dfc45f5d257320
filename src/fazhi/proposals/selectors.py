"""Every org-scoped read of 建议提案 records, and their due-date source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import Status
from .models import Proposal


@dataclass
class CaseFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    unit: int | None = None
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            kind=params.get("kind") or "",
            status=params.get("status") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
        )


def visible_cases(user: Viewer) -> QuerySet[Proposal]:
    return Proposal.objects.filter(org_filter(user, "org", "unit", capability="proposals.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Proposal]:
    qs = search(visible_cases(user), f.q, ("number", "title", "proposer"))
    return exact(qs, f, {"kind": "kind", "status": "status", "unit": "unit_id", "year": "assigned_on__year"})


def get_case(user: Viewer, pk: int) -> Proposal:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def due_source() -> DueSource:
    """The written answer of every assigned, unanswered 建议提案, owed by its lead unit, by the local rule."""

    def queryset(user: Viewer | None) -> QuerySet[Proposal]:
        qs = visible_cases(user) if user is not None else Proposal.objects.all()
        return qs.filter(status=Status.ASSIGNED)

    return DueSource(
        key="proposals.reply",
        label="建议提案",
        queryset=queryset,
        due_field="due_on",
        rule="答复期限（本地建议提案办理办法，交办之日起计算的月数见机构设置）",
        org="unit",
        title=lambda p: f"{p} · {p.title}",
        url=lambda p: reverse("proposals:detail", args=[p.pk]),
    )
