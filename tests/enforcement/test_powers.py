"""权责清单: items changed only by documents (a change log with before/after beside the audit history), removal
that keeps the record, who sees and writes which list, the import's refusals, a case naming its power item, the
portal's current list, the figures from the records and the 零执法 selector with hand-made dates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import Workbook

from fazhi.core.choices import OrgKind
from fazhi.core.importing import import_file
from fazhi.enforcement import selectors, services
from fazhi.enforcement.forms import FileForm
from fazhi.enforcement.importers import EnforcementImporter, PowerItemImporter
from fazhi.enforcement.models import EnforcementCase, PowerItem, PowerItemChange
from fazhi.indicators.registry import Period, compute
from tests.enforcement import factories as f
from tests.factories import make_org

pytestmark = pytest.mark.django_db
D = date
DOC = {"doc_number": "青编办〔2024〕3号", "doc_title": "关于公布权责清单的通知", "doc_date": D(2024, 1, 15)}


def item(actor, unit, code: str = "CF-001", *, power_type: str = "penalty", **kw) -> PowerItem:
    values = {
        "name": "对经营超过保质期的食品的行政处罚",
        "law": "《中华人民共和国食品安全法》",
        "articles": "第一百二十四条",
        "responsibilities": "立案责任、调查责任、决定责任",
        **DOC,
        **kw,
    }
    return services.add_power_item(actor=actor, unit=unit, code=code, power_type=power_type, **values)


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


@pytest.fixture
def township_unit(tree):
    town = make_org("990121101", "青石镇", OrgKind.TOWNSHIP, parent=tree.county)
    return make_org("990121101A", "青石镇综合行政执法队", OrgKind.UNIT, parent=town)


# -- versions and the change log ---------------------------------------------------------------------------
def test_add_change_remove_are_logged_with_their_documents_before_and_after(tree, office):
    p = item(office, tree.unit_a)
    assert (p.org, p.status, p.added_on) == (tree.city, "current", D(2024, 1, 15))
    services.change_power_item(
        item=p,
        actor=office,
        doc_number="青编办〔2025〕12号",
        doc_date=D(2025, 6, 10),
        articles="第一百二十四条第一款",
        in_catalog=True,
    )
    services.remove_power_item(item=p, actor=office, doc_number="青编办〔2026〕2号", doc_date=D(2026, 3, 1))
    log = list(p.changes.order_by("seq"))
    assert [(c.seq, c.action, c.doc_number) for c in log] == [
        (1, "added", "青编办〔2024〕3号"),
        (2, "changed", "青编办〔2025〕12号"),
        (3, "removed", "青编办〔2026〕2号"),
    ]
    assert log[0].before == {} and log[0].after["articles"] == "第一百二十四条"
    assert log[1].before == {"articles": "第一百二十四条", "in_catalog": False}
    assert log[1].after == {"articles": "第一百二十四条第一款", "in_catalog": True}
    assert log[2].before["articles"] == "第一百二十四条第一款" and log[2].after == {}
    p.refresh_from_db()
    assert (p.status, p.removed_on) == ("removed", D(2026, 3, 1))
    # the audit history is kept too, each row naming the document
    reasons = [h.history_change_reason for h in p.history.order_by("history_date", "history_id")]
    assert reasons == [
        "新增权责事项（青编办〔2024〕3号）",
        "变更权责事项（青编办〔2025〕12号）",
        "取消权责事项（青编办〔2026〕2号）",
    ]
    # gone from the current list, still on record and in force on a day before its removal
    visible = selectors.visible_power_items(office)
    assert not selectors.filtered_power_items(office, selectors.PowerFilters()).exists()
    assert list(selectors.filtered_power_items(office, selectors.PowerFilters(status=""))) == [p]
    assert list(selectors.items_in_force(visible, D(2026, 2, 28))) == [p]
    assert not selectors.items_in_force(visible, D(2026, 3, 1)).exists()


def test_changes_need_a_document_a_real_change_and_a_current_item(tree, office):
    p = item(office, tree.unit_a)
    with pytest.raises(ValidationError) as exc:
        services.change_power_item(item=p, actor=office, doc_number="", doc_date=D(2025, 1, 1), name="新名称")
    assert "调整文件文号" in text(exc)
    assert p.name == "对经营超过保质期的食品的行政处罚"  # the refused values do not stay on the object
    with pytest.raises(ValidationError) as exc:
        services.change_power_item(item=p, actor=office, doc_number="X", doc_date=D(2025, 1, 1), name=p.name)
    assert "没有需要调整的内容" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.change_power_item(item=p, actor=office, doc_number="X", doc_date=D(2023, 12, 1), name="新")
    assert "不能早于该事项上次调整的日期（2024-01-15）" in text(exc)
    services.remove_power_item(item=p, actor=office, doc_number="X", doc_date=D(2025, 2, 1))
    with pytest.raises(ValidationError) as exc:
        services.change_power_item(item=p, actor=office, doc_number="Y", doc_date=D(2025, 3, 1), name="新")
    assert "已于2025-02-01取消" in text(exc)
    assert p.changes.count() == 2


def test_an_item_needs_its_legal_basis_and_a_delegated_item_its_township_and_document(
    tree, office, township_unit
):
    with pytest.raises(ValidationError) as exc:
        item(office, tree.unit_a, law="")
    assert "缺少法律依据" in text(exc)
    with pytest.raises(ValidationError) as exc:
        item(office, tree.unit_a, implementer="entrusted")
    assert "请填写受委托组织名称" in text(exc)
    with pytest.raises(ValidationError) as exc:
        item(
            office,
            tree.unit_a,
            delegated=True,
            delegation_doc_number="青县政发〔2023〕21号",
            delegated_on=D(2023, 11, 20),
        )
    assert "赋权事项只能列入乡镇（街道）单位的清单" in text(exc)
    with pytest.raises(ValidationError) as exc:
        item(office, township_unit, delegated=True)
    assert "赋权文件文号" in text(exc)
    p = item(
        office,
        township_unit,
        delegated=True,
        delegation_doc_number="青县政发〔2023〕21号",
        delegated_on=D(2023, 11, 20),
    )
    assert p.delegated and p.org.kind == OrgKind.TOWNSHIP
    item(office, tree.unit_a, code="X-1")
    with pytest.raises(ValidationError) as exc:
        item(office, tree.unit_a, code="X-1")
    assert "已使用" in text(exc)
    assert PowerItem.objects.count() == 2


# -- who sees and writes which list -----------------------------------------------------------------------
def test_a_unit_clerk_keeps_and_sees_its_own_list_the_office_the_jurisdictions(
    tree, office, clerk_a, clerk_b, login
):
    own = item(clerk_a, tree.unit_a, code="A-1")
    other = item(office, tree.unit_b, code="B-1")
    with pytest.raises(PermissionDenied):
        item(clerk_a, tree.unit_b, code="B-2")
    with pytest.raises(PermissionDenied):
        services.remove_power_item(item=other, actor=clerk_a, doc_number="X", doc_date=D(2025, 1, 1))
    assert list(selectors.visible_power_items(clerk_a)) == [own]
    assert set(selectors.visible_power_items(office)) == {own, other}
    page = login(clerk_a).get("/enforcement/powers/")
    assert page.status_code == 200 and "A-1" in page.content.decode() and "B-1" not in page.content.decode()
    assert login(clerk_a).get(f"/enforcement/powers/{other.pk}/").status_code == 404
    assert login(office).get(f"/enforcement/powers/{other.pk}/").status_code == 200
    assert Client().get("/enforcement/powers/").status_code == 302


def test_the_detail_page_changes_and_removes_by_document(tree, office, login):
    p = item(office, tree.unit_a)
    c = login(office)
    r = c.post(
        f"/enforcement/powers/{p.pk}/",
        {"action": "remove", "remove-doc_number": "", "remove-doc_date": "2025-02-01"},
    )
    assert r.status_code == 200
    p.refresh_from_db()
    assert p.status == "current" and p.changes.count() == 1
    r = c.post(
        f"/enforcement/powers/{p.pk}/",
        {"action": "remove", "remove-doc_number": "青编办〔2025〕1号", "remove-doc_date": "2025-02-01"},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "removed"
    assert "青编办〔2025〕1号" in c.get(f"/enforcement/powers/{p.pk}/").content.decode()


# -- import ------------------------------------------------------------------------------------------------
POWER_HEADERS = [c.header for c in PowerItemImporter.columns]


def power_row(**values) -> dict:
    base = {
        "职权部门": "青城市市场监督管理局",
        "事项编码": "CF-010",
        "事项名称": "对发布虚假广告的行政处罚",
        "职权类型": "行政处罚",
        "法律依据": "《中华人民共和国广告法》",
        "依据条款": "第五十五条",
        "责任事项": "立案责任、调查责任",
        "调整文件文号": "青编办〔2024〕3号",
        "调整日期": D(2024, 1, 15),
    }
    base.update(values)
    return base


def xlsx(headers: list[str], sheet: str, rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_writes_the_list_with_its_change_log(tree, office, township_unit):
    rows = [
        power_row(),
        power_row(事项编码="JC-001", 事项名称="对食品生产经营者的监督检查", 职权类型="行政检查"),
        power_row(
            职权部门="青石镇综合行政执法队",
            事项编码="FQ-001",
            赋权事项="是",
            赋权文件文号="青县政发〔2023〕21号",
            赋权日期=D(2023, 11, 20),
        ),
    ]
    result = import_file("enforcement_powers", xlsx(POWER_HEADERS, "权责清单", rows), user=office)
    assert result.ok, result.messages()
    assert PowerItem.objects.count() == 3
    log = PowerItemChange.objects.get(item__code="JC-001")
    assert (log.seq, log.action, log.doc_number, log.after["power_type"]) == (
        1,
        "added",
        "青编办〔2024〕3号",
        "inspection",
    )
    assert PowerItem.objects.get(code="FQ-001").delegated
    assert PowerItem.objects.get(code="CF-010").history.get().history_change_reason == "导入"


def test_import_bad_rows_write_nothing_and_name_row_field_reason(tree, office, clerk_a):
    rows = [
        power_row(),
        power_row(事项编码="X-2", 职权类型="行政指导"),  # not one of the ten types
        power_row(事项编码="X-3", 法律依据=""),  # no legal basis
        power_row(事项编码="CF-010"),  # the same code twice
    ]
    result = import_file("enforcement_powers", xlsx(POWER_HEADERS, "权责清单", rows), user=office)
    assert not result.ok and not PowerItem.objects.exists()
    messages = "\n".join(result.messages())
    assert "第3行" in messages and "职权类型" in messages and "行政指导" in messages
    assert "第4行" in messages and "法律依据" in messages
    assert "第5行" in messages and "与第2行重复" in messages
    # a unit's clerk cannot import another unit's list
    result = import_file(
        "enforcement_powers",
        xlsx(POWER_HEADERS, "权责清单", [power_row(), power_row(职权部门="青城市公安局", 事项编码="B-1")]),
        user=clerk_a,
    )
    assert not result.ok and not PowerItem.objects.exists()
    assert "第3行" in "\n".join(result.messages()) and "无权导入「青城市公安局」的权责清单" in "\n".join(
        result.messages()
    )


def test_export_lists_the_current_items(tree, office):
    from fazhi.core.exporting import export_bytes

    item(office, tree.unit_a, code="A-1")
    gone = item(office, tree.unit_a, code="A-2")
    services.remove_power_item(item=gone, actor=office, doc_number="X", doc_date=D(2025, 1, 1))
    data, count = export_bytes(office, "enforcement_powers")
    assert count == 1


# -- a case names its power item ---------------------------------------------------------------------------
def test_a_case_naming_a_wrong_power_item_is_refused_with_the_reason(tree, office):
    penalty = item(office, tree.unit_a, code="CF-1")
    license_ = item(office, tree.unit_a, code="XK-1", power_type="license", name="食品经营许可")
    other = item(office, tree.unit_b, code="CF-9")
    case = f.case(office, tree.unit_a, number="1", power_item=penalty)
    assert case.power_item == penalty
    for bad, reason in (
        (license_, "职权类型为行政许可，与执法类别行政处罚不符"),
        (other, "不属于本执法单位的权责清单"),
    ):
        with pytest.raises(ValidationError) as exc:
            f.case(office, tree.unit_a, number="2", power_item=bad)
        assert reason in text(exc)
    services.remove_power_item(item=penalty, actor=office, doc_number="X", doc_date=D(2025, 3, 1))
    penalty.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        f.case(office, tree.unit_a, number="3", power_item=penalty, filed_on=D(2025, 4, 1))
    assert "已于2025-03-01取消" in text(exc)
    assert EnforcementCase.objects.count() == 1


def test_the_case_form_and_import_refuse_an_unknown_power_item(tree, office):
    officers = f.pair(office, tree.unit_a)
    form = FileForm(
        {
            "unit": tree.unit_a.pk,
            "case_number": "1",
            "kind": "penalty",
            "filed_on": "2025-04-01",
            "officer_numbers": "、".join(o.cert_number for o in officers),
            "power_item_code": "NO-SUCH",
        },
        user=office,
    )
    assert not form.is_valid()
    assert "青城市市场监督管理局的权责清单中没有事项编码「NO-SUCH」" in form.errors["power_item_code"][0]
    headers = [c.header for c in EnforcementImporter.columns]
    row = {
        "执法单位": "青城市市场监督管理局",
        "案件编号": "2",
        "执法类别": "行政处罚",
        "权责事项编码": "NO-SUCH",
        "立案日期": D(2025, 4, 1),
        "执法人员执法证号": "、".join(o.cert_number for o in officers),
    }
    result = import_file("enforcement", xlsx(headers, "执法案件", [row]), user=office)
    assert not result.ok and not EnforcementCase.objects.exists()
    assert "权责事项编码" in "\n".join(result.messages())
    item(office, tree.unit_a, code="NO-SUCH")
    result = import_file("enforcement", xlsx(headers, "执法案件", [row]), user=office)
    assert result.ok, result.messages()
    assert EnforcementCase.objects.get().power_item.code == "NO-SUCH"


# -- portal ------------------------------------------------------------------------------------------------
def test_the_portal_publishes_the_current_list_without_personal_data(tree, office):
    office.first_name, office.last_name = "办", "王某"
    office.save()
    shown = item(office, tree.unit_a, code="A-1", name="食品生产许可", power_type="license")
    gone = item(office, tree.unit_a, code="A-2", name="已取消的处罚事项")
    services.remove_power_item(item=gone, actor=office, doc_number="X", doc_date=D(2025, 1, 1))
    anon = Client()
    page = anon.get(f"/gk/{tree.city.code}/powers/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "食品生产许可" in html and "已取消的处罚事项" not in html
    assert office.username not in html and "王某" not in html
    assert anon.get(f"/gk/{tree.city.code}/powers/{shown.pk}/").status_code == 200
    assert anon.get(f"/gk/{tree.city.code}/powers/{gone.pk}/").status_code == 404


# -- figures -----------------------------------------------------------------------------------------------
def test_power_item_figures_come_from_the_records_at_the_period_end(tree, office, township_unit):
    item(office, tree.unit_a, code="A-1")
    item(office, tree.unit_b, code="B-1")
    removed_2024 = item(office, tree.unit_a, code="A-2")
    services.remove_power_item(item=removed_2024, actor=office, doc_number="X", doc_date=D(2024, 6, 1))
    removed_2025 = item(office, tree.unit_a, code="A-3")
    services.remove_power_item(item=removed_2025, actor=office, doc_number="X", doc_date=D(2025, 6, 1))
    item(office, tree.unit_a, code="A-4", doc_date=D(2025, 2, 1))  # listed after 2024
    delegation = {
        "delegated": True,
        "delegation_doc_number": "青县政发〔2023〕21号",
        "delegated_on": D(2023, 11, 20),
    }
    item(office, township_unit, code="FQ-1", **delegation)
    item(office, township_unit, code="FQ-2", **delegation)
    keys = ["services.power_items", "enforcement.township_delegated_items"]
    v2024 = compute(tree.city, Period.year(2024), keys)
    assert (v2024["services.power_items"].value, v2024["enforcement.township_delegated_items"].value) == (
        5,
        2,
    )
    v2025 = compute(tree.city, Period.year(2025), keys)
    assert v2025["services.power_items"].value == 5  # A-1, B-1, A-4, FQ-1, FQ-2
    county = compute(tree.county, Period.year(2025), keys)
    assert (county["services.power_items"].value, county["enforcement.township_delegated_items"].value) == (
        2,
        2,
    )
    assert compute(tree.unit_a, Period.year(2025), keys)["services.power_items"].value == 2


# -- 零执法 ------------------------------------------------------------------------------------------------
def test_zero_enforcement_lists_enforcing_items_without_a_case_in_twelve_months(tree, office):
    used = item(office, tree.unit_a, code="CF-1")
    idle = item(office, tree.unit_a, code="CF-2")
    stale = item(office, tree.unit_a, code="JC-1", power_type="inspection", name="监督检查")
    item(office, tree.unit_a, code="XK-1", power_type="license", name="食品经营许可")  # not an enforcing type
    item(office, tree.unit_a, code="CF-3", doc_date=D(2025, 9, 1))  # listed for less than 12 months
    f.case(office, tree.unit_a, number="1", power_item=used, filed_on=D(2025, 3, 2))
    f.case(
        office,
        tree.unit_a,
        number="2",
        kind="inspection",
        officers=[],
        power_item=stale,
        filed_on=D(2025, 3, 1),
    )
    today = D(2026, 3, 2)  # the window: 2025-03-02 … 2026-03-02
    assert list(selectors.zero_enforcement_items(tree.city, today)) == [idle, stale]
    assert list(selectors.zero_enforcement_items(tree.city, D(2026, 3, 1))) == [idle]
    assert list(selectors.zero_enforcement_items(tree.unit_b, today)) == []
    assert list(selectors.zero_enforcement_items(selectors.visible_power_items(office), today)) == [
        idle,
        stale,
    ]
    services.remove_power_item(item=idle, actor=office, doc_number="X", doc_date=D(2026, 1, 1))
    assert list(selectors.zero_enforcement_items(tree.city, today)) == [stale]


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("enforcement:powers", "权责清单"),
        ("enforcement:officers", "行政执法人员"),
        ("enforcement:reviews", "案卷评查"),
    ],
)
def test_the_pages_beside_the_ledger_carry_their_heading(office, login, name, heading):
    from django.urls import reverse

    page = login(office).get(reverse(name)).content.decode()
    assert f'<h2 class="page-title">{heading}</h2>' in page
