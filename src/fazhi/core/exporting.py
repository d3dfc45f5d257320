"""Excel export of an app's records with the columns of its import template, so an export re-imports cleanly.

The rows come from the app's selectors (org-scoped by the user's read scope) through its importer's
`export_queryset`; the workbook is written with openpyxl's write-only mode, streaming row by row."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from .importing import CHOICE, ORG, get_importer, max_upload_bytes
from .personal import log_access, mask, personal_fields, sees_full
from .xlsx import safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_queryset(user, app: str, *, filters: Any = None, org=None, year: int | None = None):
    """The records of `app` that `user` may read, narrowed by the list filters (a CaseFilters or the list
    page's query parameters), by an org subtree and by year."""
    importer = get_importer(app)(user)
    return importer.export_queryset(filters=filters, org=org, year=year)


def write_export(
    user, app: str, out: str | Path | BinaryIO, *, filters: Any = None, org=None, year=None
) -> int:
    """Write the export workbook to `out` (a path or a binary file); return the number of records."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    importer = get_importer(app)(user)
    qs = importer.export_queryset(filters=filters, org=org, year=year)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(importer.sheet_name)
    for i, column in enumerate(importer.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A2"
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF7")
    header = []
    for column in importer.columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = header_font
        cell.fill = header_fill
        if column.help or column.kind in (CHOICE, ORG):
            cell.comment = Comment(column.describe() + ("。" + column.help if column.help else ""), "法治")
        header.append(cell)
    ws.append(header)
    count = 0
    personal = _personal_columns(importer, qs.model)
    full_ids = []
    for obj in qs.iterator(chunk_size=2000):
        row = importer.export_row(obj)
        if personal:  # phones and ID numbers masked unless the user may see them (core.personal)
            if sees_full(user, obj):
                full_ids.append(obj.pk)
            else:
                for i in personal:
                    row[i] = mask(row[i])
        ws.append(safe_row(ws, row))  # typed values as text, never formulas
        count += 1
    if full_ids:
        fields = [importer.columns[i].key for i in personal]
        log_access(
            user, how="export", model=qs.model, object_ids=full_ids, fields=fields, count=len(full_ids)
        )
    # Dropdowns for the enumerations, as in the template, so the exported file is edited the same way.
    for i, column in enumerate(importer.columns, 1):
        if column.kind == CHOICE:
            labels = ",".join(str(x) for x in column.choices.labels)
            if len(labels) <= 250:
                letter = get_column_letter(i)
                dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
                dv.add(f"{letter}2:{letter}{max(count + 1, 2)}")
                ws.data_validations.append(dv)
    _about_sheet(wb, importer, count)
    wb.save(out)
    return count


def _personal_columns(importer, model) -> list[int]:
    """Positions of the columns holding the model's personal fields (core.personal)."""
    names = set(personal_fields(model))
    return [i for i, column in enumerate(importer.columns) if column.key in names]


def _about_sheet(wb, importer, count: int) -> None:
    ws = wb.create_sheet("说明")
    ws.append([f"{importer.title}导出"])
    ws.append([f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}，共 {count} 条。"])
    ws.append(
        [
            f"本文件的列与「{importer.title}」导入模板相同，可直接用于导入（单个文件不超过 {max_upload_bytes() // 1024 // 1024} MB）。"
        ]
    )
    ws.append([])
    ws.append(["列名", "是否必填", "填写格式 / 可选值", "说明"])
    for column in importer.columns:
        ws.append(
            safe_row(
                ws, [column.header, "必填" if column.required else "选填", column.describe(), column.help]
            )
        )


def export_bytes(user, app: str, *, filters: Any = None, org=None, year=None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    count = write_export(user, app, buf, filters=filters, org=org, year=year)
    return buf.getvalue(), count


def export_filename(app: str) -> str:
    return f"{get_importer(app).title}-{timezone.localdate():%Y%m%d}.xlsx"


def export_response(user, app: str, filters: Any = None) -> HttpResponse:
    """The xlsx of the records the list page shows for `filters` (its query parameters or a CaseFilters),
    limited to what `user` may read. List views call this for their 导出 button."""
    data, count = export_bytes(user, app, filters=filters)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, export_filename(app))
    response["X-Record-Count"] = str(count)
    return response


def table_response(title: str, headers: Iterable[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """An xlsx of a register that has no import sheet (its list's columns, the cells as the list shows them,
    personal data already masked by the caller): one sheet named `title`, values as text, never formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.freeze_panes = "A2"
    ws.append([_header(ws, h, Font(bold=True)) for h in headers])
    count = 0
    for row in rows:
        ws.append(safe_row(ws, row))
        count += 1
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    name = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Record-Count"] = str(count)
    return response


def _header(ws, text: str, font) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=text)
    cell.font = font
    return cell
