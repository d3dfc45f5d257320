"""The areas of work (领域), in one place: each groups the menu of its domain apps, the figures of the indicator
catalog (a figure's area is its key's prefix: `reconsideration.received`), the dashboard, the 统计填报 form editor
and the report. A domain app names its area on its AppConfig (`area = "reconsideration"`); an area may exist
before its app does (its figures are then entered through 统计填报 forms).

The list order is the order everywhere (menu, dashboard, form editor)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str  # the prefix of the area's catalog keys
    name: str  # as users see it
    icon: str  # Bootstrap Icons class of its menu group
    order: int = 0  # position in AREAS, set below


_AREAS = [
    Area("plans", "工作要点", "bi-list-check"),
    Area("reconsideration", "行政复议", "bi-journal"),
    Area("litigation", "行政应诉", "bi-bank"),
    Area("legality", "合法性审核与备案", "bi-file-earmark-check"),
    Area("enforcement", "行政执法", "bi-shield-check"),
    Area("mediation", "矛盾纠纷化解", "bi-people"),
    Area("petitions", "信访", "bi-envelope-paper"),
    Area("hotline", "12345热线", "bi-telephone"),
    Area("legal_services", "公共法律服务", "bi-briefcase"),
    Area("supervision", "监督与建议提案", "bi-eye"),
    Area("disclosure", "政务公开", "bi-megaphone"),
    Area("study", "学法用法", "bi-book"),
    Area("publicity", "普法宣传", "bi-broadcast"),
    Area("governance", "基层依法治理", "bi-house-door"),
    Area("counsel", "法律顾问、公职律师", "bi-person-badge"),
    Area("services", "政务服务", "bi-building"),
    Area("business", "法治化营商环境", "bi-shop"),
    Area("legislation", "立法", "bi-pen"),
    Area("emergency", "应急管理", "bi-exclamation-triangle"),
]

#: key -> Area, in order
AREAS: dict[str, Area] = {a.key: Area(a.key, a.name, a.icon, i) for i, a in enumerate(_AREAS)}


def area_of(key: str) -> str:
    """The area key of a catalog key: its prefix before the first dot."""
    return key.split(".", 1)[0]


def area_name(area: str) -> str:
    """The Chinese name of an area (the key itself if the area is unknown)."""
    a = AREAS.get(area)
    return a.name if a else area


def area_order(area: str) -> int:
    """Sort key of an area: its position; unknown areas after all known ones."""
    a = AREAS.get(area)
    return a.order if a else len(AREAS)
