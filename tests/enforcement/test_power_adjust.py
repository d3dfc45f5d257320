"""权责清单 动态调整 by import: 新增, 变更 and 取消 rows, each by its document, recorded in the change log and
audited; all rows or none; the preview page lists what a file will change before anything is written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.importing import import_file
from fazhi.core.models import ImportJob
from fazhi.enforcement.models import PowerItem, PowerItemChange
from tests.enforcement.test_powers import POWER_HEADERS, item, power_row, xlsx

pytestmark = pytest.mark.django_db
D = date
DOC2 = {
    "调整文件文号": "青编办〔2025〕7号",
    "调整文件名称": "关于调整权责清单的通知",
    "调整日期": D(2025, 6, 1),
}


@pytest.fixture
def listed(tree, office):
    """Unit A's list: CF-001 (penalty) and JC-001 (inspection), both by 青编办〔2024〕3号."""
    return (
        item(office, tree.unit_a, "CF-001"),
        item(office, tree.unit_a, "JC-001", power_type="inspection", name="对食品经营者的监督检查"),
    )


def adjustments() -> list[dict]:
    return [
        power_row(事项编码="CF-002", **DOC2),  # 调整类型 blank: 新增
        power_row(
            事项编码="CF-001",
            调整类型="变更",
            事项名称="对经营超过保质期的食品的行政处罚",
            法律依据="《中华人民共和国食品安全法》",
            依据条款="第一百二十四条第一款第（五）项",
            责任事项="立案责任、调查责任、决定责任",
            调整说明="依据条款细化到项",
            **DOC2,
        ),
        {"职权部门": "青城市市场监督管理局", "事项编码": "JC-001", "调整类型": "取消", **DOC2},
    ]


def test_an_import_adds_changes_and_removes_items_each_logged_and_audited(tree, office, listed):
    result = import_file("enforcement_powers", xlsx(POWER_HEADERS, "权责清单", adjustments()), user=office)
    assert result.ok, result.messages()
    assert result.created == 3
    cf1, jc1 = (PowerItem.all_objects.get(code=c) for c in ("CF-001", "JC-001"))
    assert cf1.articles == "第一百二十四条第一款第（五）项" and cf1.status == "current"
    change = cf1.changes.get(seq=2)
    assert (change.action, change.doc_number, change.note) == (
        "changed",
        "青编办〔2025〕7号",
        "依据条款细化到项",
    )
    assert change.before == {"articles": "第一百二十四条"}
    assert change.after == {"articles": "第一百二十四条第一款第（五）项"}
    assert (jc1.status, jc1.removed_on) == ("removed", D(2025, 6, 1))
    assert jc1.changes.get(seq=2).action == "removed"
    assert PowerItem.objects.get(code="CF-002").changes.get().action == "added"
    # audited: each change names the importer and its document
    assert cf1.history.first().history_user == office
    assert "青编办〔2025〕7号" in cf1.history.first().history_change_reason
    assert jc1.history.first().history_user == office


def test_bad_adjustments_write_nothing_and_name_row_field_reason(tree, office, listed):
    rows = [
        *adjustments(),  # rows 2-4 are good
        {"职权部门": "青城市市场监督管理局", "事项编码": "ZZ-9", "调整类型": "取消", **DOC2},  # not listed
        power_row(事项编码="JC-001", 调整类型="新增", **DOC2),  # listed (and the same code as row 4)
        power_row(事项编码="CF-003", 调整类型="合并", **DOC2),  # unknown action
        power_row(事项编码="CF-004", 调整类型="变更", **DOC2),  # not listed
        {"职权部门": "青城市市场监督管理局", "事项编码": "CF-005", **DOC2},  # 新增 without its content
    ]
    before = PowerItemChange.objects.count()
    result = import_file("enforcement_powers", xlsx(POWER_HEADERS, "权责清单", rows), user=office)
    assert not result.ok
    assert (
        PowerItemChange.objects.count() == before and PowerItem.objects.filter(status="current").count() == 2
    )
    assert PowerItem.objects.get(code="CF-001").articles == "第一百二十四条"
    text = "\n".join(result.messages())
    assert "第5行" in text and "没有事项编码「ZZ-9」，不能取消" in text
    assert "第6行" in text and "与第4行重复" in text
    assert "第7行" in text and "调整类型" in text and "「合并」不是可选的值" in text
    assert "第8行" in text and "没有事项编码「CF-004」，不能变更" in text
    assert "第9行" in text and "事项名称" in text and "必填" in text


