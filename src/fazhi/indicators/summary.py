"""The per-org monthly summary of declared counts, so a figure's cost stops growing with the number of records.

A declared `Count` (declare.py) is summarized when it is dated by a date column of its own model and its
condition reads only that model's own columns with constant values (a function of the period qualifies when it
gives the same condition for any period: a setting read at computation time). Its summary is one
`MonthlyCount` row per (org field value, month): how many of the model's records have that org, a date in that
month and match the condition. A figure for a jurisdiction or unit over whole months (a year, quarter, month)
is then a sum over the org's ids and months instead of a scan of its records; other periods, undated counts
(snapshots, 上年结转) and conditions through other tables stay live.

The summary is kept equal to the records on write, in the writer's transaction:
* a model instance's save and delete (signals): its contributions before and after, read back from the
  database, and the difference added to the cells (an increment, so concurrent writers do not lose updates);
* the bulk paths of imports (`core.importing.bulk.ROW_WATCHERS`): the contributions of the rows inserted, and
  of those deleted again when a half-published import is discarded.
A count whose signature (model, org field, date field, condition) has no built summary (a new or changed
declaration or setting, a database flushed) is computed live: reading never writes (a page view writes nothing,
and a read may go to a replica). The missing ones are built by `ensure_built()`, after every `migrate` (the
post_migrate signal, once the database is fully migrated) and by `fazhi indicators --rebuild-summary` (every one
afresh), each under a lock that holds writers of the table off while it reads the records.

The drill-down is not summarized: it lists the records themselves (declare.records_of), and the tests check
that the summed figure equals both the live count and the drill-down's rows."""

from __future__ import annotations

import hashlib
from collections import Counter as Tally
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, router, transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from .registry import OrgScope, Period, registered

if TYPE_CHECKING:
    from .declare import Count

# Two periods far apart: a condition that is a function of the period is summarized only if both give it.
_PROBES = (Period.year(2001), Period.month(2013, 2))
PK_CHUNK = 5000  # record ids per contribution query


@dataclass(frozen=True)
class Slot:
    """One summarized count seen through one of its org fields (a jurisdiction's or a party's)."""

    name: str  # stable: the first figure declaring the count, its part and the org field
    model: type[models.Model]
    org_field: str  # attname: org_id, respondent_id …
    date_field: str
    where: Q

    @property
    def figure(self) -> str:
        """The signature: a changed declaration (or setting the condition reads) is a new summary."""
        text = f"{self.model._meta.label}|{self.org_field}|{self.date_field}|{self.where}"
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:40]


def enabled() -> bool:
    return getattr(settings, "FAZHI_INDICATOR_SUMMARY", True)


def _local(model: type[models.Model], q: Q) -> bool:
    """Whether every lookup of `q` reads a column of `model` itself against a constant."""
    for child in q.children:
        if isinstance(child, Q):
            if not _local(model, child):
                return False
            continue
        lookup, value = child
        if isinstance(value, Q | models.Expression | models.QuerySet) or hasattr(value, "resolve_expression"):
            return False
        first, *rest = lookup.split("__")
        try:
            f = model._meta.get_field(first)
        except FieldDoesNotExist:
            return False
        if not getattr(f, "concrete", False) or f.many_to_many or len(rest) > 1:
            return False
        if rest and f.get_lookup(rest[0]) is None:  # `case__status`: a column of another table
            return False
    return True


def _static_where(c: Count) -> Q | None:
    """The count's condition, if it reads only the model's own columns against constants and is the same
    for any period."""
    if not callable(c.where):
        return c.where if _local(c.model, c.where) else None
    first, second = (c.where(p) for p in _PROBES)
    if not (_local(c.model, first) and _local(c.model, second)):
        return None
    return first if str(first) == str(second) else None


def _date_column(model: type[models.Model], name: str) -> bool:
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)


@cache
def _named_counts() -> dict[Count, str]:
    """Every declared count, named after the first figure (in key order) declaring it and its part."""
    from .declare import Rate

    names: dict[Count, str] = {}
    for key, d in sorted(registered().items()):
        if d.figure is None:
            continue
        parts = ("numerator", "denominator") if isinstance(d.figure, Rate) else ("",)
        for part, c in zip(parts, d.figure.counts(), strict=True):
            names.setdefault(c, f"{key}:{part}" if part else key)
    return names


def slot(c: Count, org_field: str) -> Slot | None:
    """The summary of `c` through `org_field`, or None when `c` stays live."""
    name = _named_counts().get(c)
    if name is None or not c.date_field or not _date_column(c.model, c.date_field):
        return None
    where = _static_where(c)
    if where is None:
        return None
    return Slot(f"{name}@{org_field}", c.model, org_field, c.date_field, where)


