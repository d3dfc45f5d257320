"""Row locks and record versions for every state-changing service (DESIGN.md, "Security by construction").

A service that changes a record must decide on the row as it is *now*, not as the caller read it before the
transaction began: otherwise two simultaneous actions (受理 and 不予受理, two 延期 of 20 days) both pass their
checks and both write. `lock()` re-reads the row with SELECT … FOR UPDATE inside the service's transaction, so the
second action waits for the first to commit and then validates against its result.

Edit forms also carry the record's `version` (a counter the services increment on each change): a form filled
in before someone else's change is refused with STALE_MESSAGE instead of silently overwriting that change.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

STALE_MESSAGE = "该记录已被他人修改，请刷新后重试"

M = TypeVar("M", bound=models.Model)


def lock(obj: M, *, using: str | None = None) -> M:
    """Re-read `obj` from the database under a row lock (SELECT … FOR UPDATE) and return it.

    The instance is refreshed in place, so callers that keep using the object they passed see the locked row's
    values, not the stale copy they read before the transaction. Must run inside `transaction.atomic`."""
    db = using or obj._state.db or "default"
    if not transaction.get_connection(db).in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic")
    obj.refresh_from_db(using=db, from_queryset=type(obj)._default_manager.select_for_update())
    return obj


def parse_version(value) -> int | None:
    """The version a form or API request carries: absent → None (no check), else a whole number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError({"version": "版本号（version）应为整数"})
    try:
        number = int(str(value).strip().strip('"').removeprefix("W/").strip('"'))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"version": "版本号（version）应为整数"}) from exc
    if number < 0:
        raise ValidationError({"version": "版本号（version）应为非负整数"})
    return number


def check_version(obj, expected: int | None) -> None:
    """Refuse a change prepared against another version of the (locked) record."""
    if expected is not None and expected != obj.version:
        raise ValidationError(STALE_MESSAGE)


def bump_version(obj) -> None:
    """Count one more change of a locked record (saved by the caller together with the change)."""
    obj.version = (obj.version or 0) + 1


def touch(obj) -> None:
    """Count one more change of a locked record whose own row is not saved (a hearing added, a section edited):
    only the version column is written, so the record's history gets no empty entry."""
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.version += 1
