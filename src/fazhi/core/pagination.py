"""Keyset pagination: pages by (date, id) descending, so page N costs the same as page 1 on any table size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from .params import DB_INT_MAX, ParamError, param_name


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    size: int


def _parse(cursor: str) -> tuple[date, int]:
    """A cursor from a next-page link; a hand-edited one is a 400 rather than silently the first page."""
    try:
        d, pk = cursor.split("_", 1)
        parsed = date.fromisoformat(d), int(pk)
    except (ValueError, AttributeError):
        parsed = None
    if parsed is None or not 1 <= parsed[1] <= DB_INT_MAX:
        raise ParamError(
            f"{param_name('after')}无效：应为下一页链接中的「日期_编号」，收到「{str(cursor)[:40]}」"
        )
    return parsed


def keyset_page(qs: QuerySet, *, date_field: str, cursor: str | None = None, size: int = 50) -> Page:
    """Rows of `qs` ordered by `date_field` desc, id desc, after `cursor` ("YYYY-MM-DD_id")."""
    size = max(1, min(int(size), 200))
    qs = qs.order_by(f"-{date_field}", "-id")
    parsed = _parse(cursor) if cursor else None
    if parsed:
        d, pk = parsed
        qs = qs.filter(Q(**{f"{date_field}__lt": d}) | Q(**{date_field: d, "id__lt": pk}))
    rows = list(qs[: size + 1])
    nxt = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        nxt = f"{getattr(last, date_field).isoformat()}_{last.pk}"
    return Page(rows=rows, next_cursor=nxt, size=size)
