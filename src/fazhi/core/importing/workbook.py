"""The template workbook (headers, 说明 sheet, dropdowns) and the error workbook (rows plus 错误原因)."""

from __future__ import annotations

import io

from ..xlsx import safe_cell, safe_row
from .cells import BOOL, CHOICE, DATE, ERROR_COLUMN, ORG, ImportResult, RowError
from .importer import Importer, get_importer
from .reading import _mb, max_upload_bytes


def template_workbook(app: str, *, user=None) -> bytes:
    """The import template of `app`: the data sheet with Chinese headers and dropdowns, "说明", the choice
    lists and the orgs the user may import for."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..permissions import scope_for

    cls = get_importer(app)
    importer = cls(user)
    wb = Workbook()
    ws = wb.active
    ws.title = cls.sheet_name
    required_fill = PatternFill("solid", fgColor="FDE2E1")
    optional_fill = PatternFill("solid", fgColor="E8EEF7")
    for i, column in enumerate(cls.columns, 1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=True, color="B42318" if column.required else "1F2937")
        cell.fill = required_fill if column.required else optional_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        note = (
            ("必填。" if column.required else "选填。")
            + column.describe()
            + ("。" + column.help if column.help else "")
        )
        cell.comment = Comment(note, "法治")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        if column.kind == DATE:
            for row in range(2, 502):
                ws.cell(row=row, column=i).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    # Choice lists on a sheet of their own: a list validation may not exceed 255 characters inline.
    lists = wb.create_sheet("选项")
    list_col = 0
    for i, column in enumerate(cls.columns, 1):
        if column.kind not in (CHOICE, BOOL):
            continue
        list_col += 1
        labels = [str(x) for x in column.choices.labels] if column.kind == CHOICE else ["是", "否"]
        if not labels:  # a code list with no entries yet (字典): no drop-down; the cell check says what to do
            continue
        lists.cell(row=1, column=list_col, value=column.header)
        for r, label in enumerate(labels, 2):
            lists.cell(row=r, column=list_col, value=label)
        ll = get_column_letter(list_col)
        dv = DataValidation(
            type="list",
            formula1=f"'选项'!${ll}$2:${ll}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="请从下拉列表中选择",
            error=f"「{column.header}」只能填写下拉列表中的值",
        )
        ws.add_data_validation(dv)
        dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}1048576")
        lists.column_dimensions[ll].width = max(12, max(len(x) for x in labels) * 2)

    # Orgs the user may import for (all orgs for a superuser or a template fetched without a user).
    org_sheet = wb.create_sheet("机构")
    org_sheet.append(["机构名称", "机构代码", "类型", "上级机构"])
    for c in org_sheet[1]:
        c.font = Font(bold=True)
    scope = scope_for(user) if user is not None else None
    org_rows = 0
    from ..models import Org

    for org in Org.objects.filter(is_active=True).select_related("parent").order_by("path"):
        if scope is not None and not scope.is_superuser and org.id not in scope.write_ids:
            continue
        org_sheet.append(
            safe_row(
                org_sheet, [org.name, org.code, org.get_kind_display(), org.parent.name if org.parent else ""]
            )
        )
        org_rows += 1
    org_sheet.column_dimensions["A"].width = 28
    org_sheet.column_dimensions["B"].width = 16
    org_sheet.column_dimensions["D"].width = 24
    if org_rows:
        for i, column in enumerate(cls.columns, 1):
            if column.kind == ORG:
                dv = DataValidation(
                    type="list",
                    formula1=f"'机构'!$A$2:$A${org_rows + 1}",
                    allow_blank=True,
                    showErrorMessage=False,  # a code typed by hand is accepted too
                )
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}1048576")

    _help_sheet(wb, cls, importer)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _help_sheet(wb, cls: type[Importer], importer: Importer) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("说明", 1)
    limit = _mb(max_upload_bytes())
    lines = [
        f"{cls.title}导入说明",
        f"1. 在工作表「{cls.sheet_name}」中每行填写一条记录，第1行为表头，请勿修改表头、工作表名称或列的名称。",
        "2. 红色表头为必填列；下拉列表列请从列表中选择；机构列填写机构名称或机构代码（见「机构」工作表）。",
        "3. 日期列使用日期单元格，或填写 2024-01-31、2024/1/31、2024年1月31日 格式的文本。",
        "4. 不得使用公式或合并单元格；有公式的请先复制后「选择性粘贴 → 数值」。",
        f"5. 单个文件不超过 {limit}；支持 .xlsx、.xls、.ods 和 UTF-8/GBK 编码的 .csv。",
        "6. 导入时先校验全部行，只要有一行有错误，就不会写入任何记录；可下载错误报告，改正后重新上传。",
        *[f"{i}. {note}" for i, note in enumerate(cls.notes, 7)],
    ]
    for line in lines:
        ws.append(safe_row(ws, [line]))
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    header_row = ws.max_row + 1
    ws.append(["列名", "是否必填", "填写格式 / 可选值", "说明"])
    for c in ws[header_row]:
        c.font = Font(bold=True)
    for column in cls.columns:
        ws.append(
            safe_row(
                ws, [column.header, "必填" if column.required else "选填", column.describe(), column.help]
            )
        )
    for row in ws.iter_rows(min_row=header_row + 1):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 70


def error_workbook(result: ImportResult, *, sheet_name: str | None = None) -> bytes:
    """The uploaded rows with an added "错误原因" column; each offending cell filled red with a comment.
    Errors of the whole file (wrong sheet, headers …) are listed on a sheet "文件错误"."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    if sheet_name is None:
        try:
            sheet_name = get_importer(result.app).sheet_name
        except LookupError:
            sheet_name = "数据"
    wb = Workbook(write_only=True)
    red = PatternFill("solid", fgColor="FFC7CE")
    red_text = Font(color="B42318")
    by_row: dict[int | None, list[RowError]] = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e)
    keep = [i for i, h in enumerate(result.headers) if h != ERROR_COLUMN]
    headers = [result.headers[i] for i in keep]
    if result.rows and headers:
        ws = wb.create_sheet(sheet_name)
        ws.append(safe_row(ws, [*headers, ERROR_COLUMN]))  # the file's own headers and cells, as text
        col_of = {h: j for j, h in enumerate(headers) if h}
        for rownum, raw in result.rows:
            errs = by_row.get(rownum, [])
            if not errs:
                ws.append(
                    safe_row(ws, [(raw[src] if src < len(raw) and raw[src] != "" else None) for src in keep])
                )
                continue
            bad: dict[int, list[str]] = {}
            for e in errs:
                if e.column in col_of:
                    bad.setdefault(col_of[e.column], []).append(e.message)
            cells = []
            for j, src in enumerate(keep):
                value = raw[src] if src < len(raw) else None
                cell = safe_cell(ws, None if value == "" else value)
                if j in bad:
                    cell.fill = red
                    cell.comment = Comment("\n".join(bad[j]), "法治")
                cells.append(cell)
            reason = safe_cell(
                ws, "；".join(f"「{e.column}」{e.message}" if e.column else e.message for e in errs)
            )
            reason.font = red_text
            ws.append([*cells, reason])
    general = by_row.get(None, []) if result.rows and headers else result.errors
    if general or not (result.rows and headers):
        info = wb.create_sheet("文件错误")
        info.append([ERROR_COLUMN])
        for e in general:
            info.append(safe_row(info, [str(e)]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
