"""The one parser of query and form parameters at the edge (pages, exports, drill-downs, the API).

A parameter that is present but not a number in its range is a 400 (`ParamError`) whose Chinese message
names the parameter and the allowed range: never silently read as absent, never passed on to code that
fails on it with a 500 (year=99999 building a date, period=99999999999999999999 an OverflowError in
Period.parse, an id beyond the 64-bit integers the databases store)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils import timezone
from pydantic import Field

DB_INT_MAX = 2**63 - 1  # the largest primary key SQLite and PostgreSQL (bigint) store
YEAR_MIN, YEAR_MAX = 1949, 2100  # the years any record, report or period of the system may be about
DATE_MIN, DATE_MAX = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)  # deadlines from 9999-12-31 overflow

LABELS = {
    "year": "年度",
    "org": "机构",
    "org_id": "机构",
    "respondent": "被申请人",
    "defendant": "被告",
    "form": "填报表",
    "batch": "批次",
    "page": "页码",
    "size": "每页条数",
    "period": "期间",
    "after": "翻页位置",
    "sort": "排序",
}

_INT = re.compile(r"[+-]?[0-9]{1,30}")

# For the API's signatures: ninja documents the range in the OpenAPI schema and refuses values outside it.
DbId = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
PageSize = Annotated[int, Field(ge=1, le=200)]
Day = Annotated[date, Field(ge=DATE_MIN, le=DATE_MAX)]


class DateField(forms.DateField):
    """A form date within DATE_MIN..DATE_MAX: a deadline counted from 9999-12-31 is past the last date
    Python knows (OverflowError, a 500), and no record of the office is dated before 1949."""

    def validate(self, value):
        super().validate(value)
        if value and not DATE_MIN <= value <= DATE_MAX:
            raise ValidationError(
                f"日期应在 {DATE_MIN:%Y-%m-%d} 至 {DATE_MAX:%Y-%m-%d} 之间", code="out_of_range"
            )


class ParamError(BadRequest):
    """A bad query/form parameter: pages answer 400 with the message in the layout, the API {"detail": …}."""


def param_name(name: str) -> str:
    label = LABELS.get(name)
    return f"参数 {name}（{label}）" if label else f"参数 {name}"


def int_param(params, name: str, lo: int = 1, hi: int = DB_INT_MAX) -> int | None:
    """An optional whole number in lo..hi; absent or blank is None, anything else out of range is a 400."""
    raw = params.get(name)
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    value = int(text) if _INT.fullmatch(text) else None
    if value is None or not lo <= value <= hi:
        allowed = "正整数" if (lo, hi) == (1, DB_INT_MAX) else f" {lo} 至 {hi} 之间的整数"
        raise ParamError(f"{param_name(name)}应为{allowed}，收到「{text[:30]}」")
    return value


def year_param(params, name: str = "year") -> int | None:
    return int_param(params, name, YEAR_MIN, YEAR_MAX)


def recent_years() -> range:
    """The years a year select offers: next year back to five years ago."""
    y = timezone.localdate().year
    return range(y + 1, y - 5, -1)


def period_param(params, name: str = "period", default: str | None = None):
    """A Period ("2024", "2024Q3", "2024-05", "2024-01-01..2024-06-30"); absent is `default`, or a 400 without one."""
    from fazhi.indicators.registry import Period

    text = (params.get(name) or "").strip() or default
    if not text:
        raise ParamError(f"{param_name(name)}必须填写，例如 2024、2024Q3、2024-05 或 2024-01-01..2024-06-30")
    try:
        return Period.parse(text)
    except ValidationError as exc:
        raise ParamError(f"{param_name(name)}无效：{'；'.join(exc.messages)}") from exc
