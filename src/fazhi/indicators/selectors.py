"""Reads for dashboards: indicator values with targets and drill-down links, the apps' charts, comparisons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.urls import reverse

from fazhi.core.areas import area_name, area_of, area_order

from .models import Target
from .registry import Period, Value, catalog, compute, registered
from .targets import TargetStatus, status_of, targets_for

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from fazhi.core.models import Org

# Rankings include only orgs with at least this many cases in the base, so 1 case at 100% does not top a table.
MIN_SAMPLE = 5


@dataclass
class Row:
    value: Value
    target: TargetStatus | None
    url: str
    base_url: str = ""  # a rate's denominator records

    @property
    def hideable(self) -> bool:
        """A form-sourced figure nobody has submitted yet: the dashboard may fold it away."""
        from .registry import catalog

        return self.value.value is None and catalog().get(self.value.key, {}).get("source") == "form"


def drill_url(value: Value, part: str = "") -> str:
    """The list page of the records behind a figure (a rate: its numerator; `part="denominator"`: its base):
    the list page the records' app declares (`list_url` on its AppConfig)."""
    d = registered()[value.key]
    if not value.drilldown or d.records is None or (part and part not in d.parts):
        return ""
    cfg = django_apps.get_app_config(d.records_app_for(None, None, part))
    # An app with several record lists names the list of each other model (`list_urls`); `list_url` the rest.
    page = getattr(cfg, "list_urls", {}).get(d.records_model_for(part)) or getattr(cfg, "list_url", "")
    if not page:
        return ""
    return f"{reverse(page)}?{value.drilldown}" + (f"&part={part}" if part else "")


def indicator_rows(org: Org, year: int, keys: list[str] | None = None) -> list[Row]:
    values = compute(org, Period.year(year), keys)
    targets = targets_for(org, year)
    rows = []
    for key, v in values.items():
        t = targets.get(key)
        rows.append(
            Row(v, status_of(t, v.value, year) if t else None, drill_url(v), drill_url(v, "denominator"))
        )
    return rows


#: the states of a target, in the order the 指标目标 page lists and explains them
TARGET_STATES = {
    "未达标": "年度已结束，实际值未达到目标",
    "进行中": "本年度尚未结束，目前未达到目标",
    "达标": "实际值已达到目标",
    "无数据": "尚无记录或未填报，无法判断",
}


@dataclass
class TargetRow:
    """One target that binds an org for a year, with the figure's live value and its state."""

    row: Row
    target: Target  # the org's own (saved) or a jurisdiction's above it (an unsaved copy)
    own: bool

    @property
    def state(self) -> str:
        return self.row.target.status if self.row.target else "无数据"


def target_rows(org: Org, year: int) -> list[TargetRow]:
    """The targets binding `org` in `year` (its own, then those of the jurisdictions above it), each with the
    figure's value for the org and year, its drill-down and 达标/未达标/进行中/无数据, in area order."""
    targets = targets_for(org, year)
    reg = registered()
    keys = sorted(k for k in targets if k in reg)
    rows = {r.value.key: r for r in indicator_rows(org, year, keys)} if keys else {}
    out = []
    for key, t in targets.items():
        row = rows.get(key)
        if row is None:  # a catalog figure nothing computes (yet): shown with its target, without a value
            row = Row(
                Value(key, catalog().get(key, {}).get("zh", key), "", None), status_of(t, None, year), ""
            )
        out.append(TargetRow(row=row, target=t, own=t.pk is not None))
    out.sort(key=lambda r: (area_order(area_of(r.target.key)), r.target.key))
    return out


def grouped_rows(rows: list[Row]) -> list[dict[str, Any]]:
    """Rows by area (the key's prefix), areas in order (core/areas.py); each group says how many have no data."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        area = area_of(r.value.key)
        g = groups.setdefault(area, {"area": area, "name": area_name(area), "rows": [], "empty": 0})
        g["rows"].append(r)
        g["empty"] += r.hideable
    return sorted(groups.values(), key=lambda g: area_order(g["area"]))


def dashboard_charts(org: Org, year: int) -> list[dict[str, Any]]:
    """The charts the domain apps declare (`dashboard_charts`, the app contract), in area order."""
    from fazhi.core.contract import domain_apps_by_area, resolve

    return [
        resolve(path)(org, year, min_sample=MIN_SAMPLE)
        for cfg in domain_apps_by_area()
        for path in cfg.dashboard_charts
    ]


def sub_jurisdictions(org: Org) -> QuerySet[Org]:
    from fazhi.core.models import Org

    return Org.objects.filter(parent=org).exclude(kind="unit").order_by("sort", "code")


def compared_keys() -> list[str]:
    """The figures the apps compare across child jurisdictions (`compared_indicators` on their AppConfig)."""
    from fazhi.core.contract import domain_apps

    return [k for cfg in domain_apps() for k in cfg.compared_indicators]


def sub_jurisdiction_comparison(org: Org, year: int, min_sample: int = MIN_SAMPLE) -> list[dict[str, Any]]:
    """The child jurisdictions side by side on the figures the apps compare (复议收案, 纠错率, 负责人出庭应诉率),
    derived from their declarations (a child owns the records of its subtree): grouped queries, not one
    computation per child. Each row has, per figure, its value under the key's last part ("correction_rate")
    and for a rate its base ("correction_rate_base": "3/10"); a rate whose base is below `min_sample` is not
    compared."""
    from .declare import compare

    children = list(sub_jurisdictions(org))
    if not children:
        return []
    reg = registered()
    defs = [reg[k] for k in compared_keys() if k in reg and reg[k].figure is not None]
    values = compare(defs, org, Period.year(year), children)
    out = []
    for c in children:
        row: dict[str, Any] = {"name": c.name, "id": c.pk}
        for key, v in values[c.pk].items():
            name = key.rsplit(".", 1)[1]
            if v.denominator is None:
                row[name] = v.value
                continue
            shown = v.value is not None and v.denominator >= min_sample
            row[name] = float(v.value) if shown and v.value is not None else None
            row[f"{name}_base"] = f"{v.numerator}/{v.denominator}"
        out.append(row)
    return out
