"""督察 figures over the 问题台账, declared once (fazhi.indicators.declare): value, drill-down and comparison.

A jurisdiction owns the problems of its 问题台账 (`jurisdiction`, and those of its subtree's ledgers); a unit the
problems it is responsible for (`org`)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.declare import Count, Rate, declare

from .choices import OPEN_PROBLEM_STATUSES, ProblemStatus
from .models import Problem

problem = Count.of(Problem, jurisdiction="jurisdiction", party="org")


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
