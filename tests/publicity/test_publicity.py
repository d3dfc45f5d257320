"""普法: activities, the 谁执法谁普法 责任清单 completed from them, the figures, pages and import."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.publicity import selectors, services
from fazhi.publicity.choices import ActivityKind
from fazhi.publicity.importers import PublicityImporter
from fazhi.publicity.models import Activity

pytestmark = pytest.mark.django_db


def activity(actor, unit, held_on=date(2025, 5, 1), kind=ActivityKind.OUTREACH, **kw):
    data = {"title": "民法典宣传", "place": "文化广场", "audience": 100, "materials": 50}
    data.update(kw)
    return services.register_activity(actor=actor, unit=unit, kind=kind, held_on=held_on, **data)


def test_register_and_media_links(tree, office, clerk_a):
    a = activity(clerk_a, tree.unit_a)
    assert a.org == tree.city
    services.record_media(
        case=a, actor=clerk_a, links="https://news.example.cn/1\n\nhttps://news.example.cn/2"
    )
    assert a.media_links == ["https://news.example.cn/1", "https://news.example.cn/2"]
    with pytest.raises(ValidationError, match="第1行不是网址"):
        services.record_media(case=a, actor=clerk_a, links="javascript:alert(1)")
    with pytest.raises(ValidationError, match="没有新的报道链接"):
        services.record_media(case=a, actor=clerk_a, links="https://news.example.cn/1")
    assert a.history.count() == 2


def test_scope(tree, office, clerk_a, clerk_b, leader):
    a = activity(office, tree.unit_a)
    with pytest.raises(PermissionDenied):
        activity(clerk_b, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.record_media(case=a, actor=leader, links="https://x.example.cn/")
    assert list(selectors.visible_cases(clerk_a)) == [a]
    assert list(selectors.visible_cases(clerk_b)) == []


def test_duty_completion_is_read_from_the_units_activities(tree, office, clerk_a, clerk_b):
    services.add_duty(actor=office, unit=tree.unit_a, year=2025, item="开展民法典宣传", required=2)
    services.add_duty(
        actor=office,
        unit=tree.unit_a,
        year=2025,
        item="以案释法",
        kind=ActivityKind.CASE_TEACHING,
        required=1,
    )
    services.add_duty(actor=office, unit=tree.unit_b, year=2025, item="开展安全生产法宣传", required=1)
    activity(office, tree.unit_a)
    activity(office, tree.unit_a, held_on=date(2024, 12, 30))  # last year: does not count for 2025

    def progress(user):
        return [(r["duty"].item, r["done"], r["complete"]) for r in selectors.progress_rows(user, 2025)]

    assert progress(office) == [
        ("开展民法典宣传", 1, False),
        ("以案释法", 0, False),
        ("开展安全生产法宣传", 0, False),
    ]
    activity(office, tree.unit_a, kind=ActivityKind.CASE_TEACHING)
    assert progress(clerk_a) == [("开展民法典宣传", 2, True), ("以案释法", 1, True)]
    assert progress(clerk_b) == [("开展安全生产法宣传", 0, False)]
    with pytest.raises(PermissionDenied):
        services.add_duty(actor=clerk_b, unit=tree.unit_a, year=2025, item="x")


def test_figures_and_drilldown(tree, office):
    activity(office, tree.unit_a, audience=100, materials=10)
    activity(office, tree.county_unit, audience=250, materials=0)
    activity(office, tree.unit_b, held_on=date(2024, 6, 1), audience=999)
    got = compute(tree.city, Period.year(2025), ["publicity.events"])["publicity.events"].value
    assert got == 2
    assert drilldown_records("publicity.events", tree.city, Period.year(2025)).count() == 2
    assert compute(tree.county, Period.year(2025), ["publicity.events"])["publicity.events"].value == 1


def test_pages(client, tree, office):
    client.force_login(office)
    resp = client.post(
        "/publicity/new/",
        {
            "unit": tree.unit_a.pk,
            "kind": "lecture",
            "title": "宪法宣讲",
            "held_on": "2025-12-04",
            "place": "市民广场",
            "audience": 300,
            "materials": 0,
        },
    )
    assert resp.status_code == 302
    a = Activity.objects.get()
    assert "宪法宣讲" in client.get(f"/publicity/{a.pk}/").content.decode()
    resp = client.post(
        "/publicity/duties/?year=2025",
        {"unit": tree.unit_a.pk, "year": 2025, "item": "宪法宣传", "required": 1},
    )
    assert resp.status_code == 302
    page = client.get("/publicity/duties/?year=2025").content.decode()
    assert "宪法宣传" in page and "已完成" in page


def xlsx(rows):
    headers = [c.header for c in PublicityImporter.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = "普法活动"
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_all_or_nothing(tree, office):
    good = {
        "开展单位": "青城市市场监督管理局",
        "活动形式": "以案释法",
        "活动名称": "以案释法进企业",
        "开展日期": date(2025, 4, 1),
        "地点": "企业会议室",
        "受众人次": 80,
    }
    bad = {**good, "宣传报道链接": "不是网址"}
    result = import_file("publicity", xlsx([good, bad]), user=office)
    assert not result.ok and "第3行" in "；".join(result.messages())
    assert not Activity.objects.exists()
    assert import_file("publicity", xlsx([good]), user=office).ok
    assert Activity.objects.get().audience == 80
