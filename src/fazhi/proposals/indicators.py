"""人大代表建议、政协委员提案 figures, declared once (fazhi.indicators.declare). A jurisdiction owns the proposals
of its subtree; a unit those it leads (主办)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .choices import Kind, Satisfaction
from .models import Proposal

proposal = Count.of(Proposal, jurisdiction="org", party="unit")

RECEIVED = proposal("assigned_on")
ANSWERED = proposal("answered_on")
NPC = proposal("answered_on", where=Q(kind=Kind.NPC))
CPPCC = proposal("answered_on", where=Q(kind=Kind.CPPCC))
ON_TIME = proposal("answered_on", where=Q(on_time=True))
SATISFIED = proposal("answered_on", where=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC]))
WITH_FEEDBACK = proposal("answered_on", where=~Q(satisfaction=""))

declare("supervision.npc_suggestions", NPC, formula="答复日期在期间内的人大代表建议件数", source="proposals")
declare(
    "supervision.cppcc_proposals", CPPCC, formula="答复日期在期间内的政协委员提案件数", source="proposals"
)
declare(
    "supervision.suggestions_total",
    ANSWERED,
    formula="答复日期在期间内的人大代表建议和政协委员提案件数",
    source="proposals",
)
declare(
    "supervision.suggestions_received", RECEIVED, formula="交办日期在期间内的建议提案件数", source="proposals"
)
declare(
    "supervision.suggestion_completion_rate",
    Rate(ANSWERED, RECEIVED),
    formula="办结率 = 期间内答复的建议提案件数 ÷ 期间内交办的建议提案件数 × 100%",
    source="proposals",
)
declare("supervision.suggestions_on_time", ON_TIME, formula="按本地办理时限答复的件数", source="proposals")
declare(
    "supervision.suggestion_on_time_rate",
    Rate(ON_TIME, ANSWERED),
    formula="按期答复率 = 按期答复件数 ÷ 答复件数 × 100%",
    source="proposals",
)
declare(
    "supervision.suggestions_satisfied",
    SATISFIED,
    formula="代表委员表示满意或基本满意的件数",
    source="proposals",
)
declare(
    "supervision.suggestions_with_feedback",
    WITH_FEEDBACK,
    formula="已登记代表委员意见的件数",
    source="proposals",
)
declare(
    "supervision.suggestion_satisfaction_rate",
    Rate(SATISFIED, WITH_FEEDBACK),
    formula="满意率 = 满意和基本满意件数 ÷ 已反馈意见件数 × 100%",
    source="proposals",
)