def test_a_change_must_change_something_and_not_predate_the_last_one(tree, office, listed):
    same = power_row(
        事项编码="CF-001",
        调整类型="变更",
        事项名称="对经营超过保质期的食品的行政处罚",
        法律依据="《中华人民共和国食品安全法》",
        依据条款="第一百二十四条",
        责任事项="立案责任、调查责任、决定责任",
        **DOC2,
    )
    early = {
        "职权部门": "青城市市场监督管理局",
        "事项编码": "JC-001",
        "调整类型": "取消",
        "调整文件文号": "X",
        "调整日期": D(2023, 1, 1),
    }
    result = import_file("enforcement_powers", xlsx(POWER_HEADERS, "权责清单", [same, early]), user=office)
    text = "\n".join(result.messages())
    assert "第2行" in text and "没有需要变更的内容" in text
    assert "第3行" in text and "调整日期" in text and "2024-01-15" in text


def test_the_preview_lists_the_changes_and_writes_only_when_confirmed(tree, office, listed, login):
    c = login(office)
    data = xlsx(POWER_HEADERS, "权责清单", adjustments())
    r = c.post(
        "/enforcement/powers/import/", {"mode": "adjust", "file": SimpleUploadedFile("清单调整.xlsx", data)}
    )
    page = r.content.decode()
    assert r.status_code == 200, page
    assert "将新增 1 项，变更 1 项，取消 1 项，不变 0 项" in page
    assert "依据条款：第一百二十四条 → 第一百二十四条第一款第（五）项" in page
    assert PowerItem.objects.get(code="JC-001").status == "current"  # nothing written yet
    job = ImportJob.objects.get(app="enforcement_powers")
    r = c.post("/enforcement/powers/import/", {"job": job.pk})
    assert r.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.imported == 3, job.errors
    assert PowerItem.all_objects.get(code="JC-001").status == "removed"
    # a confirmed job cannot be confirmed twice
    assert c.post("/enforcement/powers/import/", {"job": job.pk}).status_code == 404


def test_the_preview_names_the_errors_and_keeps_nothing(tree, office, listed, login):
    c = login(office)
    rows = [power_row(事项编码="CF-001", 调整类型="新增", **DOC2)]
    r = c.post(
        "/enforcement/powers/import/",
        {"mode": "adjust", "file": SimpleUploadedFile("x.xlsx", xlsx(POWER_HEADERS, "权责清单", rows))},
    )
    assert r.status_code == 400
    assert "第2行" in r.content.decode() and "调整内容请填「变更」" in r.content.decode()
    assert not ImportJob.objects.exists()


def test_the_preview_reads_a_file_by_its_suggested_mapping(tree, office, listed, login):
    """A file whose 调整类型 column is headed 操作, on a sheet of another name: the suggested mapping reads it."""
    headers = [("操作" if h == "调整类型" else h) for h in POWER_HEADERS]
    row = {"职权部门": "青城市市场监督管理局", "事项编码": "JC-001", "操作": "取消", **DOC2}
    data = xlsx(headers, "Sheet1", [row])
    r = login(office).post(
        "/enforcement/powers/import/", {"mode": "adjust", "file": SimpleUploadedFile("y.xlsx", data)}
    )
    assert "将新增 0 项，变更 0 项，取消 1 项" in r.content.decode()


def test_the_exported_list_imports_back_unchanged_and_an_edited_row_must_say_what_it_does(
    tree, office, listed
):
    """The export writes the list as it stands with 调整类型 blank. Imported back as it is, it changes nothing
    (a blank row of a listed item with the same content is that item, unchanged); a blank row whose content
    differs is refused: the file must say 变更."""
    from io import BytesIO

    from openpyxl import load_workbook

    from fazhi.core.exporting import export_bytes

    data, count = export_bytes(office, "enforcement_powers")
    assert count == 2
    changes = PowerItemChange.objects.count()
    result = import_file("enforcement_powers", data, user=office, filename="权责清单.xlsx")
    assert result.ok, result.messages()
    assert (result.created, PowerItemChange.objects.count()) == (0, changes)

    wb = load_workbook(BytesIO(data))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("事项名称") + 1, value="改过的事项名称")
    buf = BytesIO()
    wb.save(buf)
    result = import_file("enforcement_powers", buf.getvalue(), user=office, filename="权责清单.xlsx")
    assert not result.ok
    assert any("第2行" in m and "变更" in m for m in result.messages()), result.messages()
    assert PowerItemChange.objects.count() == changes