def slots_of(model: type[models.Model]) -> list[Slot]:
    """The slots a write to `model` must keep (each summarized count through both its org fields), with the
    conditions as they read now (a setting may have changed them since the last write)."""
    found = (slot(c, field) for c, field in _candidates().get(model, ()))
    return list({s.name: s for s in found if s is not None}.values())


@cache
def _candidates() -> dict[type[models.Model], list[tuple[Count, str]]]:
    """Per model, its declared counts dated by a date column of its own, with each of their org fields."""
    out: dict[type[models.Model], list[tuple[Count, str]]] = {}
    for c in _named_counts():
        if not c.date_field or not _date_column(c.model, c.date_field):
            continue
        for field in dict.fromkeys((f"{c.jurisdiction}_id", f"{c.party}_id")):
            out.setdefault(c.model, []).append((c, field))
    return out


def whole_months(period: Period) -> bool:
    nxt = date.fromordinal(period.end.toordinal() + 1)
    return period.start.day == 1 and nxt.day == 1


# ---------------------------------------------------------------------------------------------------------
# Reading


def _built(slots: list[Slot], using: str) -> set[Slot]:
    """The slots whose current signature has a built summary."""
    from .models import SummaryBuilt

    have = dict(
        SummaryBuilt.objects.using(using)
        .filter(slot__in=[s.name for s in slots])
        .values_list("slot", "figure")
    )
    return {s for s in slots if have.get(s.name) == s.figure}


def _all_slots() -> list[Slot]:
    return [s for model in _candidates() for s in slots_of(model)]


def ensure_built(*, using: str = "default") -> int:
    """Build the summary of every slot whose current signature has none; return how many were built."""
    slots = _all_slots()
    missing = [s for s in slots if s not in _built(slots, using)]
    for s in missing:
        build(s, using=using)
    return len(missing)


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate: build what is missing once every summarized table is there (not after a migration test's
    partial migrate, nor when the summary is switched off)."""
    from .models import MonthlyCount, SummaryBuilt

    if not enabled():
        return
    needed = {m._meta.db_table for m in (MonthlyCount, SummaryBuilt, *_candidates())}
    if needed - set(connections[using].introspection.table_names()):
        return
    ensure_built(using=using)


def build(s: Slot, *, using: str = "default") -> None:
    """(Re)build one slot's summary from its records, holding writers of the table off meanwhile."""
    from .models import MonthlyCount, SummaryBuilt

    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {connection.ops.quote_name(s.model._meta.db_table)} IN SHARE MODE"
                )
        done = SummaryBuilt.objects.using(using).select_for_update().filter(slot=s.name).first()
        if done is not None and done.figure == s.figure:  # another process built it meanwhile
            return
        stale = [s.figure] + ([done.figure] if done is not None else [])
        MonthlyCount.objects.using(using).filter(figure__in=stale).delete()
        rows = (
            s.model._default_manager.using(using)
            .filter(s.where, **{f"{s.org_field}__isnull": False, f"{s.date_field}__isnull": False})
            .annotate(summary_month=TruncMonth(s.date_field))
            .order_by()
            .values(s.org_field, "summary_month")
            .annotate(summary_n=models.Count("pk"))
        )
        MonthlyCount.objects.using(using).bulk_create(
            [
                MonthlyCount(figure=s.figure, org=r[s.org_field], month=r["summary_month"], n=r["summary_n"])
                for r in rows
            ],
            batch_size=2000,
        )
        SummaryBuilt.objects.using(using).update_or_create(slot=s.name, defaults={"figure": s.figure})


def read(counts: Iterable[Count], scope: OrgScope, period: Period, group_by_org: bool = False) -> dict:
    """The summarized counts among `counts` for the scope's orgs and the period: {count: n}, or grouped
    {org id: {count: n}}; counts left out are to be computed live."""
    from .models import MonthlyCount

    if not enabled() or not whole_months(period):
        return {}
    slots: dict[Count, Slot] = {}
    for c in counts:
        s = slot(c, c.org_field(scope))
        if s is not None:
            slots[c] = s
    if not slots:
        return {}
    using = router.db_for_read(MonthlyCount)
    built = _built(list(dict.fromkeys(slots.values())), using)
    slots = {c: s for c, s in slots.items() if s in built}  # the others are computed live
    if not slots:
        return {}
    by_figure: dict[str, list[Count]] = {}
    for c, s in slots.items():
        by_figure.setdefault(s.figure, []).append(c)
    qs = MonthlyCount.objects.using(using).filter(
        figure__in=list(by_figure), month__gte=period.start, month__lte=period.end
    )
    if not scope.everything:
        qs = qs.filter(org__in=scope.ids)
    if not group_by_org:
        got = {c: 0 for c in slots}
        for figure, n in qs.values_list("figure").annotate(total=Sum("n")).order_by():
            for c in by_figure[figure]:
                got[c] = n or 0
        return got
    grouped: dict[int, dict[Count, int]] = {}
    for figure, org, n in qs.values_list("figure", "org").annotate(total=Sum("n")).order_by():
        row = grouped.setdefault(org, {})
        for c in by_figure[figure]:
            row[c] = n or 0
    return {"counts": list(slots), "groups": grouped}


