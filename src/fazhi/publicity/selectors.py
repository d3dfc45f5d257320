"""Every org-scoped read of 普法 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .models import Activity, Duty


@dataclass
class CaseFilters:
    q: str = ""
    kind: str = ""
    unit: int | None = None
    year: int | None = None
    status: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            kind=params.get("kind") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            status=params.get("status") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Activity]:
    return Activity.objects.filter(org_filter(user, "org", "unit", capability="publicity.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Activity]:
    qs = search(visible_cases(user), f.q, ("title", "place", "lecturers"))
    return exact(qs, f, {"kind": "kind", "unit": "unit_id", "year": "held_on__year", "status": "status"})


def get_case(user: Viewer, pk: int) -> Activity:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def visible_duties(user: Viewer) -> QuerySet[Duty]:
    return Duty.objects.filter(org_filter(user, "org", "unit", capability="publicity.view"))


def duties_with_progress(user: Viewer, year: int) -> QuerySet[Duty]:
    """The year's 责任清单 items the user may read, each with `done`: its unit's activities that year (of its
    kind, if it names one), counted by one correlated subquery per row."""
    # of the duty's kind when it names one, else of any kind
    done = Activity.objects.filter(unit=OuterRef("unit"), held_on__year=year).order_by()
    same_kind = done.filter(kind=OuterRef("kind"))
    n_any = done.values("unit").annotate(n=Count("pk")).values("n")
    n_kind = same_kind.values("unit").annotate(n=Count("pk")).values("n")
    return (
        visible_duties(user)
        .filter(year=year)
        .select_related("unit")
        .annotate(
            done_any=Coalesce(Subquery(n_any, output_field=IntegerField()), Value(0)),
            done_kind=Coalesce(Subquery(n_kind, output_field=IntegerField()), Value(0)),
        )
        .order_by("unit__path", "id")
    )


def progress_rows(user: Viewer, year: int) -> list[dict[str, Any]]:
    """The 责任清单 page's rows: each duty, what counts towards it and whether it is complete."""
    from .rules import is_complete

    rows = []
    for d in duties_with_progress(user, year):
        done = d.done_kind if d.kind else d.done_any  # type: ignore[attr-defined]  # annotated above
        rows.append({"duty": d, "done": done, "complete": is_complete(done, d.required)})
    return rows
