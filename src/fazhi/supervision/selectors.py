"""Every org-scoped read of 督察, 考评 and 述法 records.

A problem is read by whoever may read its responsible org (the unit's own clerk, the offices above it);
inspections, schemes and 述法 by whoever may read their org."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from . import rules
from .choices import OPEN_PROBLEM_STATUSES, ItemMethod, ProblemStatus, Tier
from .models import Evidence, Inspection, Interview, Problem, Scheme, SchemeItem, Shufa, UnitScore

VIEW = "supervision.view"


# -- 问题台账 ------------------------------------------------------------------------------------------------
@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    source: str = ""
    org: int | None = None
    inspection: int | None = None
    year: int | None = None
    due: str = ""  # "overdue": 整改逾期

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            source=params.get("source") or "",
            org=int_param(params, "org"),
            inspection=int_param(params, "inspection"),
            year=year_param(params),
            due=params.get("due") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Problem]:
    """The problems whose responsible org the user may read. The responsible org is always inside the subtree of
    the ledger's jurisdiction (services.ledger_org), so an office (whose scope is its subtree) sees its whole
    ledger; filtering on one column keeps the list and its figures on one index (bench/supervision_speed.py)."""
    return Problem.objects.filter(org_filter(user, "org", capability=VIEW))


def overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_PROBLEM_STATUSES, rectify_due__lt=today)


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Problem]:
    qs = search(visible_cases(user), f.q, ("description", "measures", "category", "source_ref"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "source": "source",
            "org": "org_id",
            "inspection": "inspection_id",
            "year": "found_on__year",
        },
    )
    if f.due == "overdue":
        qs = qs.filter(overdue_q(timezone.localdate()))
    return qs


def get_case(user: Viewer, pk: int) -> Problem:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "jurisdiction", "inspection"))


@dataclass(frozen=True)
class ProblemFigures:
    """督察发现问题 X 个，已整改 X 个，整改率 X%，整改逾期 X 个 — over the problems a user sees."""

    found: int
    rectified: int
    overdue: int

    @property
    def rate(self) -> Decimal | None:
        if not self.found:
            return None
        return (Decimal(self.rectified) * 100 / self.found).quantize(Decimal("0.1"))


def problem_figures(qs: QuerySet[Problem], today: date | None = None) -> ProblemFigures:
    """The figures of a problem list in one aggregate query."""
    today = today or timezone.localdate()
    got = qs.aggregate(
        found=Count("pk"),
        rectified=Count("pk", filter=Q(status=ProblemStatus.CLOSED)),
        overdue=Count("pk", filter=overdue_q(today)),
    )
    return ProblemFigures(got["found"], got["rectified"], got["overdue"])


def due_source() -> DueSource:
    """整改 owed by the responsible unit (待整改/整改中 with a deadline) for the due-date protocol."""

    def queryset(user: Viewer | None) -> QuerySet[Problem]:
        qs = visible_cases(user) if user is not None else Problem.objects.all()
        return qs.filter(status__in=OPEN_PROBLEM_STATUSES)

    return DueSource(
        key="supervision.rectify",
        label="督察整改",
        queryset=queryset,
        due_field="rectify_due",
        rule=f"整改期限（{rules.RULE}）",
        org="org",
        title=lambda p: p.description[:40],
        url=lambda p: reverse("supervision:detail", args=[p.pk]),
    )


# -- 督察 ----------------------------------------------------------------------------------------------------
@dataclass
class InspectionFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> InspectionFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            kind=params.get("kind") or "",
            year=year_param(params),
        )


def visible_inspections(user: Viewer) -> QuerySet[Inspection]:
    return Inspection.objects.filter(org_filter(user, "org", capability=VIEW))


def filtered_inspections(user: Viewer, f: InspectionFilters) -> QuerySet[Inspection]:
    qs = search(visible_inspections(user), f.q, ("title", "scope", "inspectors"))
    qs = exact(qs, f, {"status": "status", "kind": "kind", "year": "started_on__year"})
    return qs.annotate(problem_count=Count("problems"))


def visible_coverage(user: Viewer) -> QuerySet[Any]:
    """督察覆盖: the (督察, 被督察单位) rows of live inspections whose inspected unit the user may read (the list a
    督察覆盖单位 figure drills down to)."""
    through = Inspection.inspected_units.through
    return through.objects.filter(
        org_filter(user, "org", capability=VIEW), inspection__voided_at__isnull=True
    )


# -- 约谈 ----------------------------------------------------------------------------------------------------
@dataclass
class InterviewFilters:
    q: str = ""
    status: str = ""
    org: int | None = None
    inspection: int | None = None
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> InterviewFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            org=int_param(params, "org"),
            inspection=int_param(params, "inspection"),
            year=year_param(params),
        )


def visible_interviews(user: Viewer) -> QuerySet[Interview]:
    """The 约谈 of a unit the user may read (the interviewed unit, or the offices above it)."""
    return Interview.objects.filter(org_filter(user, "org", capability=VIEW))


def filtered_interviews(user: Viewer, f: InterviewFilters) -> QuerySet[Interview]:
    qs = search(visible_interviews(user), f.q, ("leader", "title", "reason", "requirements", "outcome"))
    return exact(
        qs,
        f,
        {"status": "status", "org": "org_id", "inspection": "inspection_id", "year": "held_on__year"},
    )


# -- 考评 ----------------------------------------------------------------------------------------------------
@dataclass
class SchemeFilters:
    q: str = ""
    status: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SchemeFilters:
        return cls(
            q=(params.get("q") or "").strip(), status=params.get("status") or "", year=year_param(params)
        )


def visible_schemes(user: Viewer) -> QuerySet[Scheme]:
    return Scheme.objects.filter(org_filter(user, "org", capability=VIEW))


def filtered_schemes(user: Viewer, f: SchemeFilters) -> QuerySet[Scheme]:
    qs = search(visible_schemes(user), f.q, ("name",))
    return exact(qs, f, {"status": "status", "year": "year"})


def assessed_units(scheme: Scheme) -> list[Org]:
    """Who a scheme assesses: the jurisdiction's governments one level down and its departments (单位)."""
    return list(Org.objects.filter(parent=scheme.org, is_active=True).order_by("kind", "sort", "code"))


