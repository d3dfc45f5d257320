"""领导接访 through the casework kit: its record page (details, linked petitions the reader may see, 附件, 修改历史),
修改基本信息 with the rules checked and audited, 作废, the xlsx export, and its API (list, one, register)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.petitions import services
from fazhi.petitions.models import LeaderReception
from tests.petitions import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reception(tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=date(2025, 9, 16))
    return services.record_reception(
        actor=office,
        unit=tree.unit_a,
        leader="张明",
        leader_title="副市长",
        held_on=date(2025, 9, 20),
        place="市信访接待中心",
        matters="征地补偿标准",
        visitors=3,
        petitions=[p],
    )


def test_record_page_edit_and_void(reception, office, clerk_b, login):
    c = login(office)
    assert f"/petitions/receptions/{reception.pk}/" in c.get("/petitions/receptions/").content.decode()
    page = c.get(f"/petitions/receptions/{reception.pk}/").content.decode()
    petition = reception.petitions.get()
    assert "副市长 张明" in page and petition.number in page and "修改历史" in page
    assert login(clerk_b).get(f"/petitions/receptions/{reception.pk}/").status_code == 404
    url = f"/petitions/receptions/{reception.pk}/edit/"
    form = {
        "leader": "张明",
        "leader_title": "副市长",
        "held_on": "2025-09-20",
        "place": "",
        "visitors": 3,
        "matters": "征地补偿标准",
        "reason": "更正接访地点",
        "version": reception.version,
    }
    assert c.post(url, form).status_code == 200  # the place is required
    r = c.post(url, form | {"place": "市民中心三楼"})
    assert r.status_code == 302
    reception.refresh_from_db()
    assert reception.place == "市民中心三楼"
    assert reception.history.first().history_change_reason == "修改基本信息：更正接访地点"
    r = c.post(
        f"/petitions/receptions/{reception.pk}/void/", {"reason": "重复登记", "version": reception.version}
    )
    assert r.status_code == 302
    assert not LeaderReception.objects.exists() and LeaderReception.all_objects.count() == 1


def test_export(reception, office, login):
    r = login(office).get("/petitions/receptions/export/", {"q": "张明"})
    assert r.status_code == 200 and r["X-Record-Count"] == "1"
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("接访日期", "接访领导") and rows[1][1] == "张明" and rows[1][-1] == 1
    assert login(office).get("/petitions/receptions/export/", {"q": "没有"})["X-Record-Count"] == "0"


def test_api(reception, tree, office, clerk_b, login):
    c = login(office)
    page = c.get("/api/petitions/receptions/cases").json()
    assert [i["id"] for i in page["items"]] == [reception.pk]
    item = c.get(f"/api/petitions/receptions/cases/{reception.pk}").json()
    assert item["leader"] == "张明" and item["petition_ids"] == [reception.petitions.get().pk]
    r = c.post(
        "/api/petitions/receptions/cases",
        {
            "unit_id": tree.unit_a.pk,
            "leader": "李华",
            "leader_title": "市长",
            "held_on": "2025-10-08",
            "place": "市信访接待中心",
            "matters": "拆迁安置",
            "visitors": 2,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert LeaderReception.objects.filter(leader="李华", org=tree.city).exists()
    r = c.post(
        f"/api/petitions/receptions/cases/{reception.pk}/actions/close", {}, content_type="application/json"
    )
    assert r.status_code == 400
    other = login(clerk_b)
    assert other.get(f"/api/petitions/receptions/cases/{reception.pk}").status_code == 404
    assert other.get("/api/petitions/receptions/cases").json()["items"] == []
