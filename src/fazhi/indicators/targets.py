"""Targets and their status (达标 / 未达标 / 进行中) for an org's year.

Targets are records (Target rows): set by the office on the targets page, or written by a domain app from the
year's work plan (工作要点) the office imported, each citing the plan's item in its source. A jurisdiction
without a target of its own for a figure is held to the nearest jurisdiction above it that has one (a city's
plan binds "各级行政机关"), and the source says whose target it is. No target is written in code."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from fazhi.core.models import Org

from .models import Target


@dataclass
class TargetStatus:
    key: str
    text: str
    status: str  # "达标" | "未达标" | "进行中" | "无数据"
    source: str


def targets_for(org, year: int) -> dict[str, Target]:
    """The org's targets for the year by figure: its own, then those of the jurisdictions above it (nearest
    first) for figures it has none of; an inherited target is an unsaved copy naming its jurisdiction."""
    found = {t.key: t for t in Target.objects.filter(org=org, year=year)}
    codes = (org.path or "").strip("/").split("/")[:-1]  # the materialised path names every org above
    ancestors = list(Org.objects.filter(code__in=codes)) if codes else []
    if not ancestors:
        return found
    by_org: dict[int, list[Target]] = {}
    for t in Target.objects.filter(org__in=ancestors, year=year).select_related("org"):
        by_org.setdefault(t.org_id, []).append(t)
    for above in sorted(ancestors, key=lambda o: -len(o.path)):  # nearest first
        for t in by_org.get(above.pk, []):
            found.setdefault(
                t.key,
                Target(
                    key=t.key,
                    org=org,
                    year=year,
                    comparator=t.comparator,
                    threshold=t.threshold,
                    source=f"{above.name}：{t.source}"[:200],
                ),
            )
    return found


def status_of(target: Target, value, year: int) -> TargetStatus:
    from .registry import unit_word

    # the figure's own measure word, as the report prints it (培训场次 不低于1场次, 案卷评查 不低于30宗)
    text = f"{target.get_comparator_display()}{target.threshold.normalize():f}{unit_word(target.key)}"
    if value is None:
        return TargetStatus(target.key, text, "无数据", target.source)
    if target.met(value):
        status = "达标"
    else:
        status = "进行中" if year >= timezone.localdate().year else "未达标"
    return TargetStatus(target.key, text, status, target.source)
