"""Every org-scoped read of 普法 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import LiterateStatus, SiteStatus, VillageStatus
from .models import Activity, CultureSite, Duty, LegalLiterate, ModelVillage


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


def with_progress(duties: QuerySet[Duty], year: int) -> QuerySet[Duty]:
    """`duties` each with `done`: its unit's activities in `year` (of its kind, if it names one), counted by one
    correlated subquery per row. The 责任清单 page and a department's report reckon completion through it."""
    # of the duty's kind when it names one, else of any kind
    done = Activity.objects.filter(unit=OuterRef("unit"), held_on__year=year).order_by()
    same_kind = done.filter(kind=OuterRef("kind"))
    n_any = done.values("unit").annotate(n=Count("pk")).values("n")
    n_kind = same_kind.values("unit").annotate(n=Count("pk")).values("n")
    return duties.annotate(
        done_any=Coalesce(Subquery(n_any, output_field=IntegerField()), Value(0)),
        done_kind=Coalesce(Subquery(n_kind, output_field=IntegerField()), Value(0)),
    )


def duties_with_progress(user: Viewer, year: int) -> QuerySet[Duty]:
    """The year's 责任清单 items the user may read, with their progress (`with_progress`)."""
    return with_progress(visible_duties(user).filter(year=year).select_related("unit"), year).order_by(
        "unit__path", "id"
    )


def progress(duties: QuerySet[Duty], year: int) -> list[dict[str, Any]]:
    """Each duty, what counts towards it and whether it is complete (rules.is_complete)."""
    from .rules import is_complete

    rows = []
    for d in with_progress(duties, year):
        done = d.done_kind if d.kind else d.done_any  # type: ignore[attr-defined]  # annotated by with_progress
        rows.append({"duty": d, "done": done, "complete": is_complete(done, d.required)})
    return rows


def progress_rows(user: Viewer, year: int) -> list[dict[str, Any]]:
    """The 责任清单 page's rows."""
    return progress(duties_with_progress(user, year), year)


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人 ---------------------------------------------------------------


@dataclass
class RegisterFilters:
    """A register page's filters: text, unit, a choice (阵地类型 / 命名级别) and the status."""

    q: str = ""
    unit: int | None = None
    kind: str = ""
    status: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> RegisterFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            unit=int_param(params, "unit"),
            kind=params.get("kind") or "",
            status=params.get("status") or "",
        )


def _scoped(model: type[Any], user: Viewer) -> QuerySet[Any]:
    qs: QuerySet[Any] = model.objects.filter(org_filter(user, "org", "unit", capability="publicity.view"))
    return qs


def visible_sites(user: Viewer) -> QuerySet[CultureSite]:
    return _scoped(CultureSite, user)


def visible_villages(user: Viewer) -> QuerySet[ModelVillage]:
    return _scoped(ModelVillage, user)


def visible_literates(user: Viewer) -> QuerySet[LegalLiterate]:
    return _scoped(LegalLiterate, user)


#: per register: its visible records, the text fields searched, and the field its `kind` filter reads
REGISTERS: dict[str, tuple[Any, tuple[str, ...], str]] = {
    "sites": (visible_sites, ("name", "location", "township"), "kind"),
    "villages": (visible_villages, ("village", "township", "batch"), "level"),
    "literates": (visible_literates, ("name", "village", "township", "certificate"), ""),
}


def filtered_register(user: Viewer, register: str, f: RegisterFilters) -> QuerySet[Any]:
    visible, fields, kind = REGISTERS[register]
    qs = search(visible(user), f.q, fields)
    lookups = {"unit": "unit_id", "status": "status"} | ({"kind": kind} if kind else {})
    return exact(qs, f, lookups)


def public_sites(root: Org) -> QuerySet[CultureSite]:
    """The sites in use in `root`'s subtree, for the portal (no personal data in this table)."""
    return (
        CultureSite.objects.filter(org__path__startswith=root.path, status=SiteStatus.IN_USE)
        .select_related("unit")
        .order_by("township", "name", "id")
    )


def public_villages(root: Org) -> QuerySet[ModelVillage]:
    """The villages whose name stands in `root`'s subtree, for the portal."""
    return ModelVillage.objects.filter(org__path__startswith=root.path, status=VillageStatus.NAMED).order_by(
        "level", "-named_on", "id"
    )


def literate_counts(root: Org) -> list[dict[str, Any]]:
    """法律明白人 on the register in `root`'s subtree, counted by 乡镇（街道）: counts only, never a person."""
    qs = LegalLiterate.objects.filter(org__path__startswith=root.path, status=LiterateStatus.ACTIVE)
    return list(qs.order_by().values("township").annotate(n=Count("pk")).order_by("township"))
