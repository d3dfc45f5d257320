"""Period lock (年度数据发布锁定) and the restatement log (更正记录).

When a year's report is published, `lock_period` snapshots every figure of the org for that year (value,
numerator, denominator, and the ids of the records behind it). `compute` keeps computing live — casework
goes on and records of a locked year may still be corrected — but `published_values` returns the figures as
published, and `refresh_restatements` logs every figure whose live value now differs from the published
one, naming the records that entered, left or changed since the lock with who and when (from the
django-simple-history tables of the records behind each figure, and of their `restatement_parent`). A published number is never
rewritten; a difference is an entry of the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from fazhi.core.audit import ACTIONS, save_audited
from fazhi.core.audit import _changes as history_changes
from fazhi.core.models import Org
from fazhi.core.permissions import can, org_filter

from .access import can_manage
from .models import PeriodLock, PublishedValue, Restatement
from .registry import Period, Value, catalog, compute, drilldown_records, plain, registered

# Record ids kept per published figure; a figure behind more records (a province's 12345 tickets) keeps none
# and its restatements then list only the records behind it now.
MAX_RECORD_IDS = 50_000
MAX_CHANGES = 100  # records listed per restatement entry


# ---------------------------------------------------------------------------------------------------------
# Lock


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _records_of(key: str, org: Org, period: Period) -> tuple[str, list[int] | None]:
    d = registered().get(key)
    if d is None or d.records is None:
        return "", None
    qs = drilldown_records(key, org, period)
    ids = list(qs.order_by().values_list("id", flat=True)[: MAX_RECORD_IDS + 1])
    return qs.model._meta.label, (None if len(ids) > MAX_RECORD_IDS else sorted(ids))


def can_lock(user, org: Org) -> bool:
    """Who publishes the org's year: the office (法治办) of a jurisdiction or above it; for a department (单位),
    also its own users who may write its records (its 部门填报员 publishes the department's report)."""
    if can_manage(user, org):
        return True
    return not org.is_jurisdiction and can(user, org, "collection.publish_unit")


@transaction.atomic
def lock_period(*, org: Org, year: int, actor, reason: str, keys: list[str] | None = None) -> PeriodLock:
    """发布锁定: snapshot the org's figures of `year` (all registered figures unless `keys`) as published.
    Called by the report builder when a year's report is published, and by the 年度数据发布 page.

    A year is locked once: when it already is, the existing lock is returned unchanged (the first
    publication's figures stay the published ones; later differences go to the 更正记录)."""
    if not can_lock(actor, org):
        raise PermissionDenied("只有本级法治办可以发布锁定该机构的年度数据")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写发布说明，如“2024年度法治政府建设情况报告已发布”"})
    Org.objects.select_for_update().filter(pk=org.pk).first()  # serialise two publications of the same org
    existing = PeriodLock.objects.filter(org=org, year=year).first()
    if existing is not None:
        return existing
    locked_at = timezone.now()  # before computing: a change made while computing shows up as a change since
    period = Period.year(year)
    values = compute(org, period, keys)
    lock = PeriodLock(
        org=org,
        year=year,
        locked_at=locked_at,
        locked_by=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason[:300],
    )
    save_audited(lock, actor=actor, reason="发布锁定")
    rows = []
    for key, v in values.items():
        model, ids = _records_of(key, org, period)
        rows.append(
            PublishedValue(
                lock=lock,
                key=key,
                unit=v.unit,
                value=_dec(v.value),
                numerator=v.numerator,
                denominator=v.denominator,
                record_model=model,
                record_ids=ids,
            )
        )
    bulk_create_with_history(
        rows,
        PublishedValue,
        default_user=actor if getattr(actor, "is_authenticated", False) else None,
        default_change_reason="发布锁定",
    )
    return lock


def get_lock(org: Org, year: int) -> PeriodLock | None:
    return PeriodLock.objects.filter(org=org, year=year).first()


def _value(pv: PublishedValue) -> Value:
    e = catalog().get(pv.key, {})
    v = None if pv.value is None else plain(pv.value, pv.unit)
    return Value(
        key=pv.key,
        name=e.get("zh", pv.key),
        unit=pv.unit,
        value=v,
        numerator=pv.numerator,
        denominator=pv.denominator,
        formula=e.get("formula", ""),
    )


def published_values(org: Org, year: int) -> dict[str, Value]:
    """The figures of `org`'s `year` as published (same shape as `compute`, in catalog order); empty when the
    year is not locked."""
    lock = get_lock(org, year)
    if lock is None:
        return {}
    order = {k: i for i, k in enumerate(catalog())}
    pvs = sorted(lock.values.all(), key=lambda pv: (order.get(pv.key, len(order)), pv.key))
    return {pv.key: _value(pv) for pv in pvs}


# ---------------------------------------------------------------------------------------------------------
# Differences between live and published


@dataclass
class Difference:
    key: str
    name: str
    published: Value
    current: Value
    changes: list[dict] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return _same(self.published, self.current)


def _same(a: Value, b: Value) -> bool:
    return _dec(a.value) == _dec(b.value) and a.numerator == b.numerator and a.denominator == b.denominator


def _text(value) -> str:
    if value is None:
        return ""
    return str(value)


def _history_rows(model, ids, since, movement: dict[int, str]) -> list[dict]:
    hist = model.history.model
    out = []
    rows = (
        hist.objects.filter(id__in=list(ids), history_date__gt=since)
        .select_related("history_user")
        .order_by("history_date", "history_id")[:MAX_CHANGES]
    )
    for rec in rows:
        out.append(
            {
                "model": str(model._meta.verbose_name),
                "id": rec.id,
                "label": str(rec.instance)[:80],
                "movement": movement.get(rec.id, "修改"),
                "action": ACTIONS.get(rec.history_type, rec.history_type),
                "who": str(rec.history_user) if rec.history_user else "系统",
                "when": timezone.localtime(rec.history_date).strftime("%Y-%m-%d %H:%M"),
                "reason": rec.history_change_reason or "",
                "fields": [
                    {"field": c.field, "old": _text(c.old), "new": _text(c.new)} for c in history_changes(rec)
                ],
            }
        )
    return out


def record_changes(lock: PeriodLock, pv: PublishedValue) -> list[dict]:
    """The records behind a published figure that entered it (新计入), left it (移出) or changed (修改) since
    the lock, each history row with who, when and the fields changed."""
    if not pv.record_model:
        return []
    model = apps.get_model(pv.record_model)
    period = Period.year(lock.year)
    try:
        now_ids = set(drilldown_records(pv.key, lock.org, period).order_by().values_list("id", flat=True))
    except ValidationError:
        now_ids = set()
    then_ids = set(pv.record_ids or [])
    movement = {i: "新计入" for i in now_ids - then_ids} | {i: "移出" for i in then_ids - now_ids}
    ids = now_ids | then_ids
    out = _history_rows(model, ids, lock.locked_at, movement)
    parent_name = getattr(model, "restatement_parent", "")
    if parent_name:
        # A record moved in or out by a change of its parent, not of itself (a returned or re-accepted 填报任务
        # moves its values): the parent's history is listed too.
        parent = model._meta.get_field(parent_name)
        parent_ids = set(
            model._default_manager.filter(id__in=list(ids)).values_list(parent.attname, flat=True)
        )
        out += _history_rows(parent.related_model, parent_ids, lock.locked_at, {})
    seen = {(c["model"], c["id"]) for c in out}
    for i, how in sorted(movement.items()):
        if (str(model._meta.verbose_name), i) not in seen:
            obj = model._default_manager.filter(pk=i).first()
            out.append(
                {
                    "model": str(model._meta.verbose_name),
                    "id": i,
                    "label": str(obj)[:80] if obj else f"#{i}（已删除）",
                    "movement": how,
                    "action": "",
                    "who": "",
                    "when": "",
                    "reason": "",
                    "fields": [],
                }
            )
    return sorted(out, key=lambda c: c["when"] or "9999")[:MAX_CHANGES]


def differences(lock: PeriodLock, *, with_changes: bool = True) -> list[Difference]:
    """Every published figure of the lock whose live value differs now (figures defined as of today, such as
    超期未结, are left out: they move by definition)."""
    pvs = {pv.key: pv for pv in lock.values.all()}
    keys = [k for k in pvs if k in registered() and not catalog().get(k, {}).get("as_of_today")]
    live = compute(lock.org, Period.year(lock.year), keys) if keys else {}
    out = []
    for key in keys:
        published, current = _value(pvs[key]), live[key]
        if _same(published, current):
            continue
        out.append(
            Difference(
                key,
                published.name,
                published,
                current,
                record_changes(lock, pvs[key]) if with_changes else [],
            )
        )
    return out


@transaction.atomic
def refresh_restatements(*, lock: PeriodLock, actor=None) -> list[Restatement]:
    """核对: log each figure whose live value differs from the published one and is not yet logged with this
    value, and each logged figure that agrees again. Safe to run any number of times."""
    lock = PeriodLock.objects.select_for_update().select_related("org").get(pk=lock.pk)
    now = timezone.now()
    latest: dict[str, Restatement] = {}
    for r in lock.restatements.order_by("detected_at", "id"):
        latest[r.key] = r
    pvs = {pv.key: pv for pv in lock.values.all()}
    diffs = {d.key: d for d in differences(lock)}
    created = []

    def log(key: str, current: Value, changes: list[dict]) -> None:
        pv = pvs[key]
        r = Restatement(
            lock=lock,
            key=key,
            detected_at=now,
            published_value=pv.value,
            published_numerator=pv.numerator,
            published_denominator=pv.denominator,
            current_value=_dec(current.value),
            current_numerator=current.numerator,
            current_denominator=current.denominator,
            changes=changes,
            detected_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        save_audited(r, actor=actor, reason="核对更正")
        created.append(r)

    for key, d in diffs.items():
        last = latest.get(key)
        if last is not None and (
            last.current_value == _dec(d.current.value)
            and last.current_numerator == d.current.numerator
            and last.current_denominator == d.current.denominator
        ):
            continue
        log(key, d.current, d.changes)
    for key, last in latest.items():
        if key not in diffs and not last.agrees_again and key in pvs:
            log(key, _value(pvs[key]), record_changes(lock, pvs[key]))
    return created


# ---------------------------------------------------------------------------------------------------------
# Reads


def visible_locks(user) -> QuerySet[PeriodLock]:
    return PeriodLock.objects.filter(org_filter(user, "org"))


def lock_list(user, *, org: int | None = None, year: int | None = None) -> QuerySet[PeriodLock]:
    qs = visible_locks(user).select_related("org", "locked_by")
    if org:
        qs = qs.filter(org_id=org)
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(n_restatements=Count("restatements")).order_by("-year", "org__path")


def get_lock_for(user, pk: int) -> PeriodLock:
    lock = visible_locks(user).select_related("org", "locked_by").filter(pk=pk).first()
    if lock is None:
        raise Http404("发布锁定记录不存在或无权查看")
    return lock


def restatement_log(lock: PeriodLock) -> list[Restatement]:
    return list(lock.restatements.select_related("detected_by").order_by("-detected_at", "-id"))


def display(value: Decimal | None, unit: str) -> str:
    """A stored value as a page shows it (无数据 when empty)."""
    if value is None:
        return "无数据"
    v = plain(value, unit)
    return Value(key="", name="", unit=unit, value=v).display()
