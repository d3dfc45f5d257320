"""行政复议 figures, declared once (fazhi.indicators.declare): the value for any org and period, the cases behind
it and the comparison of child jurisdictions all follow from these declarations."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.declare import Count, Rate, declare
from fazhi.indicators.registry import org_scope

from .choices import OPEN_STATUSES, Decision, TerminationReason
from .models import ReconsiderationCase
from .rules import correction_decisions

# A jurisdiction owns the cases of its subtree (the case's org); a unit those it is the respondent of.
case = Count.of(ReconsiderationCase, jurisdiction="org", party="respondent")


def scoped(org):
    """The cases `org` owns for indicator purposes (see registry.org_scope)."""
    return RECEIVED.scoped(org_scope(org))


def mediated_q() -> Q:
    return Q(decision=Decision.MEDIATION) | Q(
        decision=Decision.TERMINATE, termination_reason=TerminationReason.SETTLED_WITHDRAWN
    )


def _carried_over(period) -> Q:
    """上年结转: accepted before the period and not yet decided when it began."""
    return Q(accepted_on__lt=period.start) & (Q(decided_on__isnull=True) | Q(decided_on__gte=period.start))


def _overdue(period) -> Q:
    """超期未结, as of today: open cases whose current deadline has passed (nothing for a period yet to come)."""
    today = timezone.localdate()
    if period.start > today:
        return Q(pk__in=[])
    return Q(status__in=OPEN_STATUSES, next_due__lt=min(today, period.end))


RECEIVED = case("received_on")
ACCEPTED = case("accepted_on")
REJECTED = case("rejected_on")
# 审结: accepted cases decided within the period (不予受理 is not a decision on the merits).
CONCLUDED = case("decided_on")
CORRECTED = case("decided_on", where=lambda period: Q(decision__in=correction_decisions()))
MEDIATED = case("decided_on", where=mediated_q())
OVERDUE = case(None, where=_overdue)
CARRIED_OVER = case(None, where=_carried_over)


def concluded_qs(org, period):
    return CONCLUDED.records(org, period)


declare(
    "reconsideration.received",
    RECEIVED,
    formula="收到申请日期在期间内的案件数",
    definition="期间内收到的行政复议申请件数（新收）",
    source="reconsideration",
)
declare("reconsideration.accepted", ACCEPTED, formula="受理日期在期间内的案件数", source="reconsideration")
declare(
    "reconsideration.rejected", REJECTED, formula="不予受理日期在期间内的案件数", source="reconsideration"
)
declare(
    "reconsideration.concluded",
    CONCLUDED,
    formula="决定日期在期间内的已受理案件数（含终止）",
    source="reconsideration",
)
declare(
    "reconsideration.corrected",
    CORRECTED,
    formula="审结案件中决定为撤销、变更、确认违法、确认无效、责令履行的件数",
    source="reconsideration",
)
declare(
    "reconsideration.correction_rate",
    Rate(CORRECTED, CONCLUDED),
    formula="纠错率 = 纠错件数 ÷ 审结件数 × 100%",
    source="reconsideration",
)
declare(
    "reconsideration.mediated",
    MEDIATED,
    formula="审结案件中以调解书结案或和解后撤回终止的件数",
    source="reconsideration",
)
declare(
    "reconsideration.mediation_rate",
    Rate(MEDIATED, CONCLUDED),
    formula="调解和解率 = 调解和解件数 ÷ 审结件数 × 100%",
    source="reconsideration",
)
declare(
    "reconsideration.overdue",
    OVERDUE,
    formula="未结案件中当前期限已过的件数（截至今日）",
    source="reconsideration",
)
declare(
    "reconsideration.carried_over",
    CARRIED_OVER,
    formula="期间开始前已受理、期间开始时尚未决定的案件数",
    source="reconsideration",
)
