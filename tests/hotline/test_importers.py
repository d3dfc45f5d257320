"""12345 工单 import (fazhi.hotline.importers): the platform's export, derived fields as the services derive them
(the due date from the jurisdiction's time limits, 按时办结, the state), all or nothing with errors naming row,
column and reason, and an export that re-imports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import import_file
from fazhi.hotline.choices import Outcome, Status
from fazhi.hotline.importers import TicketImporter
from fazhi.hotline.models import Assignment, Ticket, TicketEvent

from . import factories

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in TicketImporter.columns]
D = date


def row(**values) -> dict:
    base = {
        "工单编号": "GD20250930001",
        "受理日期": D(2025, 9, 29),
        "受理渠道": "电话",
        "诉求分类": "市场监管",
        "诉求人": "王芳",
        "诉求内容": "商户占道经营",
        "承办单位": "青城市市场监督管理局",
        "派单日期": D(2025, 9, 30),
        "签收日期": D(2025, 10, 9),
        "回复日期": D(2025, 10, 14),
        "办理结果": "已整改",
        "办结日期": D(2025, 10, 15),
        "回访日期": D(2025, 10, 16),
        "满意度": "满意",
    }
    base.update(values)
    return base


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "热线工单"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _categories(db):
    factories.categories()


def test_import_derives_due_date_on_time_and_state(tree, office):
    rows = [
        row(),
        row(**{"工单编号": "GD2", "回复日期": D(2025, 10, 15), "办结日期": None, "回访日期": None, "满意度": None}),
        row(**{"工单编号": "GD3", "承办单位": None, "派单日期": None, "签收日期": None, "回复日期": None,
               "办理结果": None, "办结日期": None, "回访日期": None, "满意度": None}),
    ]  # fmt: skip
    result = import_file("hotline", xlsx(rows), user=office)
    assert result.ok, result.messages()
    a, b, c = (
        Ticket.objects.get(number="GD20250930001"),
        Ticket.objects.get(number="GD2"),
        Ticket.objects.get(number="GD3"),
    )
    assert (a.org, a.unit, a.due_on, a.on_time, a.status) == (
        tree.city,
        tree.unit_a,
        D(2025, 10, 14),
        True,
        Status.CLOSED,
    )
    assert (b.on_time, b.status) == (False, Status.REPLIED)
    assert (c.status, c.due_on) == (Status.RECEIVED, None)
    assert Assignment.objects.filter(outcome=Outcome.REPLIED).count() == 2
    assert TicketEvent.objects.filter(case=a).count() == 6
    assert a.history.get().history_change_reason == "导入"


def test_one_bad_row_writes_nothing_and_names_row_column_reason(tree, office):
    rows = [
        row(),
        row(**{"工单编号": "GD2", "受理热线": "青城县人民政府"}),  # a city unit for the county's hotline
        row(**{"工单编号": "GD3", "诉求分类": "不存在的分类"}),
        row(**{"工单编号": "GD20250930001"}),
    ]
    result = import_file("hotline", xlsx(rows), user=office)
    assert not result.ok
    assert not Ticket.objects.exists() and not TicketEvent.objects.exists()
    messages = "\n".join(result.messages())
    assert "第3行「承办单位」：承办单位「青城市市场监督管理局」不在青城县人民政府的管辖范围内" in messages
    assert "不存在的分类" in messages and "第4行" in messages
    assert "与第2行重复" in messages


def test_dispatch_to_another_jurisdiction_is_refused(tree, office):
    result = import_file("hotline", xlsx([row(**{"受理热线": "青城县人民政府"})]), user=office)
    assert not result.ok
    assert "管辖范围" in "\n".join(result.messages())


def test_a_unit_clerk_cannot_import_the_hotlines_tickets(tree, clerk_a):
    result = import_file("hotline", xlsx([row()]), user=clerk_a)
    assert not result.ok and not Ticket.objects.exists()


def test_export_reimports(tree, office):
    assert import_file("hotline", xlsx([row()]), user=office).ok
    data, count = export_bytes(office, "hotline")
    assert count == 1
    Ticket.objects.all().delete()
    result = import_file("hotline", data, user=office)
    assert result.ok, result.messages()
    assert Ticket.objects.get().due_on == D(2025, 10, 14)
