"""Figures declared once: a `Count` of a model's records (dated in the period, or a snapshot) and a `Rate` of two
counts. From the one declaration the engine derives

* the value for an org and period, every count over the same model, scope and date field of a computation
  in ONE aggregate query (conditional `COUNT(*) FILTER (WHERE …)`);
* the drill-down: the queryset of exactly the rows counted (a rate: its numerator's and its denominator's);
* the comparison across child jurisdictions: the same aggregate grouped by the records' jurisdiction.

An app declares its figures in its `indicators.py`:

    case = Count.of(ReconsiderationCase, jurisdiction="org", party="respondent")
    CONCLUDED = case("decided_on")
    CORRECTED = case("decided_on", where=lambda period: Q(decision__in=correction_decisions()))
    declare("reconsideration.correction_rate", Rate(CORRECTED, CONCLUDED), formula="纠错率 = …")

Which records belong to an org is `registry.org_scope`: a jurisdiction owns its subtree's records by the
record's `jurisdiction` field, a unit those where it is the `party`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from django.db import models
from django.db.models import Q

from .registry import REGISTRY, IndicatorDef, OrgScope, Period, Value, catalog, count, org_scope, ratio

Where = Q | Callable[[Period], Q]


def _nullable(model: type[models.Model], path: str) -> bool:
    """Whether the field path (`org_id`, `case__org_id`) can be NULL for some record of `model`."""
    *links, last = path.split("__")
    for name in links:
        f = model._meta.get_field(name)
        if f.null or not f.many_to_one:
            return True
        model = f.related_model
    return bool(model._meta.get_field(last.removesuffix("_id")).null)


@dataclass(eq=False, frozen=True)
class Count:
    """The records of `model` owned by the org (see `org_scope`) whose `date_field` falls in the period and
    that match `where` (a Q, or a function of the period giving one: for a setting read at computation time or
    a condition on the period's dates). Without a date field, `where` alone says which records count (e.g. a
    snapshot such as 超期未结, or 上年结转). Compared by identity: a count used by several figures is computed
    once per computation."""

    model: type[models.Model]
    date_field: str | None
    where: Where = field(default_factory=Q)
    jurisdiction: str = "org"
    party: str = "org"

    @classmethod
    def of(
        cls, model: type[models.Model], *, jurisdiction: str = "org", party: str = "org"
    ) -> Callable[..., Count]:
        """A maker of counts over one model and its org fields: `case = Count.of(Model, party="respondent")`."""
        return partial(cls, model, jurisdiction=jurisdiction, party=party)

    def org_field(self, scope: OrgScope) -> str:
        return f"{self.party if scope.by_party else self.jurisdiction}_id"

    def condition(self, period: Period) -> Q:
        where = self.where(period) if callable(self.where) else self.where
        if self.date_field:
            where = (
                Q(**{f"{self.date_field}__gte": period.start, f"{self.date_field}__lte": period.end}) & where
            )
        return where

    def scoped(self, scope: OrgScope):
        name = self.org_field(scope)
        if scope.everything:  # every org is in scope: only a record with no org at all is not
            qs = self.model._default_manager.all()
            return qs.filter(**{f"{name}__isnull": False}) if _nullable(self.model, name) else qs
        return self.model._default_manager.filter(**{f"{name}__in": scope.ids})

    def records(self, org, period: Period, scope: OrgScope | None = None):
        """Exactly the records counted."""
        return self.scoped(scope or org_scope(org)).filter(self.condition(period))

    def counts(self) -> tuple[Count, ...]:
        return (self,)

    def value(self, got: dict[Count, int]) -> Value:
        return count(got[self])


@dataclass(eq=False, frozen=True)
class Rate:
    """numerator ÷ denominator × 100%, rounded half-up; its drill-down lists the numerator's records, and its
    denominator's through `part="denominator"`."""

    numerator: Count
    denominator: Count

    def counts(self) -> tuple[Count, ...]:
        return (self.numerator, self.denominator)

    def records(self, org, period: Period, part: str = "numerator"):
        return getattr(self, part).records(org, period)

    def value(self, got: dict[Count, int]) -> Value:
        return ratio(got[self.numerator], got[self.denominator])


Figure = Count | Rate
PARTS = ("numerator", "denominator")


def declare(key: str, figure: Figure, *, formula: str = "", definition: str = "", source: str = "") -> Figure:
    """Registers the figure `key` (a catalog key) as declared by the calling module."""
    if key not in catalog():
        raise KeyError(f"indicator {key} is not in the catalog")
    module = sys._getframe(1).f_globals.get("__name__", "")
    REGISTRY[key] = IndicatorDef(key, None, (), formula, definition, source, figure=figure, module=module)
    return figure


