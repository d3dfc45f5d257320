"""The 政府信息公开工作年度报告 tables (三、收到和处理政府信息公开申请情况；四、行政复议、行政诉讼情况) for an org and
year: on the page, as .xlsx and as .docx, in the layout of 国办公开办函〔2021〕30号."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import can, visible_orgs

from .choices import Outcome
from .selectors import ReportTables, report_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE3 = "三、收到和处理政府信息公开申请情况"
TITLE4 = "四、政府信息公开行政复议、行政诉讼情况"


def _org(request):
    orgs = visible_orgs(request.user)
    org_id = int_param(request.GET, "org")
    org = orgs.filter(pk=org_id).first() if org_id else orgs.order_by("path").first()
    if org is None or not can(request.user, org, "disclosure.view"):
        raise PermissionDenied("无权查看该机构的政府信息公开工作年度报告")
    return org


def _xlsx(t: ReportTables) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "收到和处理申请情况"
    ws.append([f"{t.org.name}{t.year}年政府信息公开工作年度报告"])
    ws.append([TITLE3])
    ws.append(["", "", *t.columns])
    for group, label, counts in t.rows:
        ws.append([group, label, *counts])
    ws2 = wb.create_sheet("行政复议行政诉讼情况")
    ws2.append([TITLE4])
    ws2.append(["", *Outcome.labels, "总计"])
    for head, counts in t.disputes:
        ws2.append([head, *counts])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx(t: ReportTables) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(f"{t.org.name}{t.year}年政府信息公开工作年度报告（表格部分）", level=1)
    doc.add_paragraph(TITLE3)
    doc.add_paragraph("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    table = doc.add_table(rows=1, cols=2 + len(t.columns))
    table.style = "Table Grid"
    for i, head in enumerate(["", "", *t.columns]):
        table.rows[0].cells[i].text = head
    for group, label, counts in t.rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = group, label
        for i, n in enumerate(counts):
            cells[2 + i].text = str(n)
    doc.add_paragraph(TITLE4)
    t4 = doc.add_table(rows=1, cols=2 + len(Outcome.labels))
    t4.style = "Table Grid"
    for i, head in enumerate(["", *Outcome.labels, "总计"]):
        t4.rows[0].cells[i].text = head
    for head, counts in t.disputes:
        cells = t4.add_row().cells
        cells[0].text = head
        for i, n in enumerate(counts):
            cells[1 + i].text = str(n)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@login_required
def annual_report(request):
    year = year_param(request.GET) or timezone.localdate().year - 1
    org = _org(request)
    tables = report_tables(org, year)
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "docx"):
        data, ctype = (_xlsx(tables), XLSX) if fmt == "xlsx" else (_docx(tables), DOCX)
        resp = HttpResponse(data, content_type=ctype)
        resp["Content-Disposition"] = f'attachment; filename="disclosure-{year}.{fmt}"'
        return resp
    orgs = visible_orgs(request.user).order_by("path")
    return render(
        request,
        "disclosure/report.html",
        {"t": tables, "year": year, "org": org, "orgs": orgs, "outcomes": Outcome.labels},
    )
