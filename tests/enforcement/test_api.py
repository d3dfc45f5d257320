"""行政执法 JSON API: filing a case (the two-officer rule refuses in Chinese, nothing written), the 法制审核
refusal of a decision, and the clerk's scope."""

from __future__ import annotations

import pytest

from fazhi.enforcement.models import EnforcementCase
from tests import factories
from tests.enforcement import factories as f

pytestmark = pytest.mark.django_db
BASE = "/api/enforcement/cases"


def headers(user) -> dict:
    return {"Authorization": f"Bearer {factories.make_token(user).key}"}


def payload(tree, officers, **extra) -> dict:
    return {
        "unit_id": tree.unit_a.pk,
        "case_number": "青市监罚〔2025〕7号",
        "kind": "penalty",
        "filed_on": "2025-07-03",
        "officer_ids": [o.pk for o in officers],
        "major": True,
        **extra,
    }


def test_file_decide_and_refusals(tree, office, clerk_a, clerk_b, client):
    officers = f.pair(office, tree.unit_a)
    h = headers(clerk_a)
    one = client.post(BASE, payload(tree, officers[:1]), content_type="application/json", headers=h)
    assert one.status_code == 400 and "第四十二条" in one.json()["detail"]
    assert not EnforcementCase.objects.exists()
    made = client.post(BASE, payload(tree, officers), content_type="application/json", headers=h)
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["decision_due"] == "2025-10-09" and body["unit"] == "青城市市场监督管理局"
    pk = body["id"]
    refused = client.post(
        f"{BASE}/{pk}/actions/decide",
        {"decided_on": "2025-08-01", "amount": "50000", "leniency": "", "version": body["version"]},
        content_type="application/json",
        headers=h,
    )
    assert refused.status_code == 400 and "第五十八条" in str(refused.json())
    listed = client.get(BASE, headers=headers(clerk_b))
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert client.get(f"{BASE}/{pk}", headers=headers(clerk_b)).status_code == 404
