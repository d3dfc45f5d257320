"""The 普法 registers in the JSON API (/api/publicity/sites, /villages, /literates): listed in the user's scope with
the pages' filters (a NUL in one is dropped, not a 500), created and changed through the pages' forms and services,
and the permission ladder — another unit's record 404, the read-only leader 403, no credentials 401."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fazhi.publicity.models import CultureSite, LegalLiterate, ModelVillage
from tests import factories

from .test_registers import literate, site, village

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {factories.make_token(user).key}"})


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_sites_list_filter_and_page_in_scope(tree, office, clerk_a, clerk_b):
    a = site(office, tree.unit_a)
    b = site(office, tree.unit_b, name="法治文化长廊", kind="corridor", location="人民路")
    c = site(office, tree.unit_a, name="宪法广场", kind="square", location="中心广场")
    rows = api(office).get("/api/publicity/sites").json()
    assert [r["id"] for r in rows["items"]] == [a.pk, b.pk, c.pk] and rows["next_cursor"] is None
    assert rows["items"][0]["unit"] == tree.unit_a.name and rows["items"][0]["version"] == 1
    page = api(office).get("/api/publicity/sites", {"size": 2}).json()
    assert len(page["items"]) == 2 and page["next_cursor"] == b.pk
    rest = api(office).get("/api/publicity/sites", {"size": 2, "after": page["next_cursor"]}).json()
    assert [r["id"] for r in rest["items"]] == [c.pk]
    # the pages' filters
    assert [r["id"] for r in api(office).get("/api/publicity/sites", {"kind": "square"}).json()["items"]] == [
        c.pk
    ]
    assert [r["id"] for r in api(office).get("/api/publicity/sites", {"q": "长廊"}).json()["items"]] == [b.pk]
    by_unit = api(office).get("/api/publicity/sites", {"unit": tree.unit_b.pk}).json()["items"]
    assert [r["id"] for r in by_unit] == [b.pk]
    # a unit's clerk sees its own unit's only; another unit's record is not found
    assert [r["id"] for r in api(clerk_a).get("/api/publicity/sites").json()["items"]] == [a.pk, c.pk]
    assert api(clerk_b).get(f"/api/publicity/sites/{a.pk}").status_code == 404
    assert api(clerk_a).get(f"/api/publicity/sites/{a.pk}").json()["name"] == "宪法主题公园"


@pytest.mark.parametrize("path", ["sites", "villages", "literates"])
def test_a_nul_in_a_filter_is_no_server_error(tree, office, path):
    r = api(office).get(f"/api/publicity/{path}", {"q": "石桥\x00村", "status": "\x00"})
    assert r.status_code == 200 and r.json()["items"] == []


@pytest.mark.parametrize("path", ["sites", "villages", "literates"])
def test_anonymous_gets_401(client, tree, office, path):
    assert client.get(f"/api/publicity/{path}").status_code == 401
    assert post(client, f"/api/publicity/{path}", {}).status_code == 401


def test_a_site_is_created_and_closed_through_the_form_and_service(tree, clerk_a, clerk_b, leader):
    data = {
        "unit_id": tree.unit_a.pk,
        "name": "法治文化公园",
        "kind": "park",
        "location": "滨江路",
        "built_on": "2024-05-01",
        "accepted_on": "2024-04-01",
    }
    r = post(api(clerk_a), "/api/publicity/sites", data)
    assert r.status_code == 400 and "验收日期不能早于建成日期" in r.json()["detail"]
    r = post(api(clerk_a), "/api/publicity/sites", data | {"kind": "castle"})
    assert r.status_code == 400 and "阵地类型" in r.json()["detail"]
    assert not CultureSite.objects.exists()
    r = post(api(clerk_a), "/api/publicity/sites", data | {"accepted_on": None})
    assert r.status_code == 201, r.content
    s = CultureSite.objects.get(pk=r.json()["id"])
    assert (s.org, s.unit, s.created_by) == (tree.city, tree.unit_a, clerk_a)
    assert s.history.get().history_change_reason == "登记法治文化阵地"
    # another unit's clerk: not its unit (the form's choice) and not its record
    assert post(api(clerk_b), "/api/publicity/sites", data | {"accepted_on": None}).status_code == 400
    close = f"/api/publicity/sites/{s.pk}/actions/close"
    assert post(api(clerk_b), close, {"closed_on": "2025-07-01"}).status_code == 404
    # the read-only leader sees it but may not write
    assert api(leader).get(f"/api/publicity/sites/{s.pk}").status_code == 200
    assert post(api(leader), "/api/publicity/sites", data | {"accepted_on": None}).status_code == 403
    assert post(api(leader), close, {"closed_on": "2025-07-01"}).status_code == 403
    r = post(api(clerk_a), close, {"closed_on": "2025-07-01", "version": 99})
    assert r.status_code == 400
    r = post(api(clerk_a), close, {"closed_on": "2025-07-01", "version": 1})
    assert r.status_code == 200 and r.json()["status"] == "closed" and r.json()["closed_on"] == "2025-07-01"
    r = post(api(clerk_a), close, {"closed_on": "2025-08-01"})
    assert r.status_code == 400 and "已于2025-07-01撤除" in r.json()["detail"]
    assert post(api(clerk_a), f"/api/publicity/sites/{s.pk}/actions/explode", {}).status_code == 400


def test_a_village_is_created_and_reviewed(tree, office, clerk_b, leader):
    data = {"unit_id": tree.unit_a.pk, "village": "石桥村", "level": "provincial", "named_on": "2025-03-01"}
    r = post(api(office), "/api/publicity/villages", data)
    assert r.status_code == 201 and r.json()["reviews"] == []
    pk = r.json()["id"]
    r = post(api(office), "/api/publicity/villages", data)
    assert r.status_code == 400 and "已登记为省级" in r.json()["detail"]
    review = f"/api/publicity/villages/{pk}/actions/review"
    assert post(api(clerk_b), review, {}).status_code == 404
    data = {"year": 2025, "reviewed_on": "2025-11-01", "result": "revoked", "note": "发生刑事案件"}
    assert post(api(leader), review, data).status_code == 403
    r = post(api(office), review, data)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "revoked" and r.json()["reviews"][0]["result"] == "revoked"
    assert ModelVillage.objects.get(pk=pk).revoked_on == date(2025, 11, 1)
    levels = api(office).get("/api/publicity/villages", {"kind": "provincial", "status": "revoked"}).json()
    assert [v["id"] for v in levels["items"]] == [pk]


def test_a_legal_literate_is_created_masked_and_withdrawn(tree, office, clerk_a, leader):
    data = {
        "unit_id": tree.unit_a.pk,
        "name": "王明理",
        "village": "石桥村",
        "registered_on": "2024-06-01",
        "phone": "13912345678",
        "trained_hours": -1,
    }
    r = post(api(clerk_a), "/api/publicity/literates", data)
    assert r.status_code == 400 and "培训学时" in r.json()["detail"]
    r = post(api(clerk_a), "/api/publicity/literates", data | {"trained_hours": 12})
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    # the phone is personal data: masked for the read-only leader, as on the pages
    shown = api(leader).get(f"/api/publicity/literates/{pk}").json()["phone"]
    assert shown != "13912345678" and "1234" not in shown
    withdraw = f"/api/publicity/literates/{pk}/actions/withdraw"
    assert post(api(leader), withdraw, {"left_on": "2025-01-01"}).status_code == 403
    r = post(api(clerk_a), withdraw, {"left_on": "2025-01-01"})
    assert r.status_code == 200 and r.json()["status"] == "left"
    assert LegalLiterate.objects.get(pk=pk).left_on == date(2025, 1, 1)
    other = literate(office, tree.unit_b, name="李知法")
    names = [p["name"] for p in api(clerk_a).get("/api/publicity/literates").json()["items"]]
    assert names == ["王明理"] and other.name not in names


def test_filters_of_the_village_list_by_unit(tree, office):
    a = village(office, tree.unit_a)
    village(office, tree.unit_b, village="柳湾社区")
    rows = api(office).get("/api/publicity/villages", {"unit": tree.unit_a.pk}).json()["items"]
    assert [r["id"] for r in rows] == [a.pk]
