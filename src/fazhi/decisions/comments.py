"""The 意见采纳情况说明 of one decision as a workbook: every comment on its draft, clause by clause, with its
answer (采纳 / 部分采纳 / 不采纳 and the reason) and the tally (第十八条; 第二十九条第二项 "社会公众提出的主要意见的
研究采纳情况"). What the office files with the decision's record and may publish; names and contacts are not in it."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fazhi.core.xlsx import safe_row

from . import selectors
from .choices import CommentStatus
from .models import Decision

HEADERS = ("序号", "条文", "收到日期", "收到途径", "意见内容", "审核", "采纳情况", "答复（理由）", "答复日期")
WIDTHS = (6, 12, 12, 14, 50, 10, 10, 50, 12)


def adoption_workbook(d: Decision) -> bytes:
    """The workbook: a title, the tally sentence, then one row per comment (withheld ones included, marked)."""
    comments = list(selectors.comments_of(d))
    tally = selectors.comment_tally(d)
    wb = Workbook()
    ws = wb.active
    ws.title = "意见采纳情况说明"
    ws.append(safe_row(ws, [f"《{d.title}》公开征求意见采纳情况说明"]))
    ws["A1"].font = Font(bold=True, size=14)
    period = (
        f"征求意见期间：{d.comment_start:%Y年%-m月%-d日}至{d.comment_end:%Y年%-m月%-d日}。"
        if d.comment_start and d.comment_end
        else ""
    )
    row = safe_row(
        ws,
        [
            f"决策事项编号：{d.number}。{period}共收到意见{tally.received}条，采纳（含部分采纳）{tally.adopted}条"
            + (f"，尚有{tally.pending}条待审核" if tally.pending else "")
            + "。"
        ],
    )
    ws.append(row)
    ws.append(safe_row(ws, HEADERS))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, c in enumerate(comments, start=1):
        ws.append(
            safe_row(
                ws,
                [
                    i,
                    str(c.clause),
                    c.submitted_on,
                    c.get_channel_display(),
                    c.text,
                    c.get_status_display(),
                    c.get_answer_display() if c.answer else "未答复",
                    c.answer_reason
                    if c.answer
                    else ("" if c.status != CommentStatus.WITHHELD else c.withheld_reason),
                    c.answered_on,
                ],
            )
        )
    for col, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[2].number_format = row[8].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename(d: Decision) -> str:
    return f"意见采纳情况说明_{d.number}.xlsx"
