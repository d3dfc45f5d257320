"""Writing cells of the workbooks the system produces (exports, templates, error reports, dashboards), so that
a value someone typed is never a formula (CSV/formula injection, OWASP).

openpyxl turns every string starting with "=" into a formula; Excel and WPS also evaluate "+", "-" and "@"
(and these after a tab or CR, and their full-width forms, which WPS accepts) when a cell is re-entered.
Every row goes through `safe_row` (or a single cell through `safe_cell`): a string that starts with one of
those is written as an explicit string cell (data_type "s") with the quotePrefix style, which is what Excel
itself stores when a user types '=1+1: the cell shows =1+1 as text, stays text when edited, and its value is
unchanged, so an export re-imports to the same text. (The OWASP alternative, prefixing the value with "'",
would change the value: a re-import would store the apostrophe.) Other values pass through as they are.

Works for normal and write-only worksheets: openpyxl's write-only `append` reuses the last Cell object it was
given for the following plain values, so a row with one such value is made of fresh cells throughout.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r", "\n")


def is_formula_like(value: Any) -> bool:
    """A string a spreadsheet program could take for a formula (leading spaces are skipped by Excel too)."""
    return isinstance(value, str) and value.lstrip(" ").startswith(TRIGGERS)


def safe_cell(ws, value: Any):
    """A cell of `ws` holding `value`, as text if it is formula-like; style it further as any cell."""
    from openpyxl.cell import WriteOnlyCell

    return _as_text(WriteOnlyCell(ws, value=value))


def _as_text(cell):
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_row(ws, values: Iterable[Any]) -> list[Any]:
    """`values` ready for `ws.append`: unchanged when none is formula-like, otherwise all as cells."""
    from openpyxl.cell import Cell

    values = list(values)
    if not any(is_formula_like(v.value if isinstance(v, Cell) else v) for v in values):
        return values
    return [_as_text(v) if isinstance(v, Cell) else v if v is None else safe_cell(ws, v) for v in values]
