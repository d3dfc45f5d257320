"""权责清单 whole-list import (整表更新): the office uploads a unit's complete current list; the preview shows what
is added, changed, removed (listed items the file omits) and unchanged; removal needs the mode chosen and a
document and reason; all rows or none; each change a PowerItemChange, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.importing import import_file
from fazhi.core.models import ImportJob
from fazhi.enforcement.importers import WHOLE_LIST
from fazhi.enforcement.models import PowerItem, PowerItemChange
from tests.enforcement.test_power_adjust import DOC2, listed  # noqa: F401 - the fixture
from tests.enforcement.test_powers import POWER_HEADERS, item, power_row, xlsx

pytestmark = pytest.mark.django_db
D = date
WHOLE = {
    "doc_number": "青编办〔2025〕9号",
    "doc_title": "关于公布市场监管局权责清单的通知",
    "doc_date": "2025-07-01",
    "reason": "机构改革后全面梳理",
}
FORM = {f"whole_{k}": v for k, v in WHOLE.items()}


@pytest.fixture
def three(tree, office, listed):  # noqa: F811
    """Unit A lists CF-001, JC-001 and QZ-001."""
    return (*listed, item(office, tree.unit_a, "QZ-001", power_type="coercion", name="查封经营场所"))


def whole_list() -> list[dict]:
    """Unit A's complete list: CF-001 as listed, JC-001 with new articles, CF-002 new; QZ-001 omitted."""
    return [
        power_row(
            事项编码="CF-001",
            事项名称="对经营超过保质期的食品的行政处罚",
            法律依据="《中华人民共和国食品安全法》",
            依据条款="第一百二十四条",
            责任事项="立案责任、调查责任、决定责任",
        ),
        power_row(
            事项编码="JC-001",
            事项名称="对食品经营者的监督检查",
            职权类型="行政检查",
            法律依据="《中华人民共和国食品安全法》",
            依据条款="第一百一十条第一款",
            责任事项="立案责任、调查责任、决定责任",
        ),
        power_row(事项编码="CF-002", **DOC2),
    ]


def snapshot():
    return sorted(PowerItem.all_objects.values_list("code", "status", "articles"))


def test_a_whole_list_adds_changes_removes_the_omitted_and_keeps_the_rest(tree, office, three):
    cf1_changes = PowerItem.objects.get(code="CF-001").changes.count()
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", whole_list()),
        user=office,
        mapping={WHOLE_LIST: WHOLE} | _template_mapping(),
    )
    assert result.ok, result.messages()
    qz, jc, cf1 = (PowerItem.all_objects.get(code=c) for c in ("QZ-001", "JC-001", "CF-001"))
    assert (qz.status, qz.removed_on) == ("removed", D(2025, 7, 1))
    removal = qz.changes.get(action="removed")
    assert (removal.doc_number, removal.doc_title, removal.note) == (
        "青编办〔2025〕9号",
        "关于公布市场监管局权责清单的通知",
        "机构改革后全面梳理",
    )
    change = jc.changes.get(action="changed")
    assert change.after == {"articles": "第一百一十条第一款"} and change.doc_number == "青编办〔2025〕9号"
    assert cf1.changes.count() == cf1_changes  # unchanged: no change recorded
    assert PowerItem.objects.get(code="CF-002").changes.get().doc_number == "青编办〔2025〕7号"
    # audited: the removal and the change name the importer and the document
    assert qz.history.first().history_user == office
    assert "青编办〔2025〕9号" in qz.history.first().history_change_reason
    assert jc.history.first().history_user == office


def test_without_the_mode_a_file_that_omits_items_removes_nothing(tree, office, three):
    before = PowerItemChange.objects.filter(action="removed").count()
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", [power_row(事项编码="CF-002", **DOC2)]),
        user=office,
    )
    assert result.ok, result.messages()
    assert PowerItem.objects.filter(code__in=["CF-001", "JC-001", "QZ-001"]).count() == 3
    assert PowerItemChange.objects.filter(action="removed").count() == before


def test_the_whole_list_mode_needs_its_document_and_reason_and_writes_nothing_without(tree, office, three):
    before = snapshot()
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", whole_list()),
        user=office,
        mapping={WHOLE_LIST: {"doc_number": "", "doc_date": "", "reason": ""}} | _template_mapping(),
    )
    assert not result.ok
    text = "\n".join(result.messages())
    assert "整表更新须填写调整文件文号" in text and "调整日期" in text and "调整理由" in text
    assert snapshot() == before


