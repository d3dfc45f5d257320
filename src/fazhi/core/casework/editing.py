"""修改基本信息 and 作废 of any record type (CaseKind), written once for every app.

* `edit_record`: the fields the kind declares editable (`edit_fields`), never those its rules lock now
  (`locked_fields(record)`: e.g. the received date once a 复议 case is accepted, because the statutory periods
  ran from it), with a reason; the app's `validate(record)` must still pass and its derived fields are recomputed
  (`after_edit`). One history row names the user, the reason and each field before → after (操作日志).
* `void_record`: 作废 with a reason. The record is kept with who/when/why; the default manager hides it from every
  list, figure, deadline and reminder (core.records.LiveRecords).

Both lock the row, check the record's version when the form carries one, and require the kind's handling
capability on the record (`CaseKind.require_handle`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import save_audited
from fazhi.core.locking import check_version, lock

REASON_MIN = 4


def _reason(reason: str, what: str) -> str:
    text = (reason or "").strip()
    if len(text) < REASON_MIN:
        raise ValidationError({"reason": f"请填写{what}原因（至少{REASON_MIN}个字）"})
    return text


def edit_record(
    kind: Any, *, record: Any, actor: Any, changes: dict, reason: str, version: int | None = None
):
    """Change the record's editable fields (see the module docstring); returns the record."""
    text = _reason(reason, "修改")
    with transaction.atomic():
        record = lock(record)
        if version is not None:
            check_version(record, version)
        kind.require_handle(actor, record)
        changed = {f: v for f, v in changes.items() if getattr(record, f) != v}
        if not changed:
            raise ValidationError("没有修改任何内容")
        unknown = set(changed) - set(kind.edit_fields)
        if unknown:
            raise ValidationError(f"以下字段不能在此修改：{'、'.join(sorted(unknown))}")
        locked = kind.locked_fields(record)
        errors = {f: locked[f] for f in changed if f in locked}
        if errors:
            raise ValidationError(errors)
        before = {f: getattr(record, f) for f in changed}
        for f, v in changed.items():
            setattr(record, f, v)
        problems = kind.validate(record)
        if problems:
            raise ValidationError(problems)
        kind.after_edit(record, before)
        record.version += 1
        try:
            with transaction.atomic():
                save_audited(record, actor=actor, reason=f"修改基本信息：{text}")
        except IntegrityError as exc:
            raise ValidationError("修改后与已有记录重复（如案号），未保存") from exc
    return record


def void_record(kind: Any, *, record: Any, actor: Any, reason: str, version: int | None = None):
    """作废: keep the record with who, when and why; it leaves every list and figure."""
    text = _reason(reason, "作废")
    with transaction.atomic():
        record = lock(record)
        if version is not None:
            check_version(record, version)
        kind.require_handle(actor, record)
        record.voided_at = timezone.now()
        record.voided_by = actor if getattr(actor, "is_authenticated", False) else None
        record.void_reason = text
        record.version += 1
        save_audited(record, actor=actor, reason=f"作废：{text}")
    return record
