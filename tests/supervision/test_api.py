"""督察, 考评 and 述法 over the JSON API: the same services and refusals as the pages, scoped the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.supervision import services
from tests import factories

from . import factories as f

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    return {"Authorization": f"Bearer {factories.make_token(user).key}"}


def test_register_rectify_and_close_a_problem(client, tree, office, clerk_a, clerk_b):
    insp = f.inspection(office, tree)
    payload = {
        "org_id": tree.unit_a.pk,
        "source": "inspection",
        "inspection_id": insp.pk,
        "description": "执法全过程记录不完整",
        "found_on": "2025-05-20",
        "rectify_due": "2025-06-30",
    }
    r = client.post("/api/supervision/cases", payload, content_type="application/json", headers=auth(office))
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["status"] == "pending" and r.json()["org"] == "青城市市场监督管理局"
    own = {**payload, "source": "case_review", "inspection_id": None}
    r = client.post("/api/supervision/cases", own, content_type="application/json", headers=auth(clerk_a))
    assert r.status_code == 403  # recording is the office's
    r = client.post("/api/supervision/cases", payload, content_type="application/json", headers=auth(clerk_a))
    assert r.status_code == 404  # the city's inspection is not the clerk's to read
    act = f"/api/supervision/cases/{pk}/actions/"
    data = {"measures": "完善记录设备", "planned_on": "2025-05-25"}
    assert (
        client.post(act + "plan", data, content_type="application/json", headers=auth(clerk_b)).status_code
        == 404
    )
    r = client.post(act + "plan", data, content_type="application/json", headers=auth(clerk_a))
    assert r.status_code == 200 and r.json()["status"] == "rectifying"
    r = client.post(
        act + "approve", {"closed_on": "2025-06-01"}, content_type="application/json", headers=auth(office)
    )
    assert r.status_code == 400 and "不能「销号」" in r.json()["detail"]
    listing = client.get("/api/supervision/cases?status=rectifying", headers=auth(clerk_a)).json()
    assert [i["id"] for i in listing["items"]] == [pk]
    assert client.get("/api/supervision/cases", headers=auth(clerk_b)).json()["items"] == []


def test_inspections_schemes_ranking_and_shufa(client, tree, office, reviewer, clerk_a):
    r = client.post(
        "/api/supervision/inspections/cases",
        {
            "org_id": tree.city.pk,
            "title": "专项督察",
            "kind": "special",
            "started_on": "2025-05-01",
            "unit_ids": [tree.unit_a.pk, tree.unit_b.pk],
        },  # fmt: skip
        content_type="application/json",
        headers=auth(office),
    )
    assert r.status_code == 201 and r.json()["unit_ids"] == sorted([tree.unit_a.pk, tree.unit_b.pk])
    s = f.scheme(office, tree)
    services.score_unit(
        case=s,
        actor=reviewer,
        item=s.items.get(seq=1),
        unit=tree.unit_b,
        score=Decimal(12),
        scored_on=date(2026, 1, 5),
    )
    ranking = client.get(f"/api/supervision/schemes/cases/{s.pk}/ranking", headers=auth(reviewer)).json()
    depts = [(x["unit"], x["rank"], x["total"]) for x in ranking if x["tier"] == "department"]
    assert depts[0][:2] == ("青城市公安局", 1) and Decimal(str(depts[0][2])) == Decimal(12)
    r = client.post(
        "/api/supervision/shufa/cases",
        {
            "org_id": tree.unit_a.pk,
            "year": 2024,
            "leader": "王建国",
            "title": "局长",
            "held_on": "2025-01-20",
            "meeting": "述法评议会",
        },  # fmt: skip
        content_type="application/json",
        headers=auth(clerk_a),
    )
    assert r.status_code == 201 and r.json()["status"] == "reported"