def test_a_whole_list_is_all_or_nothing(tree, office, three):
    """One bad row (and a 取消 row, which a whole list cannot have): nothing added, changed or removed."""
    rows = [
        *whole_list(),
        power_row(事项编码="CF-003", 职权类型="不存在的类型", **DOC2),
        {"职权部门": "青城市市场监督管理局", "事项编码": "QZ-001", "调整类型": "取消", **DOC2},
    ]
    before, changes = snapshot(), PowerItemChange.objects.count()
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", rows),
        user=office,
        mapping={WHOLE_LIST: WHOLE} | _template_mapping(),
    )
    assert not result.ok
    text = "\n".join(result.messages())
    assert "第5行" in text and "职权类型" in text
    assert "第6行" in text and "不能填「取消」" in text
    assert snapshot() == before and PowerItemChange.objects.count() == changes


def test_a_removal_dated_before_the_item_was_listed_is_refused_naming_the_item(tree, office, three):
    early = {**WHOLE, "doc_date": "2023-01-01"}
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", whole_list()),
        user=office,
        mapping={WHOLE_LIST: early} | _template_mapping(),
    )
    assert not result.ok
    text = "\n".join(result.messages())
    assert "QZ-001" in text and "文件中未列出，将取消" in text and "不能早于列入清单日期" in text


def test_the_page_refuses_a_file_when_no_mode_is_chosen(tree, office, three, login):
    c = login(office)
    data = xlsx(POWER_HEADERS, "权责清单", whole_list())
    r = c.post("/enforcement/powers/import/", {"file": SimpleUploadedFile("清单.xlsx", data)})
    assert r.status_code == 400
    assert "请选择导入方式" in r.content.decode()
    r = c.post(
        "/enforcement/powers/import/", {"mode": "whole", "file": SimpleUploadedFile("清单.xlsx", data)}
    )
    assert r.status_code == 400
    assert "整表更新须填写调整文件文号" in r.content.decode()
    assert not ImportJob.objects.exists()


def test_the_page_previews_a_whole_list_and_imports_it_when_confirmed(tree, office, three, login):
    c = login(office)
    data = xlsx(POWER_HEADERS, "权责清单", whole_list())
    # 逐项调整: the omitted item is named as kept, and the file (blank 调整类型, JC-001 differs) is refused
    r = c.post(
        "/enforcement/powers/import/", {"mode": "adjust", "file": SimpleUploadedFile("清单.xlsx", data)}
    )
    assert r.status_code == 400 and "调整内容请在调整类型填「变更」" in r.content.decode()
    r = c.post(
        "/enforcement/powers/import/",
        {"mode": "whole", **FORM, "file": SimpleUploadedFile("清单.xlsx", data)},
    )
    page = r.content.decode()
    assert r.status_code == 200, page
    assert "将新增 1 项，变更 1 项，取消 1 项，不变 1 项" in page
    assert "QZ-001" in page and "退出现行清单" in page
    assert "依据条款：第一百二十四条 → 第一百一十条第一款" in page
    assert PowerItem.objects.get(code="QZ-001").status == "current"  # nothing written yet
    job = ImportJob.objects.get(app="enforcement_powers")
    assert c.post("/enforcement/powers/import/", {"job": job.pk}).status_code == 302
    job.refresh_from_db()
    assert job.status == "done", job.errors
    assert PowerItem.all_objects.get(code="QZ-001").status == "removed"
    assert PowerItem.objects.filter(code="CF-002").exists()


def test_the_adjust_preview_names_the_items_the_file_leaves_listed(tree, office, three, login):
    data = xlsx(POWER_HEADERS, "权责清单", [power_row(事项编码="CF-002", **DOC2)])
    r = login(office).post(
        "/enforcement/powers/import/", {"mode": "adjust", "file": SimpleUploadedFile("x.xlsx", data)}
    )
    page = r.content.decode()
    assert r.status_code == 200, page
    assert "文件未列出的现行事项 3 项" in page and "保留不变" in page


def _template_mapping() -> dict:
    """The template's own headers as the mapping (the page always passes one)."""
    from fazhi.enforcement.importers import PowerItemImporter

    return {"sheet": "权责清单", "columns": {c.key: c.header for c in PowerItemImporter.columns}}
