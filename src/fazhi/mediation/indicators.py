"""矛盾纠纷化解 figures from the dispute records, declared once (fazhi.indicators.declare)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare
from fazhi.indicators.registry import Period

from .choices import SUCCESS, Channel, Confirmation
from .models import Dispute, MediationOrg, Mediator, Sweep, Training

# A jurisdiction owns the disputes of its subtree (org); a mediating unit those it mediates.
dispute = Count.of(Dispute, jurisdiction="org", party="unit")

DISPUTES = dispute("received_on")
CONCLUDED = dispute("concluded_on")
RESOLVED = dispute("concluded_on", where=Q(outcome__in=sorted(SUCCESS)))
PRE_LITIGATION = dispute("received_on", where=Q(channel=Channel.PRE_LITIGATION))
CONFIRMED = dispute("confirmed_on", where=Q(confirmation=Confirmation.VALID))

declare(
    "mediation.disputes",
    DISPUTES,
    formula="登记日期在期间内的矛盾纠纷件数（排查发现、当事人申请、转办、委派）",
    source="mediation",
)
declare("mediation.concluded", CONCLUDED, formula="调解终结日期在期间内的纠纷件数", source="mediation")
declare(
    "mediation.resolved",
    RESOLVED,
    formula="调解终结日期在期间内、达成书面或口头调解协议的纠纷件数（人民调解法第二十八条）",
    source="mediation",
)
declare(
    "mediation.success_rate",
    Rate(RESOLVED, CONCLUDED),
    formula="调解成功率 = 调解成功件数 ÷ 调解终结件数 × 100%（调解中的纠纷不计入）",
    source="mediation",
)
declare(
    "mediation.pre_litigation",
    PRE_LITIGATION,
    formula="登记日期在期间内、调解类别为诉前调解的纠纷件数",
    source="mediation",
)
declare(
    "mediation.judicial_confirmations",
    CONFIRMED,
    formula="裁定日期在期间内、人民法院裁定调解协议有效的件数（人民调解法第三十三条，民事诉讼法第二百零六条）",
    source="mediation",
)


def _standing_at_end(start: str, end: str):
    """In existence at the end of the period (截至期末): begun on or before it, not ended by it."""

    def where(period: Period) -> Q:
        return Q(**{f"{start}__lte": period.end}) & (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": period.end})
        )

    return where


declare(
    "mediation.organizations",
    Count.of(MediationOrg, jurisdiction="org", party="unit")(
        None, where=_standing_at_end("established_on", "dissolved_on")
    ),
    formula="期末已设立且未撤销的调解组织个数（调解组织登记）",
    source="mediation",
)
declare(
    "mediation.mediators",
    Count.of(Mediator, jurisdiction="org", party="unit")(
        None, where=_standing_at_end("appointed_on", "left_on")
    ),
    formula="期末在任的人民调解员人数（人民调解员登记）",
    source="mediation",
)
declare(
    "mediation.trainings",
    Count.of(Training, jurisdiction="org", party="unit")("held_on"),
    formula="培训日期在期间内的调解员业务培训场次（人民调解法第十四条第二款）",
    source="mediation",
)
declare(
    "mediation.sweeps",
    Count.of(Sweep, jurisdiction="org", party="unit")("held_on"),
    formula="排查日期在期间内的矛盾纠纷排查次数",
    source="mediation",
)
