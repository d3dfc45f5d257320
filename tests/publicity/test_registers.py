"""The 普法 registers: 法治文化阵地, 民主法治示范村（社区） with their 复核, 法律明白人; their figures equal their
drill-downs, pages, imports (all-or-nothing, Chinese row errors) and the portal section (counts, no person)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.indicators.selectors import drill_url
from fazhi.publicity import selectors, services
from fazhi.publicity.importers import (
    CultureSiteImporter,
    LegalLiterateImporter,
    ModelVillageImporter,
)
from fazhi.publicity.models import CultureSite, LegalLiterate, ModelVillage
from tests.factories import importer_sheet

pytestmark = pytest.mark.django_db

KEYS = ["publicity.culture_sites", "governance.model_villages", "governance.legal_literates"]


def site(actor, unit, built_on=date(2024, 5, 1), **kw):
    data = {"name": "宪法主题公园", "kind": "park", "location": "滨江路", "township": "城关镇"} | kw
    return services.add_site(actor=actor, unit=unit, built_on=built_on, **data)


def village(actor, unit, named_on=date(2025, 3, 1), level="provincial", **kw):
    data = {"village": "石桥村", "township": "城关镇"} | kw
    return services.add_village(actor=actor, unit=unit, level=level, named_on=named_on, **data)


def literate(actor, unit, registered_on=date(2024, 6, 1), **kw):
    data = {"name": "王明理", "village": "石桥村", "township": "城关镇", "phone": "13912345678"} | kw
    return services.add_literate(actor=actor, unit=unit, registered_on=registered_on, **data)


def test_services_check_scope_validate_and_keep_history(tree, office, clerk_a, clerk_b, leader):
    s = site(clerk_a, tree.unit_a, accepted_on=date(2024, 6, 1))
    assert (s.org, s.unit) == (tree.city, tree.unit_a)
    with pytest.raises(PermissionDenied):
        site(clerk_b, tree.unit_a)
    with pytest.raises(ValidationError, match="验收日期不能早于建成日期"):
        site(office, tree.unit_a, accepted_on=date(2024, 4, 1))
    with pytest.raises(PermissionDenied):
        services.close_site(site=s, actor=leader, closed_on=date(2025, 1, 1))
    services.close_site(site=s, actor=clerk_a, closed_on=date(2025, 7, 1))
    with pytest.raises(ValidationError, match="已于2025-07-01撤除"):
        services.close_site(site=s, actor=clerk_a, closed_on=date(2025, 8, 1))
    assert [h.history_change_reason for h in s.history.order_by("history_id")] == [
        "登记法治文化阵地",
        "撤除法治文化阵地",
    ]
    assert list(selectors.visible_sites(clerk_b)) == []

    v = village(office, tree.unit_a)
    with pytest.raises(ValidationError, match="已登记为省级民主法治示范村"):
        village(office, tree.unit_a)
    services.review_village(
        village=v, actor=office, year=2025, reviewed_on=date(2025, 11, 1), result="passed"
    )
    with pytest.raises(ValidationError, match="2025年度已复核"):
        services.review_village(
            village=v, actor=office, year=2025, reviewed_on=date(2025, 11, 2), result="passed"
        )
    services.review_village(
        village=v, actor=office, year=2026, reviewed_on=date(2026, 3, 1), result="revoked", note="整改不到位"
    )
    v.refresh_from_db()
    assert (v.status, v.revoked_on) == ("revoked", date(2026, 3, 1))

    p = literate(office, tree.unit_a)
    with pytest.raises(ValidationError, match="退出日期不能早于确认日期"):
        services.withdraw_literate(person=p, actor=office, left_on=date(2024, 1, 1))
    p.refresh_from_db()
    assert p.status == "active"


def test_figures_are_counted_from_the_records_and_equal_their_drilldowns(tree, office):
    site(office, tree.unit_a, built_on=date(2023, 1, 1))
    gone = site(office, tree.unit_a, name="法治长廊", kind="corridor", built_on=date(2023, 5, 1))
    services.close_site(site=gone, actor=office, closed_on=date(2025, 6, 30))  # gone by the end of 2025
    site(office, tree.county_unit, name="法治广场", kind="square", built_on=date(2025, 10, 1))
    site(office, tree.unit_b, name="法治文化墙", kind="wall", built_on=date(2026, 1, 5))  # after 2025

    village(office, tree.unit_a, level="national", village="东村")
    village(office, tree.unit_a, level="county", village="西村")  # a county's own naming: not counted
    village(office, tree.county_unit, level="city", village="南村")
    village(office, tree.unit_b, level="provincial", village="北村", named_on=date(2024, 8, 1))  # last year

    literate(office, tree.unit_a)
    literate(office, tree.county_unit, name="李守法")
    left = literate(office, tree.unit_b, name="赵退出")
    services.withdraw_literate(person=left, actor=office, left_on=date(2025, 9, 1))

    period = Period.year(2025)
    got = compute(tree.city, period, KEYS)
    assert [got[k].value for k in KEYS] == [2, 2, 2]
    for key in KEYS:
        assert drilldown_records(key, tree.city, period).count() == got[key].value
    county = compute(tree.county, period, KEYS)
    assert [county[k].value for k in KEYS] == [1, 1, 1]
    # at the end of 2024 the corridor stood and 赵退出 was on the register
    y2024 = compute(tree.city, Period.year(2024), KEYS)
    assert [y2024[k].value for k in KEYS] == [2, 1, 3]
    assert drill_url(got["governance.model_villages"]).startswith("/publicity/villages/?")


def test_register_pages_list_drill_and_write(client, tree, office, leader):
    client.force_login(office)
    resp = client.post(
        "/publicity/sites/",
        {
            "unit": tree.unit_a.pk,
            "name": "民法典主题广场",
            "kind": "square",
            "location": "人民路1号",
            "built_on": "2025-04-01",
        },
    )
    assert resp.status_code == 302
    s = CultureSite.objects.get()
    resp = client.post(f"/publicity/sites/{s.pk}/action/", {"closed_on": "2025-03-01"})
    assert "撤除未登记：撤除日期不能早于建成日期" in client.get(resp.url).content.decode()
    village(office, tree.unit_a)
    v = ModelVillage.objects.get()
    client.post(
        f"/publicity/villages/{v.pk}/action/",
        {"year": 2025, "reviewed_on": "2025-11-01", "result": "rectify", "note": "台账不全"},
    )
    page = client.get("/publicity/villages/").content.decode()
    assert "2025年 限期整改：台账不全" in page
    literate(office, tree.unit_a)
    page = client.get("/publicity/literates/").content.decode()
    assert "139****5678" in page and "13912345678" not in page

    v2025 = compute(tree.city, Period.year(2025), KEYS)["governance.model_villages"]
    page = client.get(drill_url(v2025)).content.decode()
    assert "指标明细" in page and "石桥村" in page

    client.force_login(leader)
    client.post(f"/publicity/sites/{s.pk}/action/", {"closed_on": "2025-06-01"})
    s.refresh_from_db()
    assert s.status == "in_use"


def test_imports_are_all_or_nothing_with_chinese_row_errors(tree, office, clerk_b, leader):
    unit = "青城市市场监督管理局"
    good_site = {
        "管护单位": unit,
        "阵地名称": "法治长廊",
        "阵地类型": "法治长廊",
        "具体位置": "河滨步道",
        "建成日期": date(2024, 9, 1),
    }
    bad_site = {**good_site, "验收日期": date(2024, 1, 1)}
    result = import_file(
        "publicity_sites", importer_sheet(CultureSiteImporter, [good_site, bad_site]), user=office
    )
    assert not result.ok and "第3行" in "；".join(result.messages())
    assert "验收日期不能早于建成日期" in "；".join(result.messages())
    assert not CultureSite.objects.exists()
    assert import_file("publicity_sites", importer_sheet(CultureSiteImporter, [good_site]), user=office).ok

    row = {"指导单位": unit, "村（社区）": "石桥村", "命名级别": "全国", "命名日期": date(2025, 1, 10)}
    result = import_file("publicity_villages", importer_sheet(ModelVillageImporter, [row, row]), user=office)
    assert not result.ok and "与第2行重复" in "；".join(result.messages())
    assert not ModelVillage.objects.exists()
    assert import_file("publicity_villages", importer_sheet(ModelVillageImporter, [row]), user=office).ok
    result = import_file("publicity_villages", importer_sheet(ModelVillageImporter, [row]), user=office)
    assert "已登记为民主法治示范村" in "；".join(result.messages())

    person = {
        "培养单位": unit,
        "姓名": "王明理",
        "联系电话": "13900001111",
        "村（社区）": "石桥村",
        "确认日期": date(2025, 2, 1),
        "培训学时": 12,
    }
    result = import_file("publicity_literates", importer_sheet(LegalLiterateImporter, [person]), user=clerk_b)
    assert not result.ok and "无权导入" in "；".join(result.messages())
    assert import_file("publicity_literates", importer_sheet(LegalLiterateImporter, [person]), user=office).ok
    p = LegalLiterate.objects.get()
    assert (p.trained_hours, p.history.get().history_change_reason) == (12, "导入")
    # the register's export (core.exporting) masks the phone for a role without personal.view_full; a holder
    # gets it whole, and that export is logged
    from io import BytesIO

    from openpyxl import load_workbook

    from fazhi.core.exporting import export_bytes
    from fazhi.core.models import PersonalDataAccess

    def exported(user) -> list:
        data, _ = export_bytes(user, "publicity_literates")
        return [c for row in load_workbook(BytesIO(data)).active.iter_rows(values_only=True) for c in row]

    assert "139****1111" in exported(leader) and "13900001111" not in exported(leader)
    assert not PersonalDataAccess.objects.exists()
    assert "13900001111" in exported(office)
    assert PersonalDataAccess.objects.get().user == office


def test_portal_section_lists_sites_and_villages_and_counts_people_only(client, tree, office):
    site(office, tree.unit_a)
    gone = site(office, tree.unit_a, name="已拆的宣传栏", kind="board")
    services.close_site(site=gone, actor=office, closed_on=date(2025, 1, 1))
    village(office, tree.unit_a, level="national")
    literate(office, tree.unit_a)
    literate(office, tree.unit_a, name="李守法", phone="13800002222")
    page = client.get(f"/gk/{tree.city.code}/pufa/").content.decode()
    assert "宪法主题公园" in page and "石桥村" in page and "已拆的宣传栏" not in page
    assert "共 2 人" in page
    assert "王明理" not in page and "1391234" not in page and "李守法" not in page
