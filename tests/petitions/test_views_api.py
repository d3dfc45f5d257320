"""信访 pages, API, figures and import."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.core.importing import import_file
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.petitions import services
from fazhi.petitions.importers import PetitionImporter
from fazhi.petitions.models import Petition
from tests.petitions import factories

D = date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in PetitionImporter.columns]


def test_pages_are_chinese(login, office, tree):
    p = factories.petition(office, unit=tree.unit_a)
    c = login(office)
    html = c.get("/petitions/").content.decode()
    assert p.number in html and "申诉求决类" in html and "已登记" in html
    assert ">claim<" not in html and ">registered<" not in html
    html = c.get(f"/petitions/{p.pk}/").content.decode()
    assert "第二十三条" in html and "受理并书面告知" in html
    r = c.post(
        "/petitions/new/",
        {
            "unit": tree.unit_a.pk,
            "channel": "visit",
            "petitioner": "钱七",
            "phone": "",
            "people": 8,
            "representatives": 6,
            "received_by": "",
            "category": "claim",
            "subject": "拆迁安置",
            "content": "",
            "received_on": "2025-09-01",
        },
    )
    assert "代表人数不得超过5人" in r.content.decode()
    assert Petition.objects.count() == 1


def test_api_accept_and_a_group_visit_refused(login, office, tree):
    c = login(office)
    body = {
        "unit_id": tree.unit_a.pk,
        "channel": "visit",
        "petitioner": "孙八",
        "category": "claim",
        "subject": "欠薪",
        "received_on": "2025-09-16",
        "people": 10,
        "representatives": 6,
    }
    r = c.post("/api/petitions/cases", body, content_type="application/json")
    assert r.status_code in (400, 422) and "不得超过5人" in r.json()["detail"]
    r = c.post("/api/petitions/cases", {**body, "representatives": 3}, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["notice_due"] == "2025-10-09"
    pk = r.json()["id"]
    r = c.post(
        f"/api/petitions/cases/{pk}/actions/accept",
        {"accepted_on": "2025-09-20"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["handling_due"] == "2025-11-19"


def test_figures_and_drill_downs(tree, office):
    on_time = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 3, 1))
    services.accept(case=on_time, actor=office, accepted_on=D(2025, 3, 3))
    services.answer(case=on_time, actor=office, answered_on=D(2025, 4, 1), answer="support")
    late = factories.petition(office, unit=tree.unit_a, petitioner="钱七", received_on=D(2025, 3, 1))
    services.accept(case=late, actor=office, accepted_on=D(2025, 3, 25))
    services.answer(case=late, actor=office, answered_on=D(2025, 6, 30), answer="explain")
    routed = factories.petition(office, unit=tree.unit_b, petitioner="孙八", received_on=D(2025, 3, 1))
    services.route(
        case=routed, actor=office, routed_on=D(2025, 3, 5), route="litigation", reason="属诉讼事项"
    )
    factories.petition(office, unit=tree.unit_a, received_on=D(2025, 5, 1))  # a repeat of the first
    period = Period.year(2025)
    keys = [
        "petitions.received",
        "petitions.on_time_rate",
        "petitions.notice_on_time_rate",
        "petitions.routed",
        "petitions.repeats",
    ]
    v = compute(tree.city, period, keys)
    assert v["petitions.received"].value == 4
    assert (v["petitions.on_time_rate"].numerator, v["petitions.on_time_rate"].denominator) == (1, 2)
    assert (v["petitions.notice_on_time_rate"].numerator, v["petitions.notice_on_time_rate"].denominator) == (
        2,
        3,
    )
    assert v["petitions.routed"].value == 1 and v["petitions.repeats"].value == 1
    assert drilldown_records("petitions.received", tree.city, period).count() == 4
    assert drilldown_records("petitions.on_time_rate", tree.city, period, "denominator").count() == 2
    assert drilldown_records("petitions.notice_on_time_rate", tree.city, period).count() == 2


def xlsx(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "信访事项"
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_all_or_nothing_with_chinese_errors(tree, office):
    base = {
        "办理单位": "青城市市场监督管理局",
        "信访形式": "来信",
        "信访人": "周九",
        "信访事项类别": "申诉求决类",
        "反映事项": "工伤认定",
        "收到信访事项日期": D(2025, 3, 1),
    }
    good = {**base, "受理告知日期": D(2025, 3, 3), "书面答复日期": D(2025, 4, 1), "处理意见": "予以支持"}
    bad = {**base, "信访形式": "来访", "来访人数": 9, "推选代表人数": 6}
    result = import_file("petitions", xlsx([good, bad]), user=office)
    assert result.messages()[0].startswith("第3行「推选代表人数」：多人采用走访形式提出共同的信访事项的")
    assert not Petition.objects.exists()
    assert import_file("petitions", xlsx([good]), user=office).ok
    p = Petition.objects.get()
    assert (p.status, p.handling_due, p.answered_on_time) == ("answered", D(2025, 5, 6), True)
