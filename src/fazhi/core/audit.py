"""Audit helpers: the per-record history (django-simple-history) and the operation log across all records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import CharField, Value


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    model: str
    object_id: object
    label: str
    changes: list[Change]


ACTIONS = {"+": "新增", "~": "修改", "-": "删除"}


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since
        return name


def _display(model, name: str, value):
    from .personal import mask, personal_fields

    if name in personal_fields(model):
        return mask(value)  # the history never shows a phone or an ID number in full (core.personal)
    try:
        f = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since
        return value
    if f.choices and value not in (None, ""):
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _changes(record) -> list[Change]:
    prev = record.prev_record
    if record.history_type != "~" or prev is None:
        return []
    delta = record.diff_against(prev)
    model = record.instance_type
    return [
        Change(_field_label(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new))
        for c in delta.changes
    ]


def save_audited(obj, *, actor, reason: str) -> None:
    """Save a record so that its history row names the acting user and the reason (操作日志)."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = reason
    obj.save()


def record_history(obj, limit: int = 200) -> list[HistoryEntry]:
    """The history of one record, newest first, each entry with its field changes (before → after)."""
    entries = []
    for rec in obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]:
        entries.append(
            HistoryEntry(
                when=rec.history_date,
                who=str(rec.history_user) if rec.history_user else "系统",
                action=ACTIONS.get(rec.history_type, rec.history_type),
                model=str(obj._meta.verbose_name),
                object_id=obj.pk,
                label=rec.history_change_reason or "",
                changes=_changes(rec),
            )
        )
    return entries


def history_models():
    return [
        m for m in apps.get_models() if hasattr(m, "instance_type") and m.__name__.startswith("Historical")
    ]


def operation_log(*, query: str = "", limit: int = 100) -> list[HistoryEntry]:
    """One log across every audited table: who, when, what, with before/after of each change."""
    parts = []
    for hm in history_models():
        qs = hm.objects.all()
        if query:
            qs = (
                qs.filter(history_user__username__icontains=query)
                | qs.filter(history_user__first_name__icontains=query)
                | qs.filter(history_user__last_name__icontains=query)
                | qs.filter(history_change_reason__icontains=query)
            )
        parts.append(
            qs.order_by()
            .annotate(_model=Value(hm._meta.label, output_field=CharField()))
            .values_list("_model", "history_id", "history_date")
        )
    if not parts:
        return []
    union = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:limit]
    rows = list(union)
    by_model: dict[str, list[int]] = {}
    for label, hid, _ in rows:
        by_model.setdefault(label, []).append(hid)
    records = {}
    for label, ids in by_model.items():
        hm = apps.get_model(label)
        for rec in hm.objects.filter(history_id__in=ids).select_related("history_user"):
            records[(label, rec.history_id)] = rec
    out = []
    for label, hid, _ in rows:
        rec = records[(label, hid)]
        out.append(
            HistoryEntry(
                when=rec.history_date,
                who=str(rec.history_user) if rec.history_user else "系统",
                action=ACTIONS.get(rec.history_type, rec.history_type),
                model=str(rec.instance_type._meta.verbose_name),
                object_id=rec.id,
                label=rec.history_change_reason or str(rec.instance)[:60],
                changes=_changes(rec),
            )
        )
    return out
