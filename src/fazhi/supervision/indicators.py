"""督察 figures over the 问题台账, the inspections, the units they covered and the 约谈, declared once
(fazhi.indicators.declare): value, drill-down and comparison.

A jurisdiction owns the problems of its 问题台账 (`jurisdiction`, and those of its subtree's ledgers); a unit the
problems it is responsible for (`org`). Inspections belong to the office that organised them; 约谈 to the office
that held them (a unit: those of its leaders). A covered unit belongs to the jurisdiction it is in."""

from __future__ import annotations

from django.db.models import Min, Q
from django.utils import timezone

from fazhi.indicators.declare import Count, Rate, declare

from .choices import OPEN_PROBLEM_STATUSES, ProblemStatus, ShufaStatus
from .models import Inspection, Interview, Problem, Shufa

problem = Count.of(Problem, jurisdiction="jurisdiction", party="org")
inspection = Count.of(Inspection, jurisdiction="org", party="org")
interview = Count.of(Interview, jurisdiction="jurisdiction", party="org")
shufa = Count.of(Shufa, jurisdiction="org", party="org")  # a leader's 述法 belongs to the leader's org
# (督察, 被督察单位) rows, owned by the inspected unit: a jurisdiction's covered units are those of its subtree
covered = Count.of(Inspection.inspected_units.through, jurisdiction="org", party="org")


def _first_coverage(period) -> Q:
    """One row per inspected unit: its first live inspection started in the period (the lowest row id), so the
    count is the number of distinct units covered and its drill-down lists each unit once. The row chosen does
    not depend on who asks: a unit's row is owned by the unit (its jurisdiction), whoever inspected it."""
    through = Inspection.inspected_units.through
    firsts = (
        through.objects.filter(
            inspection__voided_at__isnull=True,
            inspection__started_on__gte=period.start,
            inspection__started_on__lte=period.end,
        )
        .order_by()
        .values("org_id")
        .annotate(first=Min("id"))
        .values("first")
    )
    return Q(id__in=firsts)


def _rectified(period) -> Q:
    """Found in the period and closed (销号) by its end."""
    return Q(status=ProblemStatus.CLOSED, closed_on__lte=period.end)


def _overdue(period) -> Q:
    """Found in the period, still to be rectified and past the deadline, as of today (or the period's end)."""
    today = min(timezone.localdate(), period.end)
    return Q(status__in=OPEN_PROBLEM_STATUSES, rectify_due__lt=today)


FOUND = problem("found_on")
RECTIFIED = problem("found_on", where=_rectified)
OVERDUE = problem("found_on", where=_overdue)

INSPECTIONS = inspection("started_on")
COVERED_UNITS = covered(None, where=_first_coverage)
INTERVIEWS = interview("held_on")
SHUFA_LEADERS = shufa("held_on")
SHUFA_REVIEWED = shufa(
    "held_on", where=lambda period: Q(status=ShufaStatus.REVIEWED, reviewed_on__lte=period.end)
)

declare(
    "supervision.inspections",
    INSPECTIONS,
    formula="开始日期在期间内的法治督察次数（综合、专项、实地督察），按组织督察的法治办计",
    source="supervision",
)
declare(
    "supervision.inspected_units",
    COVERED_UNITS,
    formula="期间内开始的法治督察覆盖的本地区政府和部门个数（同一单位多次被督察只计一次）",
    source="supervision",
)
declare(
    "supervision.interviews",
    INTERVIEWS,
    formula="约谈日期在期间内的约谈次数，按组织约谈的法治办计（单位：其负责人被约谈的次数）",
    source="supervision",
)
declare(
    "supervision.shufa_leaders",
    SHUFA_LEADERS,
    formula="述法日期在期间内的述法人数（按述法人所在单位计）",
    source="supervision",
)
declare(
    "supervision.shufa_reviewed",
    SHUFA_REVIEWED,
    formula="述法日期在期间内、期末前已登记评议结果的述法人数",
    source="supervision",
)
declare(
    "supervision.problems_found",
    FOUND,
    formula="发现日期在期间内、登记在问题台账的问题数（督察、案卷评查、司法建议等各来源）",
    source="supervision",
)
declare(
    "supervision.problems_rectified",
    RECTIFIED,
    formula="期间内发现的问题中，期末前已销号的问题数",
    source="supervision",
)
declare(
    "supervision.rectification_rate",
    Rate(RECTIFIED, FOUND),
    formula="整改率 = 期间内发现的问题中已销号的问题数 ÷ 期间内发现的问题数 × 100%",
    source="supervision",
)
declare(
    "supervision.rectification_overdue",
    OVERDUE,
    formula="期间内发现的问题中，待整改或整改中且已过整改期限的问题数（截至今日）",
    source="supervision",
)
