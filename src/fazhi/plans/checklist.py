"""重点任务完成情况对照检查清单 (seed 002 task 1: "制定重点任务完成情况对照检查清单"): one row per task and unit,
with deadline, status, progress and targets, as .xlsx (cells written as text, core.xlsx) and .docx."""

from __future__ import annotations

import io
from datetime import date

from . import rules

HEADER = ["序号", "部分", "任务", "牵头单位", "责任单位", "完成时限", "完成情况", "进度", "量化目标"]


def rows(tasks, today: date) -> list[list[str]]:
    out = []
    for t in tasks:
        shares = t.shares
        leads = "、".join(a.unit.name for a in shares if a.lead) or t.lead_units_text
        units = "、".join(a.unit.name for a in shares if not a.lead) or t.units_text
        status = "；".join(
            f"{a.unit.short_name or a.unit.name}：{rules.shown_status(a, today)}" for a in shares
        )
        percent = "；".join(f"{a.percent}%" for a in shares)
        targets = "；".join(x.text for x in t.targets.all())
        out.append(
            [
                str(t.number),
                t.part.title if t.part else "",
                t.title,
                leads,
                units,
                f"{t.deadline:%Y-%m-%d}" if t.deadline else f"{t.plan.year}年底",
                status or "未分解",
                percent,
                targets,
            ]
        )
    return out


def xlsx(plan, tasks, today: date) -> bytes:
    from openpyxl import Workbook

    from fazhi.core.xlsx import safe_row

    wb = Workbook()
    ws = wb.active
    ws.title = "对照检查清单"
    ws.append([f"{plan.title}重点任务完成情况对照检查清单"])
    ws.append(HEADER)
    for r in rows(tasks, today):
        ws.append(safe_row(ws, r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx(plan, tasks, today: date) -> bytes:
    import docx as docx_lib

    doc = docx_lib.Document()
    doc.add_heading(f"{plan.title}重点任务完成情况对照检查清单", level=1)
    data = rows(tasks, today)
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for r in data:
        cells = table.add_row().cells
        for cell, text in zip(cells, r, strict=True):
            cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
