"""Reads for dashboards: indicator values with targets and drill-down links, the apps' charts, comparisons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.urls import reverse

from fazhi.core.areas import area_name, area_of, area_order

from .registry import Period, Value, compute, rate, registered
from .targets import TargetStatus, status_of, targets_for

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from fazhi.core.models import Org

# Which list page shows the records behind an indicator, by the app label of the records' model.
DRILL_PAGES = {
    "reconsideration": "reconsideration:list",
    "litigation": "litigation:list",
    "indicators": "indicators:collection_values",
}

# Rankings include only orgs with at least this many cases in the base, so 1 case at 100% does not top a table.
MIN_SAMPLE = 5


@dataclass
class Row:
    value: Value
    target: TargetStatus | None
    url: str

    @property
    def hideable(self) -> bool:
        """A form-sourced figure nobody has submitted yet: the dashboard may fold it away."""
        from .registry import catalog

        return self.value.value is None and catalog().get(self.value.key, {}).get("source") == "form"


def drill_url(value: Value) -> str:
    d = registered()[value.key]
    if not value.drilldown or d.records is None:
        return ""
    page = DRILL_PAGES.get(d.records_app)
    return f"{reverse(page)}?{value.drilldown}" if page else ""


def indicator_rows(org: Org, year: int, keys: list[str] | None = None) -> list[Row]:
    values = compute(org, Period.year(year), keys)
    targets = targets_for(org, year)
    rows = []
    for key, v in values.items():
        t = targets.get(key)
        rows.append(Row(v, status_of(t, v.value, year) if t else None, drill_url(v)))
    return rows


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

    return [resolve(path)(org, year, min_sample=MIN_SAMPLE) for cfg in domain_apps_by_area() for path in cfg.dashboard_charts]


def sub_jurisdictions(org: Org) -> QuerySet[Org]:
    from fazhi.core.models import Org

    return Org.objects.filter(parent=org).exclude(kind="unit").order_by("sort", "code")




def sub_jurisdiction_comparison(org: Org, year: int, min_sample: int = MIN_SAMPLE) -> list[dict[str, Any]]:
    """The child jurisdictions side by side: 复议收案, 纠错率, 负责人出庭应诉率, with the same definitions as the
    registered indicators (a child owns the records of its subtree), in three grouped queries rather than
    one computation per child. A rate whose base is below `min_sample` is not compared."""
    from fazhi.core.models import Org
    from fazhi.litigation.models import LitigationCase
    from fazhi.reconsideration.indicators import concluded_qs, scoped
    from fazhi.reconsideration.rules import correction_decisions

    children = list(sub_jurisdictions(org))
    if not children:
        return []
    owner = {}
    for o in Org.objects.filter(path__startswith=org.path).only("id", "path"):
        for c in children:
            if o.path.startswith(c.path):
                owner[o.id] = c.pk
    period = Period.year(year)
    received: dict[int, int] = {}
    for oid, n in (
        scoped(org).filter(received_on__gte=period.start, received_on__lte=period.end)
        .values_list("org_id").annotate(n=Count("id")).values_list("org_id", "n")
    ):
        if oid in owner:
            received[owner[oid]] = received.get(owner[oid], 0) + n
    concluded: dict[int, list[int]] = {}
    fixed = correction_decisions()
    for oid, decision, n in (
        concluded_qs(org, period).values_list("org_id", "decision").annotate(n=Count("id")).values_list("org_id", "decision", "n")
    ):
        if oid in owner:
            acc = concluded.setdefault(owner[oid], [0, 0])
            acc[0] += n
            acc[1] += n if decision in fixed else 0
    heard: dict[int, list[int]] = {}
    for oid, head, n in (
        LitigationCase.objects.filter(org_id__in=list(owner), first_hearing_on__gte=period.start, first_hearing_on__lte=period.end)
        .values_list("org_id", "head_appeared").annotate(n=Count("id")).values_list("org_id", "head_appeared", "n")
    ):
        acc = heard.setdefault(owner[oid], [0, 0])
        acc[0] += n
        acc[1] += n if head else 0

    def _rate(pair: list[int]) -> tuple[float | None, str]:
        den, num = pair
        v = rate(num, den)
        return (float(v) if v is not None and den >= min_sample else None), f"{num}/{den}"

    out = []
    for c in children:
        cr, cr_base = _rate(concluded.get(c.pk, [0, 0]))
        hr, hr_base = _rate(heard.get(c.pk, [0, 0]))
        out.append({
            "name": c.name, "id": c.pk, "received": received.get(c.pk, 0),
            "correction_rate": cr, "correction_rate_base": cr_base,
            "head_appearance_rate": hr, "head_appearance_rate_base": hr_base,
        })
    return out
