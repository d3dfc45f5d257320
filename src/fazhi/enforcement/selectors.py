"""Every org-scoped read of 行政执法 records: a unit's clerk sees its own ledger and officers, the 执法监督科 (the
office) its jurisdiction's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DateField, Exists, OuterRef, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.jsettings import get_setting
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter, scope_for
from fazhi.core.types import Viewer

from .choices import (
    ZERO_ENFORCEMENT_TYPES,
    CertStatus,
    PowerStatus,
    PowerType,
    RectifyStatus,
    Status,
    WarningKind,
    WarningState,
)
from .models import (
    CaseFileReview,
    EnforcementCase,
    EnforcementWarning,
    Officer,
    PowerItem,
    Rectification,
    ReviewCampaign,
)

CERT_WARNING_DAYS = 90  # 执法证 expiring within 90 days appear in the warnings
TRAINING_SETTING = "enforcement.training_hours"


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": undecided 行政处罚 cases by decision_due
    lenient: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            kind=params.get("kind") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            lenient=params.get("lenient") or "",
        )


def visible_cases(user: Viewer | None) -> QuerySet[EnforcementCase]:
    """By the unit alone: the case's org is the unit's jurisdiction, so a jurisdiction's subtree holds the unit
    whenever it holds the org, and one indexed IN (not an OR over two columns) serves the ledger's pages."""
    return EnforcementCase.objects.filter(org_filter(user, "unit", capability="enforcement.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[EnforcementCase]:
    qs = search(visible_cases(user), f.q, ("case_number", "party", "facts"))
    qs = exact(qs, f, {"status": "status", "kind": "kind", "unit": "unit_id", "year": "filed_on__year"})
    if f.lenient == "1":
        qs = qs.exclude(leniency="")
    today = timezone.localdate()
    undecided = qs.filter(decided_on__isnull=True, decision_due__isnull=False)
    if f.due == "soon":
        qs = undecided.filter(decision_due__gte=today, decision_due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = undecided.filter(decision_due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> EnforcementCase:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def visible_officers(user: Viewer | None) -> QuerySet[Officer]:
    return Officer.objects.filter(org_filter(user, "unit", capability="enforcement.view"))


def officers_of(user: Viewer, unit: Org) -> QuerySet[Officer]:
    """The officers of `unit` the user may name on a case."""
    return visible_officers(user).filter(unit=unit).order_by("name", "id")


def visible_campaigns(user: Viewer | None) -> QuerySet[ReviewCampaign]:
    return ReviewCampaign.objects.filter(org_filter(user, "org", capability="enforcement.view"))


def visible_reviews(user: Viewer | None) -> QuerySet[CaseFileReview]:
    """The sampled files a user reads: every file of a campaign where they hold the office capability
    (enforcement.manage), their own assigned files (a reviewer sees and scores only those), and, for those who
    only read there (leaders: enforcement.view without enforcement.handle), every file of the campaign."""
    if user is None or not getattr(user, "is_authenticated", False):
        return CaseFileReview.objects.none()
    scope = scope_for(user)
    read_only = scope.ids("enforcement.view") - scope.ids("enforcement.handle")
    return CaseFileReview.objects.filter(
        org_filter(user, "campaign__org", capability="enforcement.manage")
        | Q(reviewer=user)
        | Q(campaign__org_id__in=read_only)
    ).select_related("case", "case__unit", "campaign")


def reviewer_candidates(campaign: ReviewCampaign) -> QuerySet[Any]:
    """Who may be named a reviewer of `campaign`: the active users with a membership in its jurisdiction (those
    of a reviewed unit are refused per file, services.reviewer_conflict)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__org__path__startswith=campaign.org.path)
        .distinct()
        .order_by("first_name", "username")
    )


def campaign_progress(campaign: ReviewCampaign) -> dict[str, int]:
    """The campaign's progress: files drawn, assigned, scored, and its 整改 open (not yet 销号) and closed."""
    reviews = campaign.reviews.aggregate(
        total=Count("id"),
        assigned=Count("id", filter=Q(reviewer__isnull=False)),
        scored=Count("id", filter=Q(score__isnull=False)),
    )
    rects = Rectification.objects.filter(review__campaign=campaign).aggregate(
        rectify_open=Count("id", filter=~Q(status=RectifyStatus.CLOSED)),
        rectify_closed=Count("id", filter=Q(status=RectifyStatus.CLOSED)),
    )
    return {**reviews, **rects}


# -- 评查整改 ---------------------------------------------------------------------------------------------


@dataclass
class RectifyFilters:
    q: str = ""
    status: str = ""
    unit: int | None = None
    campaign: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> RectifyFilters:
        status = params.get("status", "")
        return cls(
            q=(params.get("q") or "").strip(),
            status=status if status in RectifyStatus.values else "",
            unit=int_param(params, "unit"),
            campaign=int_param(params, "campaign"),
        )


def visible_rectifications(user: Viewer | None) -> QuerySet[Rectification]:
    """The reviewed unit reads its own 整改, the office its jurisdiction's."""
    return Rectification.objects.filter(org_filter(user, "unit", "org", capability="enforcement.view"))


def filtered_rectifications(user: Viewer, f: RectifyFilters) -> QuerySet[Rectification]:
    qs = search(visible_rectifications(user), f.q, ("number", "problems", "review__case__case_number"))
    return exact(qs, f, {"status": "status", "unit": "unit_id", "campaign": "review__campaign_id"})


def rectification_due_source() -> DueSource:
    """The 评查整改 a reviewed unit still owes, due on the campaign's deadline (enforcement.rectify_days)."""

    def queryset(user: Viewer | None) -> QuerySet[Rectification]:
        qs = visible_rectifications(user) if user is not None else Rectification.objects.all()
        return qs.filter(status=RectifyStatus.OPEN)

    return DueSource(
        key="enforcement.rectify",
        label="案卷评查整改",
        queryset=queryset,
        due_field="due",
        rule="案卷评查整改期限（本级设置：自评查之日起的日数）",
        org="unit",
        title=lambda r: f"{r.number} · {r.problems[:40]}",
        url=lambda r: reverse("enforcement:rectify_detail", args=[r.pk]),
    )


def training_shortfall(qs: QuerySet[Officer], year: int) -> QuerySet[Officer]:
    """Officers with a valid certificate whose training hours of `year` are below their jurisdiction's
    requirement (`enforcement.training_hours`, set per jurisdiction; officers without a record of the year
    count as 0 hours)."""
    valid = qs.filter(cert_status=CertStatus.VALID)
    cond = Q(pk__in=[])
    for org in Org.objects.filter(pk__in=valid.values("org_id").distinct()):
        required = get_setting(org, TRAINING_SETTING)
        cond |= Q(org=org) & (Q(training_hours__lt=required) | ~Q(training_year=year))
    return valid.filter(cond)


def expiring_certificates(qs: QuerySet[Officer], today: date) -> QuerySet[Officer]:
    return qs.filter(cert_status=CertStatus.VALID, expires_on__lte=today + timedelta(days=CERT_WARNING_DAYS))


# -- due-date protocol (core/due.py) ----------------------------------------------------------------------


def decision_due_source() -> DueSource:
    """The 行政处罚决定 owed within 90 days of 立案 (第六十条), by the unit."""

    def queryset(user: Viewer | None) -> QuerySet[EnforcementCase]:
        qs = visible_cases(user) if user is not None else EnforcementCase.objects.all()
        return qs.filter(kind=PowerType.PENALTY, status=Status.FILED, decided_on__isnull=True)

    return DueSource(
        key="enforcement.decision",
        label="行政执法",
        queryset=queryset,
        due_field="decision_due",
        rule=rule_label("enforcement.penalty_decision", "行政处罚决定期限"),
        org="unit",
        title=lambda c: f"{c.case_number} · {c.party or c.facts}",
        url=lambda c: reverse("enforcement:detail", args=[c.pk]),
    )


def publish_due_source() -> DueSource:
    """Decisions not yet published (国办发〔2018〕118号: 7 or 20 working days)."""

    def queryset(user: Viewer | None) -> QuerySet[EnforcementCase]:
        qs = visible_cases(user) if user is not None else EnforcementCase.objects.all()
        return qs.filter(decided_on__isnull=False, published_on__isnull=True)

    return DueSource(
        key="enforcement.publish",
        label="行政执法公示",
        queryset=queryset,
        due_field="publish_due",
        rule="执法决定公示期限（国办发〔2018〕118号：许可、处罚7个工作日，其他20个工作日）",
        org="unit",
        title=lambda c: f"{c.case_number} · 执法决定公示",
        url=lambda c: reverse("enforcement:detail", args=[c.pk]),
    )


def certificate_due_source() -> DueSource:
    """Warnings: 执法证 expiring within 90 days (or expired while still marked 有效), due on the expiry date."""

    def queryset(user: Viewer | None) -> QuerySet[Officer]:
        qs = visible_officers(user) if user is not None else Officer.objects.all()
        return expiring_certificates(qs, timezone.localdate())

    return DueSource(
        key="enforcement.certificate",
        label="执法证件到期预警",
        queryset=queryset,
        due_field="expires_on",
        rule="执法证有效期届满（到期前90日预警）",
        org="unit",
        title=lambda o: f"{o.name} · 执法证 {o.cert_number}",
        url=lambda o: reverse("enforcement:officers") + f"?q={o.cert_number}",
    )


def warning_due_source() -> DueSource:
    """Open 执法监督预警, due on the day the unit's written explanation is owed (rules.warning_reply_deadline)."""

    def queryset(user: Viewer | None) -> QuerySet[EnforcementWarning]:
        qs = visible_warnings(user) if user is not None else EnforcementWarning.objects.all()
        return qs.filter(state=WarningState.OPEN, reply_due__isnull=False)

    return DueSource(
        key="enforcement.warning",
        label="执法监督预警",
        queryset=queryset,
        due_field="reply_due",
        rule=rule_label("enforcement.warning_reply", "执法监督预警单位说明期限"),
        org="unit",
        title=lambda w: f"{w.get_kind_display()} · {w.detail[:60]}",
        url=lambda w: reverse("enforcement:warning_close", args=[w.pk]),
    )


def training_due_source() -> DueSource:
    """Warnings: officers below their jurisdiction's yearly training hours, due at the end of the year."""

    def queryset(user: Viewer | None) -> QuerySet[Officer]:
        today = timezone.localdate()
        qs = visible_officers(user) if user is not None else Officer.objects.all()
        return training_shortfall(qs, today.year).annotate(
            training_due=Value(date(today.year, 12, 31), output_field=DateField())
        )

    return DueSource(
        key="enforcement.training",
        label="执法人员培训预警",
        queryset=queryset,
        due_field="training_due",
        rule="年度培训学时未达本级要求",
        org="unit",
        title=lambda o: f"{o.name} · 年度培训 {o.training_hours} 学时",
        url=lambda o: reverse("enforcement:officers") + f"?q={o.cert_number}",
    )


# -- 权责清单 ---------------------------------------------------------------------------------------------

ZERO_ENFORCEMENT_MONTHS = 12


@dataclass
class PowerFilters:
    q: str = ""
    power_type: str = ""
    unit: int | None = None
    status: str = PowerStatus.CURRENT  # "" = every item, removed ones too
    delegated: str = ""
    in_catalog: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, drill: bool = False) -> PowerFilters:
        """`drill`: a figure's drill-down (?indicator=…) lists exactly the items it counts (as at the period's end,
        so also those removed since): no default status on top."""
        return cls(
            q=(params.get("q") or "").strip(),
            power_type=params.get("power_type") or "",
            unit=int_param(params, "unit"),
            status=params.get("status", "" if drill else PowerStatus.CURRENT) or "",
            delegated=params.get("delegated") or "",
            in_catalog=params.get("in_catalog") or "",
        )


def visible_power_items(user: Viewer | None) -> QuerySet[PowerItem]:
    """A unit's clerk sees its own list, the office its jurisdiction's (by the unit, as the ledger)."""
    return PowerItem.objects.filter(org_filter(user, "unit", capability="enforcement.view"))


def filtered_power_items(user: Viewer, f: PowerFilters) -> QuerySet[PowerItem]:
    qs = search(visible_power_items(user), f.q, ("code", "name", "law"))
    qs = exact(qs, f, {"power_type": "power_type", "unit": "unit_id", "status": "status"})
    if f.delegated == "1":
        qs = qs.filter(delegated=True)
    if f.in_catalog == "1":
        qs = qs.filter(in_catalog=True)
    return qs


def get_power_item(user: Viewer, pk: int) -> PowerItem:
    return get_visible(visible_power_items(user), pk, user=user, related=("org", "unit"))


def listed_on(day: date) -> Q:
    """An item on the list on `day`: added on or before it, not removed by then."""
    return Q(added_on__lte=day) & (Q(removed_on__isnull=True) | Q(removed_on__gt=day))


def items_in_force(qs: QuerySet[PowerItem], day: date) -> QuerySet[PowerItem]:
    """The items on the list on `day`."""
    return qs.filter(listed_on(day))


def power_item_for(unit: Org, code: str) -> PowerItem | None:
    return PowerItem.objects.filter(unit=unit, code=code.strip()).first()


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def zero_enforcement_items(scope: Org | QuerySet[PowerItem], today: date) -> QuerySet[PowerItem]:
    """零执法: the current items of the enforcing types (行政处罚、行政检查、行政强制) with no case filed under them in the
    12 months up to `today` (立案 on or after the same day a year earlier). An item listed for less than those 12
    months is not counted yet. `scope`: a jurisdiction or unit (its subtree's units) or a queryset of items (e.g.
    `visible_power_items(user)`). Ordered by unit and code, so a page can group them per unit."""
    qs = scope if isinstance(scope, QuerySet) else PowerItem.objects.filter(unit__path__startswith=scope.path)
    since = _year_before(today)
    recent = EnforcementCase.objects.filter(
        power_item=OuterRef("pk"), filed_on__gte=since, filed_on__lte=today
    )
    return (
        items_in_force(qs, today)
        .filter(power_type__in=ZERO_ENFORCEMENT_TYPES, added_on__lte=since)
        .exclude(Exists(recent))
        .select_related("unit")
        .order_by("unit__path", "code", "id")
    )


# -- 执法监督预警 ------------------------------------------------------------------------------------------


@dataclass
class WarningFilters:
    kind: str = ""
    unit: int | None = None
    state: str = WarningState.OPEN  # the page opens on the open warnings; "all" shows every state

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, drill: bool = False) -> WarningFilters:
        """`drill`: the page is a figure's drill-down (?indicator=…), which lists exactly the warnings the figure
        counts, so no default state is laid on top."""
        state = params.get("state")
        default = "" if drill else WarningState.OPEN
        return cls(
            kind=params.get("kind") or "",
            unit=int_param(params, "unit"),
            state=default if state is None else state,
        )


def visible_warnings(user: Viewer | None) -> QuerySet[EnforcementWarning]:
    """A unit's clerk sees its own unit's warnings, the office (执法监督科) its jurisdiction's."""
    return EnforcementWarning.objects.filter(org_filter(user, "unit", capability="enforcement.view"))


def filtered_warnings(user: Viewer, f: WarningFilters) -> QuerySet[EnforcementWarning]:
    qs = visible_warnings(user)
    if f.kind in WarningKind.values:
        qs = qs.filter(kind=f.kind)
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.state in WarningState.values:
        qs = qs.filter(state=f.state)
    return qs


def warnings_by_unit(qs: QuerySet[EnforcementWarning]) -> list[dict[str, Any]]:
    """Open warnings per unit (the page's summary): unit name and count, most first."""
    rows = (
        qs.filter(state=WarningState.OPEN)
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")
    )
    return [dict(r) for r in rows]


def get_warning(user: Viewer, pk: int) -> EnforcementWarning:
    return get_visible(visible_warnings(user), pk, user=user, related=("org", "unit", "case", "officer"))
