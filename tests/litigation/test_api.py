"""行政应诉 JSON API on the permission ladder, with bearer tokens acting in their user's scope."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.litigation.models import LitigationCase
from tests import factories

pytestmark = pytest.mark.django_db
D = date
BASE = "/api/litigation/cases"


@pytest.fixture
def api(client):
    """api(user) -> (get, post) bound to a fresh bearer token of `user` (no credentials when user is None)."""

    class Api:
        def __init__(self, user):
            self.headers = {"Authorization": f"Bearer {factories.make_token(user).key}"} if user else {}

        def get(self, url, **params):
            return client.get(url, params, headers=self.headers)

        def post(self, url, payload):
            return client.post(url, payload, content_type="application/json", headers=self.headers)

    return Api


@pytest.fixture
def suit_a(tree, office):
    return factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初15号",
        complaint_received_on=D(2025, 9, 16),
    )


@pytest.fixture
def suit_b(tree, office):
    return factories.litigation_case(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初16号",
        complaint_received_on=D(2025, 9, 17),
    )


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["case_number"] for item in response.json()["items"]}


def test_list_and_detail_on_the_ladder(api, office, leader, clerk_a, clerk_b, county_office, suit_a, suit_b):
    assert numbers(api(office).get(BASE)) == {"（2025）青01行初15号", "（2025）青01行初16号"}
    assert numbers(api(leader).get(BASE)) == {"（2025）青01行初15号", "（2025）青01行初16号"}
    assert numbers(api(clerk_a).get(BASE)) == {"（2025）青01行初15号"}
    assert numbers(api(county_office).get(BASE)) == set()
    response = api(clerk_a).get(f"{BASE}/{suit_a.pk}")
    assert response.status_code == 200
    # Complaint copy Tue 9/16: day 15 = Wed 10/1 (国庆 10/1–10/8) → Thu 10/9.
    assert response.json()["answer_due"] == "2025-10-09"
    assert response.json()["defendant"] == "青城市市场监督管理局"
    assert api(clerk_b).get(f"{BASE}/{suit_a.pk}").status_code == 404
    assert api(None).get(BASE).status_code == 401
    assert api(None).get(f"{BASE}/{suit_a.pk}").status_code == 401


def payload(tree, **extra) -> dict:
    data = {
        "defendant_id": tree.unit_a.pk,
        "court": "青城市中级人民法院",
        "case_number": "（2025）青01行初30号",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-09-16",
    }
    data.update(extra)
    return data


def test_create_on_the_ladder(api, tree, office, clerk_a, clerk_b, leader):
    response = api(clerk_a).post(BASE, payload(tree))
    assert response.status_code == 201, response.content
    assert response.json()["answer_due"] == "2025-10-09"
    assert LitigationCase.objects.get().created_by == clerk_a
    # Unit A is not visible to unit B's clerk: 404; the leader sees it but may not write: 403.
    assert api(clerk_b).post(BASE, payload(tree, case_number="（2025）青01行初31号")).status_code == 404
    response = api(leader).post(BASE, payload(tree, case_number="（2025）青01行初31号"))
    assert response.status_code == 403
    assert response.json() == {"detail": "无权办理该单位的应诉案件"}
    assert api(None).post(BASE, payload(tree, case_number="（2025）青01行初31号")).status_code == 401
    response = api(office).post(BASE, payload(tree))
    assert response.status_code == 400
    assert response.json() == {"detail": "案号 （2025）青01行初30号 在 青城市中级人民法院 已登记"}
    assert LitigationCase.objects.count() == 1


def test_create_after_reconsideration_needs_a_visible_case(api, tree, office, clerk_b):
    recon = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 6, 9))
    response = api(office).post(BASE, payload(tree, reconsideration_id=recon.pk))
    assert response.status_code == 201
    assert response.json()["reconsideration_id"] == recon.pk
    # Unit B's clerk may not link unit A's reconsideration case to a suit of unit B.
    response = api(clerk_b).post(
        BASE,
        payload(
            tree, defendant_id=tree.unit_b.pk, case_number="（2025）青01行初31号", reconsideration_id=recon.pk
        ),
    )
    assert response.status_code == 404


def test_actions_on_the_ladder(api, office, clerk_a, clerk_b, leader, suit_a):
    url = f"{BASE}/{suit_a.pk}/actions/hearing"
    hearing = {"held_on": "2025-10-20", "appearance": "lawyer_only", "appearing_person": "钱律师"}
    assert api(clerk_b).post(url, hearing).status_code == 404
    assert api(leader).post(url, hearing).status_code == 403
    assert api(None).post(url, hearing).status_code == 401
    response = api(clerk_a).post(url, hearing)
    assert response.status_code == 200, response.content
    assert (response.json()["hearing_count"], response.json()["head_appeared"]) == (1, False)
    response = api(office).post(
        f"{BASE}/{suit_a.pk}/actions/judge", {"result": "revoke", "judged_on": "2025-11-10"}
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["lost"]) == ("judged", True)
    response = api(office).post(
        f"{BASE}/{suit_a.pk}/actions/judge", {"result": "revoke", "judged_on": "2025-11-11"}
    )
    assert response.status_code == 400
    assert "不能「登记裁判结果」" in response.json()["detail"]