def records_of(figure: Figure, org, period: Period, part: str = ""):
    """The drill-down of a figure: a count's records; a rate's numerator's (or `part`'s) records."""
    if isinstance(figure, Rate):
        return figure.records(org, period, part or "numerator")
    if part and part != "numerator":
        raise ValueError(part)
    return figure.records(org, period)


# ---------------------------------------------------------------------------------------------------------
# Evaluation


def _batches(counts: Iterable[Count], scope: OrgScope) -> dict[tuple, list[Count]]:
    """Counts that can share one query: same model, org field and date field. Undated counts go alone (their
    condition alone narrows the table, so folding them into a filtered aggregate would scan the scope)."""
    out: dict[tuple, list[Count]] = {}
    for c in dict.fromkeys(counts):
        key = (c.model, c.org_field(scope), c.date_field or id(c))
        out.setdefault(key, []).append(c)
    return out


def _aggregate(batch: list[Count], qs, period: Period, group_by: str | None) -> dict:
    """One query for a batch: {group (None when not grouped): {count: n}}."""
    lead = batch[0]
    if len(batch) == 1:  # a count alone: its whole condition in WHERE, where an index can serve it
        qs = qs.filter(lead.condition(period))
    else:
        qs = qs.filter(**{f"{lead.date_field}__gte": period.start, f"{lead.date_field}__lte": period.end})
    names = {f"n{i}": c for i, c in enumerate(batch)}
    aggs = {}
    for name, c in names.items():
        where = (c.where(period) if callable(c.where) else c.where) if len(batch) > 1 else Q()
        aggs[name] = models.Count("pk", filter=where) if where else models.Count("pk")
    if group_by is None:
        row = qs.aggregate(**aggs)
        return {None: {c: row[name] or 0 for name, c in names.items()}}
    out: dict = {}
    for row in qs.order_by().values(group_by).annotate(**aggs):
        out[row[group_by]] = {c: row[name] for name, c in names.items()}
    return out


def evaluate(counts: Iterable[Count], org, period: Period) -> dict[Count, int]:
    """The value of each count for `org` and `period`: one aggregate query per batch."""
    from . import summary

    scope = org_scope(org)
    counts = list(dict.fromkeys(counts))
    got: dict[Count, int] = summary.read(counts, scope, period)
    for batch in _batches([c for c in counts if c not in got], scope).values():
        got.update(_aggregate(batch, batch[0].scoped(scope), period, None)[None])
    return got


def compute_declared(defs: list[IndicatorDef], org, period: Period) -> dict[str, Value]:
    got = evaluate((c for d in defs for c in d.figure.counts()), org, period)
    return {d.key: d.figure.value(got) for d in defs}


def compare(defs: list[IndicatorDef], org, period: Period, children) -> dict[int, dict[str, Value]]:
    """The figures of each child jurisdiction of `org` (a child owns the records of its subtree by their
    jurisdiction field), grouped by that field in one query per batch rather than one computation per child."""
    from fazhi.core.models import Org

    from . import summary

    children = list(children)
    owner: dict[int, int] = {}
    for o in Org.objects.filter(path__startswith=org.path).only("id", "path"):
        for c in children:
            if o.path.startswith(c.path):
                owner[o.id] = c.pk
    # The top jurisdiction reads the whole table grouped by org (no IN list), and drops its own records' group.
    scope = OrgScope(ids=list(owner), by_party=False, everything=org_scope(org).everything)
    per_child: dict[int, dict[Count, int]] = {c.pk: {} for c in children}
    counts = list(dict.fromkeys(c for d in defs for c in d.figure.counts()))
    summarized = summary.read(counts, scope, period, group_by_org=True)
    for c in summarized.get("counts", ()):
        for got in per_child.values():
            got[c] = 0
    for org_id, row in summarized.get("groups", {}).items():
        if org_id in owner:  # not a record of `org` itself
            for c, n in row.items():
                per_child[owner[org_id]][c] += n
    live = [c for c in counts if c not in summarized.get("counts", ())]
    for batch in _batches(live, scope).values():
        for c in batch:
            for got in per_child.values():
                got[c] = 0
        field_ = batch[0].org_field(scope)
        for org_id, row in _aggregate(batch, batch[0].scoped(scope), period, field_).items():
            if org_id not in owner:  # a record of `org` itself, not of a child's subtree
                continue
            got = per_child[owner[org_id]]
            for c, n in row.items():
                got[c] += n
    return {pk: {d.key: d.figure.value(got) for d in defs} for pk, got in per_child.items()}