def tier_of(org: Org) -> str:
    return Tier.DEPARTMENT if org.kind == "unit" else Tier.GOVERNMENT


@dataclass
class RankRow:
    unit: Org
    total: Decimal
    rank: int
    scores: dict[int, UnitScore] = field(default_factory=dict)  # item id -> score
    cells: list[UnitScore | None] = field(default_factory=list)  # per item of the scheme, in order
    evidence_count: int = 0  # 考评材料 the reader may see (the scheme page fills it)


@dataclass
class Ranking:
    tier: str
    label: str
    rows: list[RankRow]


def ranking(scheme: Scheme) -> list[Ranking]:
    """Totals and ranks per peer group (governments with governments, departments with departments), each row
    with its scores per item: three queries whatever the number of units and items."""
    units = assessed_units(scheme)
    scores: dict[int, dict[int, UnitScore]] = {u.id: {} for u in units}
    for s in UnitScore.objects.filter(item__scheme=scheme):
        scores.setdefault(s.unit_id, {})[s.item_id] = s
    by_id = {u.id: u for u in units}
    item_ids = list(scheme.items.order_by("seq", "id").values_list("id", flat=True))
    out = []
    for tier in Tier:
        members = [u for u in units if tier_of(u) == tier]
        if not members:
            continue
        totals = [(u.id, sum((s.score for s in scores[u.id].values()), Decimal(0))) for u in members]
        rows = [
            RankRow(
                by_id[r.unit_id],
                r.total,
                r.rank,
                scores[r.unit_id],
                [scores[r.unit_id].get(i) for i in item_ids],
            )
            for r in rules.rank(totals)
        ]
        out.append(Ranking(tier, tier.label, rows))
    return out


def indicator_items(scheme: Scheme) -> QuerySet[SchemeItem]:
    return scheme.items.filter(method=ItemMethod.INDICATOR).exclude(indicator="")


# -- 考评材料 ------------------------------------------------------------------------------------------------
@dataclass
class EvidenceFilters:
    q: str = ""
    status: str = ""
    scheme: int | None = None
    item: int | None = None
    org: int | None = None
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> EvidenceFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            scheme=int_param(params, "scheme"),
            item=int_param(params, "item"),
            org=int_param(params, "org"),
            year=year_param(params),
        )


def visible_evidence(user: Viewer) -> QuerySet[Evidence]:
    """考评材料: the unit's own, and every unit's for the offices and assessors above it."""
    return Evidence.objects.filter(org_filter(user, "org", capability=VIEW))


def filtered_evidence(user: Viewer, f: EvidenceFilters) -> QuerySet[Evidence]:
    qs = search(visible_evidence(user), f.q, ("note", "comment"))
    return exact(
        qs,
        f,
        {
            "status": "status",
            "scheme": "item__scheme_id",
            "item": "item_id",
            "org": "org_id",
            "year": "item__scheme__year",
        },
    )


def evidence_by_cell(scheme: Scheme, user: Viewer) -> dict[tuple[int, int], list[Evidence]]:
    """(item id, unit id) → the evidence the user may read for that score cell (one query)."""
    out: dict[tuple[int, int], list[Evidence]] = {}
    for e in visible_evidence(user).filter(item__scheme=scheme).select_related("org", "item").order_by("id"):
        out.setdefault((e.item_id, e.org_id), []).append(e)
    return out


# -- 述法 ----------------------------------------------------------------------------------------------------
@dataclass
class ShufaFilters:
    q: str = ""
    status: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ShufaFilters:
        return cls(
            q=(params.get("q") or "").strip(), status=params.get("status") or "", year=year_param(params)
        )


def visible_shufa(user: Viewer) -> QuerySet[Shufa]:
    return Shufa.objects.filter(org_filter(user, "org", capability=VIEW))


def person_candidates(org: Org, name: str) -> list[Any]:
    """The Fazhi users a 述法人's name may mean: the active users of that full name who are members of the
    leader's unit, else (none there) every active user of that name. One is a match; more are ambiguous."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(first_name=name.strip(), is_active=True).order_by("pk")
    members = list(users.filter(memberships__org=org).distinct())
    return members or list(users)


def study_record(user: Viewer, record: Shufa) -> list[Any] | None:
    """The leader's 学法 in the 述法 year, read from the 学法用法 app's attendance records: those of the person
    (record.person, the attendance's system user); a 述法 not linked to a person reads the attendances of its
    name that are not linked to anyone either, so two people of one name never merge. The sessions the user may
    read; None when that app is not installed."""
    from django.apps import apps

    if not apps.is_installed("fazhi.education"):
        return None
    person_record = import_string("fazhi.education.selectors.person_record")
    return list(person_record(user, record.leader, record.year, person=record.person))


def filtered_shufa(user: Viewer, f: ShufaFilters) -> QuerySet[Shufa]:
    qs = search(visible_shufa(user), f.q, ("leader", "title", "meeting"))
    return exact(qs, f, {"status": "status", "year": "year"})
