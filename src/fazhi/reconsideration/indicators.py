"""行政复议 figures, computed live from the case records for any org and period."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from fazhi.indicators.registry import count, facts, indicator, org_scope, ratio, records

from .choices import OPEN_STATUSES, Decision, TerminationReason
from .models import ReconsiderationCase
from .rules import correction_decisions


def scoped(org):
    s = org_scope(org)
    field = "respondent_id__in" if s.by_party else "org_id__in"
    return ReconsiderationCase.objects.filter(**{field: s.ids})


def concluded_qs(org, period):
    """审结: accepted cases decided within the period (不予受理 is not a decision on the merits)."""
    return scoped(org).filter(decided_on__gte=period.start, decided_on__lte=period.end)


def mediated_q() -> Q:
    return Q(decision=Decision.MEDIATION) | Q(decision=Decision.TERMINATE, termination_reason=TerminationReason.SETTLED_WITHDRAWN)


def carried_over_qs(org, period):
    """上年结转: accepted before the period and not yet decided when it began."""
    return scoped(org).filter(accepted_on__lt=period.start).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=period.start)
    )


@facts("reconsideration")
def reconsideration_facts(org, period) -> dict:
    base = scoped(org)
    received = base.filter(received_on__gte=period.start, received_on__lte=period.end).aggregate(
        received=Count("id"),
    )["received"]
    accepted = base.filter(accepted_on__gte=period.start, accepted_on__lte=period.end).count()
    rejected = base.filter(rejected_on__gte=period.start, rejected_on__lte=period.end).count()
    by_decision = concluded_qs(org, period).values("decision", "termination_reason").annotate(n=Count("id"))
    corrected_set = correction_decisions()
    concluded = corrected = mediated = 0
    for row in by_decision:
        concluded += row["n"]
        if row["decision"] in corrected_set:
            corrected += row["n"]
        if row["decision"] == Decision.MEDIATION or (
            row["decision"] == Decision.TERMINATE and row["termination_reason"] == TerminationReason.SETTLED_WITHDRAWN
        ):
            mediated += row["n"]
    carried_over = carried_over_qs(org, period).count()
    today = timezone.localdate()
    overdue = base.filter(status__in=OPEN_STATUSES, next_due__lt=min(today, period.end)).count() if period.start <= today else 0
    return {
        "received": received,
        "accepted": accepted,
        "rejected": rejected,
        "concluded": concluded,
        "corrected": corrected,
        "mediated": mediated,
        "overdue": overdue,
        "carried_over": carried_over,
    }


@indicator("reconsideration.received", uses=("reconsideration",), formula="收到申请日期在期间内的案件数",
           definition="期间内收到的行政复议申请件数（新收）", source="reconsideration")
def received(f):
    return count(f["received"])


@records("reconsideration.received")
def received_records(org, period):
    return scoped(org).filter(received_on__gte=period.start, received_on__lte=period.end)


@indicator("reconsideration.accepted", uses=("reconsideration",), formula="受理日期在期间内的案件数", source="reconsideration")
def accepted(f):
    return count(f["accepted"])


@records("reconsideration.accepted")
def accepted_records(org, period):
    return scoped(org).filter(accepted_on__gte=period.start, accepted_on__lte=period.end)


@indicator("reconsideration.rejected", uses=("reconsideration",), formula="不予受理日期在期间内的案件数", source="reconsideration")
def rejected(f):
    return count(f["rejected"])


@records("reconsideration.rejected")
def rejected_records(org, period):
    return scoped(org).filter(rejected_on__gte=period.start, rejected_on__lte=period.end)


@indicator("reconsideration.concluded", uses=("reconsideration",), formula="决定日期在期间内的已受理案件数（含终止）",
           source="reconsideration")
def concluded(f):
    return count(f["concluded"])


@records("reconsideration.concluded")
def concluded_records(org, period):
    return concluded_qs(org, period)


@indicator("reconsideration.corrected", uses=("reconsideration",),
           formula="审结案件中决定为撤销、变更、确认违法、确认无效、责令履行的件数", source="reconsideration")
def corrected(f):
    return count(f["corrected"])


@records("reconsideration.corrected")
def corrected_records(org, period):
    return concluded_qs(org, period).filter(decision__in=correction_decisions())


@indicator("reconsideration.correction_rate", uses=("reconsideration",), formula="纠错率 = 纠错件数 ÷ 审结件数 × 100%",
           source="reconsideration")
def correction_rate(f):
    return ratio(f["corrected"], f["concluded"])


records("reconsideration.correction_rate")(corrected_records)


@indicator("reconsideration.mediated", uses=("reconsideration",), formula="审结案件中以调解书结案或和解后撤回终止的件数",
           source="reconsideration")
def mediated(f):
    return count(f["mediated"])


@records("reconsideration.mediated")
def mediated_records(org, period):
    return concluded_qs(org, period).filter(mediated_q())


@indicator("reconsideration.mediation_rate", uses=("reconsideration",), formula="调解和解率 = 调解和解件数 ÷ 审结件数 × 100%",
           source="reconsideration")
def mediation_rate(f):
    return ratio(f["mediated"], f["concluded"])


records("reconsideration.mediation_rate")(mediated_records)


@indicator("reconsideration.overdue", uses=("reconsideration",), formula="未结案件中当前期限已过的件数（截至今日）",
           source="reconsideration")
def overdue(f):
    return count(f["overdue"])


@records("reconsideration.overdue")
def overdue_records(org, period):
    return scoped(org).filter(status__in=OPEN_STATUSES, next_due__lt=min(timezone.localdate(), period.end))


@indicator("reconsideration.carried_over", uses=("reconsideration",), formula="期间开始前已受理、期间开始时尚未决定的案件数",
           source="reconsideration")
def carried_over(f):
    return count(f["carried_over"])


records("reconsideration.carried_over")(carried_over_qs)
