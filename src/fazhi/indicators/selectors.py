"""Reads for dashboards: indicator values with targets and drill-down links, monthly trends, rankings."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as django_apps
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from .registry import Period, Value, compute, registered
from .targets import TargetStatus, status_of, targets_for

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
    page = getattr(django_apps.get_app_config(d.records_app_for(None, None, part)), "list_url", "")
    if not page:
        return ""
    return f"{reverse(page)}?{value.drilldown}" + (f"&part={part}" if part else "")


def indicator_rows(org, year: int, keys: list[str] | None = None) -> list[Row]:
    values = compute(org, Period.year(year), keys)
    targets = targets_for(org, year)
    rows = []
    for key, v in values.items():
        t = targets.get(key)
        rows.append(Row(v, status_of(t, v.value, year) if t else None, drill_url(v), drill_url(v, "denominator")))
    return rows


AREA_NAMES = {
    "reconsideration": "行政复议",
    "litigation": "行政应诉",
    "legality": "合法性审核与备案",
    "enforcement": "行政执法",
    "mediation": "矛盾纠纷化解",
    "hotline": "12345热线",
    "legal_services": "公共法律服务",
    "supervision": "监督与建议提案",
    "disclosure": "政务公开",
}


def grouped_rows(rows: list[Row]) -> list[dict]:
    """Rows by area (the key's prefix), areas in catalog order; each group says how many have no data."""
    groups: dict[str, dict] = {}
    for r in rows:
        area = r.value.key.split(".", 1)[0]
        g = groups.setdefault(area, {"area": area, "name": AREA_NAMES.get(area, area), "rows": [], "empty": 0})
        g["rows"].append(r)
        g["empty"] += r.hideable
    order = list(AREA_NAMES)
    return sorted(groups.values(), key=lambda g: order.index(g["area"]) if g["area"] in order else len(order))


def monthly_reconsideration(org, year: int) -> dict[str, list[int]]:
    from fazhi.reconsideration.indicators import scoped

    base = scoped(org)
    received = dict(
        base.filter(received_on__year=year).annotate(m=ExtractMonth("received_on")).values("m").annotate(n=Count("id")).values_list("m", "n")
    )
    concluded = dict(
        base.filter(decided_on__year=year).annotate(m=ExtractMonth("decided_on")).values("m").annotate(n=Count("id")).values_list("m", "n")
    )
    return {
        "months": [f"{m}月" for m in range(1, 13)],
        "received": [received.get(m, 0) for m in range(1, 13)],
        "concluded": [concluded.get(m, 0) for m in range(1, 13)],
    }


def respondent_ranking(org, year: int, min_sample: int = MIN_SAMPLE) -> list[dict]:
    """Units ranked by correction rate of the reconsideration cases they were respondent in."""
    from fazhi.reconsideration.indicators import scoped
    from fazhi.reconsideration.rules import correction_decisions

    rows = (
        scoped(org)
        .filter(decided_on__year=year)
        .values("respondent__name")
        .annotate(n=Count("id"), corrected=Count("id", filter=Q(decision__in=correction_decisions())))
        .filter(n__gte=min_sample)
    )
    out = [
        {"name": r["respondent__name"], "n": r["n"], "corrected": r["corrected"], "rate": round(100 * r["corrected"] / r["n"], 1)}
        for r in rows
    ]
    return sorted(out, key=lambda r: (-r["rate"], -r["n"]))[:15]


def sub_jurisdictions(org):
    from fazhi.core.models import Org

    return Org.objects.filter(parent=org).exclude(kind="unit").order_by("sort", "code")




def compared_keys() -> list[str]:
    """The figures the apps compare across child jurisdictions (`compared_indicators` on their AppConfig)."""
    from fazhi.core.contract import domain_apps

    return [k for cfg in domain_apps() for k in cfg.compared_indicators]


def sub_jurisdiction_comparison(org, year: int, min_sample: int = MIN_SAMPLE) -> list[dict]:
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
        row: dict = {"name": c.name, "id": c.pk}
        for key, v in values[c.pk].items():
            name = key.rsplit(".", 1)[1]
            if v.denominator is None:
                row[name] = v.value
                continue
            shown = v.value is not None and v.denominator >= min_sample
            row[name] = float(v.value) if shown else None
            row[f"{name}_base"] = f"{v.numerator}/{v.denominator}"
        out.append(row)
    return out
