"""Every org-scoped read of 行政复议 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import OPEN_STATUSES, Procedure, Status
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
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            respondent=int_param(params, "respondent"),
            act_type=params.get("act_type") or "",
            year=year_param(params),
            due=params.get("due") or "",
            org=int_param(params, "org"),
        )


def visible_cases(user: Viewer) -> QuerySet[ReconsiderationCase]:
    """Cases of a 复议机关 in the user's scope, or whose respondent is in it."""
    return ReconsiderationCase.objects.filter(
        org_filter(user, "org", "respondent", capability="reconsideration.view", owner="created_by")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[ReconsiderationCase]:
    qs = search(visible_cases(user), f.q, ("number", "applicant_summary", "act_description"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "respondent": "respondent_id",
            "act_type": "act_type",
            "year": "year",
            "org": "org_id",
        },
    )
    today = timezone.localdate()
    if f.due == "soon":
        qs = qs.filter(
            status__in=OPEN_STATUSES, next_due__gte=today, next_due__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
    elif f.due == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> ReconsiderationCase:
    """One case the user may read; another org's case is a 404, as if it did not exist."""
    return get_visible(visible_cases(user), pk, user=user, related=("org", "respondent"))


def due_counts(user: Viewer) -> dict[str, int]:
    today = timezone.localdate()
    qs = visible_cases(user).filter(status__in=OPEN_STATUSES, next_due__isnull=False)
    return qs.aggregate(
        overdue=Count("id", filter=Q(next_due__lt=today)),
        soon=Count("id", filter=Q(next_due__gte=today, next_due__lte=today + timedelta(days=DUE_SOON_DAYS))),
        open=Count("id"),
    )


def counts_by_respondent(user: Viewer, year: int | None = None) -> list[Mapping[str, Any]]:
    qs = visible_cases(user)
    if year:
        qs = qs.filter(year=year)
    return list(qs.values("respondent__name").annotate(n=Count("id")).order_by("-n")[:20])


def counts_by_act_type(user: Viewer, year: int | None = None) -> list[Mapping[str, Any]]:
    qs = visible_cases(user)
    if year:
        qs = qs.filter(year=year)
    return list(qs.values("act_type").annotate(n=Count("id")).order_by("-n"))


def due_source() -> DueSource:
    """行政复议's obligations for the due-date protocol (core/due.py): the case's current deadline (`next_due`)
    of every open case. The rule follows the status; the 答复 is the respondent's obligation, the others the
    复议机关's. The model names no handler, so the responsible person is left to the org."""

    def queryset(user: Viewer | None) -> QuerySet[ReconsiderationCase]:
        qs = visible_cases(user) if user is not None else ReconsiderationCase.objects.all()
        return qs.filter(status__in=OPEN_STATUSES)

    replying = Q(status=Status.HEARING, next_due=F("reply_due"))
    simplified = Q(procedure=Procedure.SIMPLIFIED)
    rule = Case(
        When(status=Status.RECEIVED, then=Value(rule_label("reconsideration.acceptance_review"))),
        When(status=Status.CORRECTION, then=Value(rule_label("reconsideration.correction_submission"))),
        When(replying & simplified, then=Value(rule_label("reconsideration.reply_simplified"))),
        When(replying, then=Value(rule_label("reconsideration.reply"))),
        When(simplified, then=Value(rule_label("reconsideration.decision_simplified"))),
        default=Value(rule_label("reconsideration.decision_ordinary")),
    )
    return DueSource(
        key="reconsideration.case",
        label="行政复议",
        queryset=queryset,
        due_field="next_due",
        rule=rule,
        org=Case(When(replying, then=F("respondent_id")), default=F("org_id")),
        title=lambda c: f"{c.number} · {c.applicant_summary}",
        url=lambda c: reverse("reconsideration:detail", args=[c.pk]),
    )


# ---------------------------------------------------------------------------------------------------------
# Dashboard charts (declared on the AppConfig: `dashboard_charts`); each takes (org, year, *, min_sample) and
# returns a chart spec for indicators/dashboard.html (kinds drawn by static/fazhi/dashboard.js).


def monthly_trend(org: Org, year: int, *, min_sample: int) -> dict[str, Any]:
    """Cases received and decided per month of `year` in `org`'s subtree (the indicators' scope)."""
    from django.db.models.functions import ExtractMonth

    from .indicators import scoped

    base = scoped(org)

    def by_month(field: str) -> dict[int, int]:
        rows = base.filter(**{f"{field}__year": year}).annotate(m=ExtractMonth(field)).values("m")
        return dict(rows.annotate(n=Count("id")).values_list("m", "n"))

    received, concluded = by_month("received_on"), by_month("decided_on")
    months = range(1, 13)
    return {
        "id": "trend",
        "title": "行政复议月度收案与审结",
        "kind": "series",
        "width": 7,
        "empty": "",
        "data": {
            "categories": [f"{m}月" for m in months],
            "series": [
                {"name": "收案", "type": "bar", "data": [received.get(m, 0) for m in months]},
                {"name": "审结", "type": "line", "data": [concluded.get(m, 0) for m in months]},
            ],
        },
    }


def respondent_ranking(org: Org, year: int, *, min_sample: int) -> dict[str, Any]:
    """Units ranked by correction rate of the cases they were respondent in and that were decided in `year`;
    only units with at least `min_sample` decided cases, so 1 case at 100% does not top the table."""
    from .indicators import scoped
    from .rules import correction_decisions

    rows = (
        scoped(org)
        .filter(decided_on__year=year)
        .values("respondent__name")
        .annotate(n=Count("id"), corrected=Count("id", filter=Q(decision__in=correction_decisions())))
        .filter(n__gte=min_sample)
    )
    out = [
        {
            "name": r["respondent__name"],
            "n": r["n"],
            "corrected": r["corrected"],
            "rate": round(100 * r["corrected"] / r["n"], 1),
        }
        for r in rows
    ]
    return {
        "id": "ranking",
        "title": f"被申请人纠错率排名（审结 ≥ {min_sample} 件）",
        "kind": "ranking",
        "width": 5,
        "empty": "没有审结案件达到最小样本的单位。",
        "data": sorted(out, key=lambda r: (-r["rate"], -r["n"]))[:15],
    }