# ---------------------------------------------------------------------------------------------------------
# Keeping it on write


def contributions(model: type[models.Model], pks: Iterable[Any], *, using: str = "default") -> Tally:
    """What the records `pks` of `model` add to the summary: {(figure, org id, month): n}."""
    slots = slots_of(model)
    out: Tally = Tally()
    pks = list(pks)
    if not slots or not pks:
        return out
    columns = list(dict.fromkeys([s.org_field for s in slots] + [s.date_field for s in slots]))
    marks = {
        f"summary_m{i}": models.Case(
            models.When(s.where, then=models.Value(1)),
            default=models.Value(0),
            output_field=models.IntegerField(),
        )
        if s.where
        else models.Value(1, output_field=models.IntegerField())  # no condition: every dated record counts
        for i, s in enumerate(slots)
    }
    for first in range(0, len(pks), PK_CHUNK):
        rows = (
            model._default_manager.using(using)
            .filter(pk__in=pks[first : first + PK_CHUNK])
            .order_by()
            .values(*columns)
            .annotate(**marks)
        )
        for r in rows:
            for i, s in enumerate(slots):
                org, day = r[s.org_field], r[s.date_field]
                if r[f"summary_m{i}"] and org is not None and day is not None:
                    out[(s.figure, org, date(day.year, day.month, 1))] += 1
    return out


def apply(delta: Tally, *, using: str = "default") -> None:
    """Add `delta` to the cells (an upsert incrementing `n`; PostgreSQL and SQLite ≥ 3.24 both take it)."""
    from .models import MonthlyCount

    rows = [(figure, org, month, n) for (figure, org, month), n in delta.items() if n]
    if not rows:
        return
    connection = connections[using]
    qn = connection.ops.quote_name
    table = qn(MonthlyCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (figure, org, month, n) VALUES (%s, %s, %s, %s) "  # noqa: S608 - quoted model identifiers; values are parameters
        f"ON CONFLICT (figure, org, month) DO UPDATE SET n = {table}.n + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class BulkWatcher:
    """Keeps the summary for the bulk writes of imports (core.importing.bulk.ROW_WATCHERS)."""

    def watches(self, model: type[models.Model]) -> bool:
        return model in _candidates()

    def added(self, model: type[models.Model], pks: list[Any], *, using: str) -> None:
        apply(contributions(model, pks, using=using), using=using)

    def removing(self, model: type[models.Model], pks: list[Any], *, using: str) -> None:
        apply(Tally({k: -n for k, n in contributions(model, pks, using=using).items()}), using=using)


def _before(sender, instance, using, **kwargs) -> None:
    if instance.pk is not None and not instance._state.adding:
        instance._summary_before = contributions(sender, [instance.pk], using=using)


def _after_save(sender, instance, using, **kwargs) -> None:
    before = instance.__dict__.pop("_summary_before", Tally())
    after = contributions(sender, [instance.pk], using=using)
    after.subtract(before)
    apply(after, using=using)


def _after_delete(sender, instance, using, **kwargs) -> None:
    before = instance.__dict__.pop("_summary_before", Tally())
    apply(Tally({k: -n for k, n in before.items()}), using=using)


def connect() -> None:
    """Keep the summary on every save and delete of a summarized model and on the imports' bulk writes
    (IndicatorsConfig.ready)."""
    from fazhi.core.importing.bulk import ROW_WATCHERS

    if not any(isinstance(w, BulkWatcher) for w in ROW_WATCHERS):
        ROW_WATCHERS.append(BulkWatcher())
    for model in _candidates():
        uid = f"indicators-summary-{model._meta.label}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")


def rebuild(*, using: str = "default") -> int:
    """Build every slot afresh from the records; return how many."""
    slots = _all_slots()
    from .models import SummaryBuilt

    SummaryBuilt.objects.using(using).filter(slot__in=[s.name for s in slots]).delete()
    for s in slots:
        build(s, using=using)
    return len(slots)
