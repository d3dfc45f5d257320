"""行政应诉 figures, and the figures that join reconsideration cases with the suits that followed them, declared
once (fazhi.indicators.declare)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare
from fazhi.reconsideration.indicators import CONCLUDED
from fazhi.reconsideration.indicators import case as recon_case

from .choices import Instance
from .models import LitigationCase

# A jurisdiction owns the suits of its subtree (the case's org); a unit those it is the defendant in.
suit = Count.of(LitigationCase, jurisdiction="org", party="defendant")


def _sued() -> Q:
    """A reconsideration case that a suit followed. A plain IN over the suits' (non-null) links: one hashed
    set, not a correlated EXISTS per concluded case."""
    return Q(pk__in=LitigationCase.objects.filter(reconsideration__isnull=False).values("reconsideration_id"))


CASES = suit("complaint_received_on", where=Q(stage=Instance.FIRST))
HEARD = suit("first_hearing_on")
HEAD_APPEARED = suit("first_hearing_on", where=Q(head_appeared=True))
JUDGED = suit("judged_on")
LOST = suit("judged_on", where=Q(lost=True))
AFTER_JUDGED = suit("judged_on", where=Q(reconsideration__isnull=False))
AFTER_LOST = suit("judged_on", where=Q(reconsideration__isnull=False, lost=True))
# Concluded reconsideration cases later sued, and those that were not (案结事了).
RECON_SUED = recon_case("decided_on", where=lambda period: _sued())
RECON_SETTLED = recon_case("decided_on", where=lambda period: ~_sued())

declare("litigation.cases", CASES, formula="期间内收到起诉状副本的一审行政诉讼案件数", source="litigation")
declare(
    "litigation.head_appearance_rate",
    Rate(HEAD_APPEARED, HEARD),
    formula="出庭应诉率 = 负责人（正职或副职、分管负责人）出庭的案件数 ÷ 期间内首次开庭的案件数 × 100%",
    definition="行政诉讼法第三条第三款；法释〔2020〕3号第二条、第七条（同一审级出庭一次即可）",
    source="litigation",
)
declare("litigation.judged", JUDGED, formula="裁判日期在期间内的案件数", source="litigation")
# 一审 and 二审 apart, so a sentence speaks of one basis ("新收一审…，审结一审…"; 二审 in its own sentence).
declare(
    "litigation.first_judged",
    suit("judged_on", where=Q(stage=Instance.FIRST)),
    formula="一审、裁判日期在期间内的案件数",
    source="litigation",
)
declare(
    "litigation.second_judged",
    suit("judged_on", where=Q(stage=Instance.SECOND)),
    formula="二审、裁判日期在期间内的案件数",
    source="litigation",
)
declare(
    "litigation.lost",
    LOST,
    formula="裁判结果为撤销、确认违法、确认无效、责令履行、变更等的案件数",
    source="litigation",
)
declare(
    "litigation.loss_rate",
    Rate(LOST, JUDGED),
    formula="败诉率 = 败诉案件数 ÷ 审结案件数 × 100%",
    source="litigation",
)
declare(
    "litigation.sued_after_reconsideration_rate",
    Rate(RECON_SUED, CONCLUDED),
    formula="经复议后起诉比例 = 期间内审结的复议案件中当事人又提起行政诉讼的件数 ÷ 期间内审结的复议案件数 × 100%",
    source="reconsideration+litigation",
)
declare(
    "litigation.after_reconsideration_loss_rate",
    Rate(AFTER_LOST, AFTER_JUDGED),
    formula="经复议后起诉案件败诉率 = 经复议的案件中败诉件数 ÷ 经复议的审结案件数 × 100%",
    source="litigation",
)
declare(
    "reconsideration.settled_rate",
    Rate(RECON_SETTLED, CONCLUDED),
    formula="案结事了率 = （审结的复议案件数 − 其中又提起行政诉讼的件数） ÷ 审结的复议案件数 × 100%",
    source="reconsideration+litigation",
)
# Counts behind the rates above, so that every rate's numerator and denominator is a figure of its own.
declare("litigation.heard", HEARD, formula="期间内首次开庭的案件数", source="litigation")
declare(
    "litigation.head_appeared",
    HEAD_APPEARED,
    formula="期间内首次开庭且负责人出庭的案件数",
    source="litigation",
)
declare(
    "litigation.after_reconsideration_judged",
    AFTER_JUDGED,
    formula="经复议后起诉、期间内裁判的案件数",
    source="litigation",
)
declare(
    "litigation.after_reconsideration_lost",
    AFTER_LOST,
    formula="经复议后起诉、期间内裁判败诉的案件数",
    source="litigation",
)
declare(
    "reconsideration.sued",
    RECON_SUED,
    formula="期间内审结的复议案件中又提起行政诉讼的件数",
    source="reconsideration+litigation",
)
declare(
    "reconsideration.settled",
    RECON_SETTLED,
    formula="期间内审结的复议案件中未再提起行政诉讼的件数",
    source="reconsideration+litigation",
)
