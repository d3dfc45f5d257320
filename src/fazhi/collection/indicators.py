"""Figures kept outside Fazhi (catalog source "form"), entered once through 统计填报 and served to every
report and dashboard through the one registry: `compute(org, period)` returns the accepted value.

For an org and a period, the values that count are those of accepted 填报任务 of forms of exactly that period,
filled by the org or an org below it. Up the tree, by the catalog's `aggregation`:

* sum: the org's own figure when it submitted one (a jurisdiction's figure covers its whole area);
  otherwise the sum over the topmost orgs below it that did, so a county's figure is never added to the
  figures of its own units again;
* ratio_of_sums: the same rule applied to orgs that gave both the numerator and the denominator, then
  sum of numerators ÷ sum of denominators (never a sum or mean of percentages);
* none: only the org's own figure (a rate reported as a rate, an average).

Nothing accepted → value None (无数据), never 0.

The registry loads this module as every app's `indicators` module, in INSTALLED_APPS order: collection comes after
the domain apps, so a key an app computes from its records is never taken over by a form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.indicators.registry import REGISTRY, Value, catalog, facts, indicator, plain, ratio, records

SUM, RATIO, NONE = "sum", "ratio_of_sums", "none"


# ---------------------------------------------------------------------------------------------------------
# The catalog's form figures


def form_keys() -> list[str]:
    """Every catalog key of source "form", in catalog order."""
    return [k for k, e in catalog().items() if e.get("source") == "form"]


def is_derived(key: str) -> bool:
    """A form rate computed from its numerator and denominator, never typed in."""
    return catalog()[key].get("aggregation") == RATIO


def parts(key: str) -> tuple[str, ...]:
    """The keys a figure is computed from: its numerator and denominator for a rate, else itself."""
    e = catalog()[key]
    if e.get("aggregation") == RATIO:
        return (e["numerator"], e["denominator"])
    return (key,)


def entry_keys(keys: list[str]) -> list[str]:
    """The fields a form with these figures asks for: each figure, a rate replaced by its numerator and
    denominator; in order, without repeats."""
    out: list[str] = []
    for key in keys:
        for k in parts(key):
            if k not in out:
                out.append(k)
    return out


# ---------------------------------------------------------------------------------------------------------
# Facts: the accepted values of the org's subtree for the period, one query


@dataclass
class Entry:
    value_id: int
    value: Decimal
    task_id: int
    org_id: int
    path: str


@dataclass
class FormFacts:
    path: str  # the org's path
    by_key: dict[str, dict[str, Entry]] = field(default_factory=dict)  # key -> org path -> entry


@facts("forms")
def form_facts(org, period) -> FormFacts:
    from .models import CollectedValue, CollectionTask

    rows = (
        CollectedValue.objects.filter(
            task__status=CollectionTask.Status.ACCEPTED,
            task__form__period_start=period.start,
            task__form__period_end=period.end,
            task__org__path__startswith=org.path,
            value__isnull=False,
        )
        .order_by("task__reviewed_at", "id")
        .values_list("id", "key", "value", "task_id", "task__org_id", "task__org__path")
    )
    f = FormFacts(path=org.path)
    for vid, key, value, task_id, org_id, path in rows:
        # Two accepted forms of the same period asking the same figure: the later accepted one counts.
        f.by_key.setdefault(key, {})[path] = Entry(vid, value, task_id, org_id, path)
    return f


def topmost(paths) -> list[str]:
    """The paths not below another of them. Sorted materialised paths put a node's subtree right after it."""
    kept: list[str] = []
    for p in sorted(paths):
        if not kept or not p.startswith(kept[-1]):
            kept.append(p)
    return kept


def counted_paths(f: FormFacts, key: str) -> list[str]:
    """The orgs whose figures make up `key` for the facts' org (see the module docstring)."""
    agg = catalog()[key].get("aggregation")
    if agg == RATIO:
        n, d = parts(key)
        both = set(f.by_key.get(n, {})) & set(f.by_key.get(d, {}))
        return [f.path] if f.path in both else topmost(both)
    own = f.by_key.get(key, {})
    if f.path in own:
        return [f.path]
    if agg == NONE:
        return []
    return topmost(own)


def value_of(f: FormFacts, key: str) -> Value:
    unit = catalog()[key].get("unit", "count")
    paths = counted_paths(f, key)
    if catalog()[key].get("aggregation") == RATIO:
        if not paths:
            return Value(key="", name="", unit=unit, value=None)
        n, d = parts(key)
        num = sum(f.by_key[n][p].value for p in paths)
        den = sum(f.by_key[d][p].value for p in paths)
        return ratio(int(num), int(den))
    if not paths:
        return Value(key="", name="", unit=unit, value=None)
    total = sum((f.by_key[key][p].value for p in paths), Decimal(0))
    return Value(key="", name="", unit=unit, value=plain(total, unit))


def value_records(key: str, org, period):
    """The drill-down: the accepted submitted values behind the figure in the org's subtree (those not
    counted because an org above them reported the figure are listed too; the page marks them)."""
    from .models import CollectedValue, CollectionTask

    return CollectedValue.objects.filter(
        key__in=parts(key),
        task__status=CollectionTask.Status.ACCEPTED,
        task__form__period_start=period.start,
        task__form__period_end=period.end,
        task__org__path__startswith=org.path,
        value__isnull=False,
    )


@dataclass
class Contribution:
    entry: Entry
    key: str
    counted: bool


def breakdown(key: str, org, period) -> list[Contribution]:
    """Every accepted value behind `key` for the org and period, and whether it is counted."""
    f = form_facts(org, period)
    counted = set(counted_paths(f, key))
    out = []
    for k in parts(key):
        for path, e in sorted(f.by_key.get(k, {}).items()):
            out.append(Contribution(e, k, path in counted))
    return out


# ---------------------------------------------------------------------------------------------------------
# Registration


def _register(key: str) -> None:
    e = catalog()[key]

    def func(f: FormFacts) -> Value:
        return value_of(f, key)

    func.__name__ = f"form_{key.replace('.', '_')}"
    indicator(
        key, uses=("forms",), formula=e.get("formula", ""), definition=e.get("definition", ""), source="form"
    )(func)
    records(key)(lambda org, period: value_records(key, org, period))


for _key in form_keys():
    if _key not in REGISTRY:  # an app that computes a figure from its records wins over a form
        _register(_key)
