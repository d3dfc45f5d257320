"""Targets and their status (达标 / 未达标 / 进行中) for an org's year, and the one list of the work plan's
targets (TARGETS) that `fazhi demo` and the targets page seed and the dashboard and report fall back to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .models import Comparator, Target


@dataclass(frozen=True)
class PlanTarget:
    key: str
    comparator: str
    threshold: Decimal
    item: str  # the work plan's item it comes from
    default: bool = False  # applies on the dashboard and in the report when the office entered no target


# The targets of the work plan in shared/seeds/002 (海东市2024年法治政府建设工作要点), by item: seeded per org and
# year by `fazhi demo` and the targets page (导入工作要点目标); those marked default also apply when the office
# has entered none. Not listed: "行政复议案件纠错率高于本地区同期行政诉讼一审纠错率" (item 21) compares two
# figures, not a figure and a number.
WORKPLAN_SOURCE = "法治政府建设工作要点"
TARGETS: list[PlanTarget] = [
    PlanTarget(
        "litigation.head_appearance_rate",
        Comparator.GTE,
        Decimal(90),
        "第22条：各级行政机关负责人出庭应诉率不低于90%",
        default=True,
    ),
    PlanTarget(
        "reconsideration.head_hearing_rate",
        Comparator.GTE,
        Decimal(90),
        "第22条：行政机关负责人参加行政复议听证率达到90%以上",
    ),
    PlanTarget(
        "litigation.sued_after_reconsideration_rate",
        Comparator.LT,
        Decimal(30),
        "第21条：经行政复议后被提起行政诉讼的案件比例低于30%",
        default=True,
    ),
    PlanTarget(
        "litigation.after_reconsideration_loss_rate",
        Comparator.LT,
        Decimal(10),
        "第21条：经行政复议后被提起的行政诉讼案件中行政机关败诉率低于10%",
        default=True,
    ),
    PlanTarget(
        "reconsideration.typical_cases_published",
        Comparator.GTE,
        Decimal(1),
        "第21条：每年发布1次行政复议典型案例",
    ),
    PlanTarget("study.lectures", Comparator.GTE, Decimal(2), "第4条：每年至少举办2次以上法治专题讲座"),
    PlanTarget("study.exams", Comparator.GTE, Decimal(5), "第4条：国家工作人员学法用法考试不少于5次"),
    PlanTarget("enforcement.trainings", Comparator.GTE, Decimal(1), "第4条：行政执法人员集中培训不少于1次"),
    PlanTarget(
        "enforcement.case_file_reviews",
        Comparator.GTE,
        Decimal(1),
        "第17条：对上年度行政执法案卷至少开展1次评查",
    ),
    PlanTarget(
        "study.court_observations", Comparator.GTE, Decimal(1), "第22条：每年至少组织1次领导干部旁听庭审活动"
    ),
]
DEFAULT_SOURCE = "默认目标（法治政府建设工作要点常用指标）"


@dataclass
class TargetStatus:
    key: str
    text: str
    status: str  # "达标" | "未达标" | "进行中" | "无数据"
    source: str


def targets_for(org, year: int) -> dict[str, Target]:
    found = {t.key: t for t in Target.objects.filter(org=org, year=year)}
    for t in TARGETS:
        if t.default:
            found.setdefault(
                t.key,
                Target(
                    key=t.key,
                    org=org,
                    year=year,
                    comparator=t.comparator,
                    threshold=t.threshold,
                    source=DEFAULT_SOURCE,
                ),
            )
    return found


def status_of(target: Target, value, year: int) -> TargetStatus:
    from .registry import catalog

    unit = catalog().get(target.key, {}).get("unit", "count")
    suffix = "%" if unit == "percent" else ("" if unit in ("number", "amount") else "件")
    text = f"{target.get_comparator_display()}{target.threshold.normalize():f}{suffix}"
    if value is None:
        return TargetStatus(target.key, text, "无数据", target.source)
    if target.met(value):
        status = "达标"
    else:
        status = "进行中" if year >= timezone.localdate().year else "未达标"
    return TargetStatus(target.key, text, status, target.source)
