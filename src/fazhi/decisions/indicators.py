"""重大行政决策 figures, declared once (fazhi.indicators.declare)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .choices import ADOPTING_ANSWERS, Status
from .models import Decision, PublicComment

# The 决策机关's jurisdiction owns its decisions (and those of its subtree); a unit those it sponsors.
decision = Count.of(Decision, jurisdiction="org", party="sponsor")

LISTED = decision("listed_on", where=~Q(status=Status.WITHDRAWN))
DECIDED = decision("discussed_on")
COMMENTED = decision("comment_start")
PUBLIC_DECIDED = decision("discussed_on", where=Q(comment_start__isnull=False) | Q(hearing_on__isnull=False))
EXPERT = decision("expert_on")
RISK = decision("risk_on")
HEARING = decision("hearing_on")
EVALUATED = decision("evaluated_on")

# Public comments on drafts, counted as records by their day of submission (a voided decision's do not count).
# A decision whose comments were only typed as a number (收到意见 N 条, before the portal) has no records: its
# number stays on the decision and is not added here, so a comment is never counted twice.
comment = Count.of(PublicComment, jurisdiction="decision__org", party="decision__sponsor")
LIVE = Q(decision__voided_at__isnull=True)
RECEIVED = comment("submitted_on", where=LIVE)
ANSWERED = comment("submitted_on", where=LIVE & ~Q(answer=""))
ADOPTED = comment("submitted_on", where=LIVE & Q(answer__in=ADOPTING_ANSWERS))

declare(
    "legality.major_decisions", DECIDED, formula="期间内经集体讨论决定的重大行政决策项数", source="decisions"
)
declare(
    "legality.decision_catalog_items",
    LISTED,
    formula="期间内列入决策事项目录（未调出）的重大行政决策事项数",
    source="decisions",
)
declare(
    "legality.decision_public_comments",
    COMMENTED,
    formula="期间内开始向社会公开征求意见的重大行政决策项数",
    source="decisions",
)
declare(
    "legality.decision_hearings", HEARING, formula="期间内召开听证会的重大行政决策项数", source="decisions"
)
declare(
    "legality.decision_expert_reviews",
    EXPERT,
    formula="期间内开展专家论证的重大行政决策项数",
    source="decisions",
)
declare(
    "legality.decision_risk_assessments",
    RISK,
    formula="期间内开展风险评估的重大行政决策项数",
    source="decisions",
)
declare(
    "legality.decision_evaluations",
    EVALUATED,
    formula="期间内开展决策后评估的重大行政决策项数",
    source="decisions",
)
declare(
    "legality.decisions_with_public_participation",
    PUBLIC_DECIDED,
    formula="期间内作出决定、且经公开征求意见或听证的重大行政决策项数",
    source="decisions",
)
declare(
    "legality.decision_public_participation_rate",
    Rate(PUBLIC_DECIDED, DECIDED),
    formula="公众参与率 = 经公开征求意见或听证后作出决定的项数 ÷ 作出决定的项数 × 100%",
    source="decisions",
)
declare(
    "legality.decision_comments_received",
    RECEIVED,
    formula="期间内提交的公众意见条数（逐条登记的意见记录）",
    source="decisions",
)
declare(
    "legality.decision_comments_answered",
    ANSWERED,
    formula="期间内提交、已答复的公众意见条数",
    source="decisions",
)
declare(
    "legality.decision_comments_adopted",
    ADOPTED,
    formula="期间内提交、答复为采纳或部分采纳的公众意见条数",
    source="decisions",
)
declare(
    "legality.decision_comment_adoption_rate",
    Rate(ADOPTED, ANSWERED),
    formula="采纳率 = 采纳（含部分采纳）的意见条数 ÷ 已答复的意见条数 × 100%",
    source="decisions",
)
