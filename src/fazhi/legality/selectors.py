"""Every org-scoped read of 合法性审核 and of the 法律顾问/公职律师 register.

A unit's clerk sees the requests its unit submitted and the counsel serving it; the 法制机构 (office, reviewer)
the whole jurisdiction's; a higher level its subtree's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import OPEN_STATUSES, CounselStatus
from .models import Counsel, CounselOpinion, ReviewPoint, ReviewRequest


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": open requests by due_on
    opinion: str = ""
    late: str = ""  # "1": submitted with less than the statutory review time

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            kind=params.get("kind") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            opinion=params.get("opinion") or "",
            late=params.get("late") or "",
        )


def visible_cases(user: Viewer | None) -> QuerySet[ReviewRequest]:
    return ReviewRequest.objects.filter(org_filter(user, "org", "unit", capability="legality.view"))


def filtered_cases(user: Viewer | None, f: CaseFilters) -> QuerySet[ReviewRequest]:
    qs = search(visible_cases(user), f.q, ("number", "title", "subject_ref"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "kind": "subject_kind",
            "unit": "unit_id",
            "year": "received_on__year",
            "opinion": "opinion",
        },
    )
    if f.late == "1":
        qs = qs.filter(short_notice=True)
    today = timezone.localdate()
    open_ = qs.filter(status__in=OPEN_STATUSES)
    if f.due == "soon":
        qs = open_.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = open_.filter(due_on__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> ReviewRequest:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit", "reviewer"))


def counsel_opinions(request: ReviewRequest) -> QuerySet[CounselOpinion]:
    return (
        request.counsel_opinions.filter(counsel__voided_at__isnull=True)
        .select_related("counsel")
        .order_by("given_on", "id")
    )


def due_source() -> DueSource:
    """The 合法性审核 requests still open (已收件, 审核中) by the office's own time limit, owed by the reviewing
    jurisdiction and its 承办人. A returned request has no due date until its materials come back."""

    def queryset(user: Viewer | None) -> QuerySet[ReviewRequest]:
        qs = visible_cases(user) if user is not None else ReviewRequest.objects.all()
        return qs.filter(status__in=OPEN_STATUSES)

    return DueSource(
        key="legality.review",
        label="合法性审核",
        queryset=queryset,
        due_field="due_on",
        rule="合法性审核办理时限（本级规定）",
        org="org",
        person="reviewer",
        title=lambda r: f"{r.number} · {r.title}",
        url=lambda r: reverse("legality:detail", args=[r.pk]),
    )


# -- the 法律顾问/公职律师 register ------------------------------------------------------------------------


@dataclass
class CounselFilters:
    q: str = ""
    kind: str = ""
    unit: int | None = None
    status: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CounselFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            kind=params.get("kind") or "",
            unit=int_param(params, "unit"),
            status=params.get("status") or "",
            year=year_param(params),
        )


def visible_counsel(user: Viewer | None) -> QuerySet[Counsel]:
    return Counsel.objects.filter(org_filter(user, "org", "unit", capability="legality.view"))


def filtered_counsel(user: Viewer | None, f: CounselFilters) -> QuerySet[Counsel]:
    qs = search(visible_counsel(user), f.q, ("name", "firm", "certificate_no"))
    qs = exact(qs, f, {"kind": "kind", "unit": "unit_id", "year": "start_on__year"})
    if f.status:
        qs = qs.filter(status=f.status)
    return qs


def get_counsel(user: Viewer, pk: int) -> Counsel:
    return get_visible(visible_counsel(user), pk, user=user, related=("org", "unit"))


def counsel_choices(request: ReviewRequest) -> QuerySet[Counsel]:
    """The counsel in office on the register of the request's jurisdiction or of a jurisdiction above it."""
    ancestors = [c for c in request.org.path.strip("/").split("/") if c]
    return (
        Counsel.objects.filter(status=CounselStatus.ACTIVE, org__code__in=ancestors)
        .select_related("unit")
        .order_by("kind", "name", "id")
    )


# (selector module of the counsel CaseKind: casework.Counsel names its functions)
class counsel_module:  # noqa: N801 - a namespace the casework kit reads as a selectors module
    CaseFilters = CounselFilters
    visible_cases = staticmethod(visible_counsel)
    filtered_cases = staticmethod(filtered_counsel)


def visible_points(user: Viewer | None) -> QuerySet[ReviewPoint]:
    return ReviewPoint.objects.filter(
        org_filter(user, "org", "unit", capability="legality.view"), request__voided_at__isnull=True
    )


def visible_counsel_opinions(user: Viewer | None) -> QuerySet[CounselOpinion]:
    return CounselOpinion.objects.filter(
        org_filter(user, "org", "unit", capability="legality.view"),
        request__voided_at__isnull=True,
        counsel__voided_at__isnull=True,
    )


def clearance(org: Org, number: str) -> str:
    """For the apps downstream of a review (规范性文件 印发, 重大行政决策 讨论决定): "" when request `number` of
    `org`'s jurisdiction (whose 法制机构 reviews the drafts of `org`) has an opinion that lets the draft go on, else
    the Chinese refusal citing 决策条例 第二十五条第二款. They name the request by its number, never by a foreign
    key."""
    from .rules import JUECE, allows

    found = ReviewRequest.objects.filter(number=number.strip(), org=org.jurisdiction()).first()
    article = f"（{JUECE}第二十五条第二款：未经合法性审查或者经审查不合法的，不得提交决策机关讨论）"
    if found is None:
        return f"找不到合法性审核事项「{number}」，请先送请合法性审核{article}"
    if not found.opinion:
        return f"合法性审核事项「{found.number}」尚未出具审核意见{article}"
    if not allows(found.opinion):
        return f"合法性审核事项「{found.number}」的审核结论为「{found.get_opinion_display()}」{article}"
    return ""
