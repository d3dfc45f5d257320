"""重大行政决策 figures, declared once (fazhi.indicators.declare)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .choices import Status
from .models import Decision

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
