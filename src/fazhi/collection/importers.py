"""The xlsx sheet of one 填报任务: a template to download (one row per figure the form asks for) and the upload
of the filled-in sheet, all or nothing, each error named by row and column in Chinese.

Not a records import (it registers no `Importer`): the rows are the figures of one task, and the upload ends
in the same service as the web form (`services.save_values`). File checks and reading are the shared
machinery's (`fazhi.core.importing`: size, content sniffing, formulas and merged cells, calamine)."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError

from fazhi.indicators.registry import catalog

from .indicators import entry_keys
from .models import CollectionTask
from .selectors import task_fields
from .services import clean_value, save_values

SHEET = "填报"
CODE, NAME, UNIT, VALUE, NOTE = "指标代码", "指标名称", "单位", "数值", "说明"
HEADERS = (CODE, NAME, UNIT, VALUE, NOTE)
UNIT_HELP = {
    "count": "整数",
    "people": "整数（人或人次）",
    "percent": "百分比，0至100，不带%",
    "number": "数值，可含小数",
    "amount": "金额（万元），可含小数",
}


def template_workbook(task: CollectionTask) -> bytes:
    """The task's sheet with the values entered so far, and a sheet of definitions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from fazhi.core.xlsx import safe_row

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E8EEF7")
    for f in task_fields(task):
        ws.append(safe_row(ws, [f.key, f.name, UNIT_HELP.get(f.unit, f.unit), f.value, f.note or None]))
    for col, width in zip("ABCDE", (34, 40, 22, 14, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"

    help_ws = wb.create_sheet("填报说明")
    form = task.form
    lines = [
        f"{form.name}（{form.period_label}）",
        f"填报机构：{task.org.name}；截止日期：{task.due_on:%Y年%m月%d日}",
        "1. 在工作表「填报」的「数值」列填写；「指标代码」列不要修改。没有该项数据的留空（留空表示无数据，不是0）。",
        "2. 不得使用公式或合并单元格；整数项不要带小数，百分比项填写0至100之间的数，不带%。",
        "3. 上传时先校验全部行，只要有一行有错误，就不会保存任何数值；改正后重新上传。上传后仍需在页面上点击「提交」。",
    ]
    if form.instructions:
        lines.append(f"4. {form.instructions}")
    for line in lines:
        help_ws.append(safe_row(help_ws, [line]))
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.append([])
    help_ws.append(["指标代码", "指标名称", "口径"])
    for key in entry_keys(form.keys):
        e = catalog()[key]
        help_ws.append(safe_row(help_ws, [key, e.get("zh", key), e.get("definition", "")]))
    for row in help_ws.iter_rows(min_row=len(lines) + 3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    help_ws.column_dimensions["A"].width = 34
    help_ws.column_dimensions["B"].width = 40
    help_ws.column_dimensions["C"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_upload(task: CollectionTask, data: bytes, *, filename: str) -> tuple[dict, dict]:
    """Values and notes by key from an uploaded sheet; ValidationError listing every error otherwise."""
    from fazhi.core.importing import FileRejected, RowError, _text, read_table

    try:
        table = read_table(data, filename=filename, sheet_name=SHEET)
    except FileRejected as exc:
        raise ValidationError(str(exc)) from None
    rows = table.rows
    if not rows:
        raise ValidationError(f"工作表「{SHEET}」是空的，请使用下载的填报模板")
    headers = [_text(h) for h in rows[0]]
    missing = [h for h in (CODE, VALUE) if h not in headers]
    if missing:
        raise ValidationError(
            f"工作表「{SHEET}」第1行缺少列{'、'.join(f'「{h}」' for h in missing)}，请使用下载的填报模板"
        )
    col = {h: headers.index(h) for h in HEADERS if h in headers}
    errors: list[RowError] = []
    for r, c in table.formula_cells[:10]:
        errors.append(
            RowError(
                r, headers[c] if c < len(headers) else "", "单元格含有公式，请复制后「粘贴为数值」再上传"
            )
        )
    if table.has_formulas and not table.formula_cells:
        errors.append(RowError(None, "", "文件含有公式，请将公式转换为数值后再上传"))
    for (r1, c1), _ in table.merged[:10]:
        errors.append(RowError(r1, headers[c1] if c1 < len(headers) else "", "含有合并单元格，请取消合并"))
    allowed = entry_keys(task.form.keys)
    values: dict = {}
    notes: dict = {}
    seen: dict[str, int] = {}
    for i, raw in enumerate(rows[1:], start=2):

        def cell(h, raw=raw):
            pos = col.get(h)
            return raw[pos] if pos is not None and pos < len(raw) else None

        code = _text(cell(CODE))
        value = cell(VALUE)
        note = _text(cell(NOTE))
        if not code and (value is None or _text(value) == "") and not note:
            continue  # blank row
        if not code:
            errors.append(RowError(i, CODE, "指标代码不能为空"))
            continue
        if code not in allowed:
            name = catalog().get(code, {}).get("zh")
            hint = f"（{name}）" if name else ""
            errors.append(RowError(i, CODE, f"「{code}」{hint}不是本填报表的指标"))
            continue
        if code in seen:
            errors.append(RowError(i, CODE, f"「{code}」与第{seen[code]}行重复"))
            continue
        seen[code] = i
        try:
            values[code] = clean_value(code, value)
        except ValidationError as exc:
            errors.append(RowError(i, VALUE, "；".join(exc.messages)))
            continue
        if len(note) > 200:
            errors.append(RowError(i, NOTE, f"超过200个字（现为{len(note)}个字）"))
            continue
        notes[code] = note
    if not values and not errors:
        errors.append(RowError(None, "", f"工作表「{SHEET}」没有数据行"))
    if errors:
        raise ValidationError([str(e) for e in errors])
    return values, notes


def import_values(*, task: CollectionTask, actor, data: bytes, filename: str) -> CollectionTask:
    """Upload the task's sheet: every row checked first, then all values saved by `save_values` in one
    transaction, or none."""
    values, notes = read_upload(task, data, filename=filename)
    return save_values(task=task, actor=actor, values=values, notes=notes)
