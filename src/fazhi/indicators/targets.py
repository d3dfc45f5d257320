"""Targets and their status (达标 / 未达标 / 进行中) for an org's year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .models import Comparator, Target

# When the office has entered no target for the org and year, the work plan's usual targets apply
# (the seed plan 海东市2024年法治政府建设工作要点: 出庭应诉率不低于90%; 经复议后起诉比例低于30%;
# 其中败诉率低于10%).
DEFAULT_TARGETS = {
    "litigation.head_appearance_rate": (Comparator.GTE, Decimal(90)),
    "litigation.sued_after_reconsideration_rate": (Comparator.LT, Decimal(30)),
    "litigation.after_reconsideration_loss_rate": (Comparator.LT, Decimal(10)),
}
DEFAULT_SOURCE = "默认目标（法治政府建设工作要点常用指标）"


@dataclass
class TargetStatus:
    key: str
    text: str
    status: str  # "达标" | "未达标" | "进行中" | "无数据"
    source: str


def targets_for(org, year: int) -> dict[str, Target]:
    found = {t.key: t for t in Target.objects.filter(org=org, year=year)}
    for key, (cmp, threshold) in DEFAULT_TARGETS.items():
        found.setdefault(key, Target(key=key, org=org, year=year, comparator=cmp, threshold=threshold, source=DEFAULT_SOURCE))
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
