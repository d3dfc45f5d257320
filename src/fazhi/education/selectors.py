"""Every org-scoped read of 学法用法 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .models import Attendance, StudyListItem, StudySession


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


def visible_cases(user: Viewer) -> QuerySet[StudySession]:
    return StudySession.objects.filter(org_filter(user, "org", "unit", capability="education.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[StudySession]:
    qs = search(visible_cases(user), f.q, ("title", "laws", "speaker", "meeting", "court_case"))
    return exact(qs, f, {"kind": "kind", "unit": "unit_id", "year": "held_on__year", "status": "status"})


def get_case(user: Viewer, pk: int) -> StudySession:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def visible_list_items(user: Viewer) -> QuerySet[StudyListItem]:
    """The 学法清单 entries the user may read (the unit's own, its jurisdiction's and the ancestors' lists)."""
    return StudyListItem.objects.filter(org_filter(user, "org", capability="education.view"))


def person_record(user: Viewer, name: str, year: int, *, person: Any = None) -> QuerySet[Attendance]:
    """One person's study record in a year (述法): the sessions the user may read that they attended. With
    `person` (a system user), the attendances linked to that user; without, the attendances of `name` linked
    to nobody, so that two people of one name do not merge."""
    who = Q(user=person) if person is not None else Q(name=name, user__isnull=True)
    return (
        Attendance.objects.filter(who, session__in=visible_cases(user), session__held_on__year=year)
        .select_related("session")
        .order_by("session__held_on")
    )
