"""Every org-scoped read of 行政复议 records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fazhi.core.due import DueSource, rule_label
from fazhi.core.pagination import Page, keyset_page
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter

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
    qs = visible_cases(user)
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(applicant_summary__icontains=f.q) | Q(act_description__icontains=f.q))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.respondent:
        qs = qs.filter(respondent_id=f.respondent)
    if f.act_type:
        qs = qs.filter(act_type=f.act_type)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.org:
        qs = qs.filter(org_id=f.org)
    today = timezone.localdate()
    if f.due == "soon":
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__gte=today, next_due__lte=today + timedelta(days=DUE_SOON_DAYS))
    elif f.due == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__lt=today)
    return qs


def case_page(user, f: CaseFilters, *, cursor: str | None = None, size: int = 50) -> Page:
    qs = filtered_cases(user, f).select_related("org", "respondent")
    return keyset_page(qs, date_field="received_on", cursor=cursor, size=size)


def get_case(user, pk: int) -> ReconsiderationCase:
    """One case the user may read; another org's case is a 404, as if it did not exist."""
    case = visible_cases(user).select_related("org", "respondent").filter(pk=pk).first()
    if case is None:
        if not user.is_authenticated:
            raise PermissionDenied
        raise Http404("案件不存在或无权查看")
    return case


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


def due_source():
    """行政复议's obligations for the due-date protocol (core/due.py): the case's current deadline (`next_due`)
    of every open case. The rule follows the status; the 答复 is the respondent's obligation, the others the
    复议机关's. The model names no handler, so the responsible person is left to the org."""
    def queryset(user):
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
