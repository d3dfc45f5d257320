"""建议提案 import: a ledger of assigned proposals with their answers and opinions, all rows or none, each error
naming its row, column and reason in Chinese; due dates from the jurisdiction's setting; the timeline and the
figures follow the imported rows as they follow 交办 and 答复 on the pages."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.proposals.importers import ProposalImporter, category_of
from fazhi.proposals.models import Proposal
from tests.factories import importer_sheet

pytestmark = pytest.mark.django_db


def xlsx(rows):
    return importer_sheet(ProposalImporter, rows)


ROW = {
    "类别": "人大代表建议",
    "届次会议": "市十七届人大三次会议",
    "建议（提案）号": "12",
    "标题": "关于加强农贸市场食品安全监管的建议",
    "领衔代表（委员）": "王伟",
    "主办单位": "青城市市场监督管理局",
    "交办日期": date(2025, 3, 20),
}


def test_category_is_read_as_offices_write_it():
    assert [category_of(t) for t in ("A", "a类", "B类", "C")] == ["a", "a", "b", "c"]
    with pytest.raises(ValueError, match="请填 A类、B类 或 C类"):
        category_of("D类")


def test_import_computes_due_dates_states_and_timeline(tree, office):
    answered = {
        **ROW,
        "建议（提案）号": "13",
        "答复日期": date(2025, 6, 30),  # after 2025-06-20: late
        "办理结果": "B类",
        "代表委员意见": "基本满意",
        "办结日期": date(2025, 7, 10),
    }
    proposal = {
        **ROW,
        "类别": "政协委员提案",
        "领衔代表（委员）": "李娜",
        "答复日期": date(2025, 5, 6),
        "办理结果": "A",
    }
    result = import_file("proposals", xlsx([ROW, answered, proposal]), user=office)
    assert result.ok, result.messages()
    open_, late, on_time = Proposal.objects.order_by("id")
    assert (open_.status, open_.due_on, open_.on_time) == ("assigned", date(2025, 6, 20), None)
    assert (late.status, late.category, late.on_time, late.satisfaction) == ("closed", "b", False, "basic")
    assert [e.kind for e in late.events.all()] == ["assigned", "answered", "feedback", "closed"]
    assert (on_time.kind, on_time.status, on_time.on_time) == ("cppcc", "answered", True)
    assert late.history.get().history_change_reason == "导入"
    keys = [
        "supervision.suggestions_received",
        "supervision.suggestions_total",
        "supervision.suggestions_on_time",
    ]
    got = compute(tree.city, Period.year(2025), keys)
    assert [got[k].value for k in keys] == [3, 2, 1]
    for key in keys:
        assert drilldown_records(key, tree.city, Period.year(2025)).count() == got[key].value


def test_a_bad_row_stops_the_whole_file_with_chinese_reasons(tree, office, clerk_a):
    rows = [
        ROW,
        {**ROW, "建议（提案）号": "14", "答复日期": date(2025, 3, 1), "办理结果": "A类"},
        {**ROW, "建议（提案）号": "15", "办结日期": date(2025, 7, 1)},
        {**ROW, "建议（提案）号": "16", "答复日期": date(2025, 5, 1), "办理结果": "甲类"},
        ROW,
    ]
    result = import_file("proposals", xlsx(rows), user=office)
    text = "；".join(result.messages())
    assert not result.ok and not Proposal.objects.exists()
    assert "第3行" in text and "答复日期（2025-03-01）不能早于交办日期（2025-03-20）" in text
    assert "第4行" in text and "已办结的，请填写答复日期" in text
    assert "第5行" in text and "「甲类」不是办理结果" in text
    assert "第6行" in text and "市十七届人大三次会议人大代表建议第12号与第2行重复" in text
    assert import_file("proposals", xlsx([ROW]), user=office).ok
    again = "；".join(import_file("proposals", xlsx([ROW]), user=office).messages())
    assert "第12号已登记" in again
    # a unit's clerk may answer its proposals but not assign them, by import as on the page
    result = import_file("proposals", xlsx([{**ROW, "建议（提案）号": "20"}]), user=clerk_a)
    assert not result.ok and "无权交办" in "；".join(result.messages())


def test_export_writes_the_columns_the_import_reads(tree, office):
    assert import_file(
        "proposals", xlsx([{**ROW, "答复日期": date(2025, 5, 6), "办理结果": "C类"}]), user=office
    ).ok
    p = Proposal.objects.get()
    row = ProposalImporter(office).export_row(p)
    headers = [c.header for c in ProposalImporter.columns]
    assert dict(zip(headers, row, strict=True))["办理结果"] == "C类"
    Proposal.objects.all().delete()
    assert import_file("proposals", xlsx([dict(zip(headers, row, strict=True))]), user=office).ok
