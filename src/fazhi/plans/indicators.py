"""工作要点 figures declared once (fazhi.indicators.declare): a jurisdiction owns the shares of its plans' tasks,
a unit the shares it holds."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.declare import Count, Rate, declare

from . import selectors
from .choices import Status
from .models import Assignment

share = Count.of(Assignment, jurisdiction="org", party="unit")

TASKS = share("deadline")
DONE = share("deadline", where=Q(status=Status.DONE))
OVERDUE = share("deadline", where=lambda period: ~Q(status=Status.DONE) & Q(due__lt=timezone.localdate()))
LAGGING = share("deadline", where=lambda period: selectors.lagging(timezone.localdate()))
URGED = share("first_urged_on")  # shares, not notices: the drill-down lists the shares

declare("plans.tasks", TASKS, formula="完成时限在期间内的任务分工件数", source="plans")
declare("plans.tasks_done", DONE, formula="完成时限在期间内且已完成的任务分工件数", source="plans")
declare(
    "plans.task_completion_rate",
    Rate(DONE, TASKS),
    formula="完成率 = 已完成的任务分工件数 ÷ 完成时限在期间内的任务分工件数 × 100%",
    source="plans",
)
declare(
    "plans.overdue", OVERDUE, formula="未完成且当前期限早于今日的任务分工件数（截至今日）", source="plans"
)
declare(
    "plans.lagging",
    LAGGING,
    formula="未完成、未逾期、时间过半且进度低于本级设定的滞后判定进度（默认50%）的任务分工件数（截至今日）",
    source="plans",
)
declare("plans.urged", URGED, formula="首次督办日期在期间内的任务分工件数", source="plans")
