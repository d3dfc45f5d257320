"""行政复议 JSON API on the permission ladder, with bearer tokens acting in their user's scope."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.models import ApiToken
from fazhi.reconsideration.choices import Status
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db
D = date
BASE = "/api/reconsideration/cases"


class Api:
    """A test client speaking JSON with `Authorization: Bearer <key>` (or no credentials at all)."""

    def __init__(self, client, token: ApiToken | None = None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token.key}"} if token else {}

    def get(self, url, **params):
        return self.client.get(url, params, headers=self.headers)

    def post(self, url, payload: dict):
        return self.client.post(url, payload, content_type="application/json", headers=self.headers)


@pytest.fixture
def api(client):
    def _api(user=None) -> Api:
        return Api(client, factories.make_token(user) if user is not None else None)

    return _api


@pytest.fixture
def case_a(tree, office):
    return factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 24))


@pytest.fixture
def case_b(tree, office):
    return factories.register_case(office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 1, 27))


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["number"] for item in response.json()["items"]}


# -- reading ----------------------------------------------------------------------------------------------------
def test_list_with_a_token_of_each_persona(
    api, office, leader, clerk_a, clerk_b, county_office, case_a, case_b
):
    assert numbers(api(office).get(BASE)) == {"青府复〔2025〕1号", "青府复〔2025〕2号"}
    assert numbers(api(leader).get(BASE)) == {"青府复〔2025〕1号", "青府复〔2025〕2号"}
    assert numbers(api(clerk_a).get(BASE)) == {"青府复〔2025〕1号"}
    assert numbers(api(clerk_b).get(BASE)) == {"青府复〔2025〕2号"}
    assert numbers(api(county_office).get(BASE)) == set()


def test_detail_and_deadlines(api, office, clerk_a, clerk_b, case_a):
    response = api(clerk_a).get(f"{BASE}/{case_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == "青府复〔2025〕1号"
    assert body["respondent"] == "青城市市场监督管理局"
    assert body["org"] == "青城市人民政府"
    assert body["status"] == "received"
    # Received Fri 2025-01-24 → review due Fri 2/7 (Sun 1/26 调休 counts; 1/28–2/4 春节 does not).
    assert body["acceptance_due"] == "2025-02-07"
    assert body["next_due"] == "2025-02-07"
    response = api(office).get(f"{BASE}/{case_a.pk}/deadlines")
    assert response.status_code == 200
    acceptance = response.json()["acceptance"]
    assert acceptance["due"] == "2025-02-07"
    assert acceptance["citation"] == "《中华人民共和国行政复议法》第三十条第一款"
    assert "春节调休上班日" in acceptance["explanation"]
    # Another unit's case does not exist for the clerk of unit B.
    assert api(clerk_b).get(f"{BASE}/{case_a.pk}").status_code == 404
    assert api(clerk_b).get(f"{BASE}/{case_a.pk}/deadlines").status_code == 404


def test_anonymous_and_bad_tokens_get_401(api, client, office, case_a):
    assert api().get(BASE).status_code == 401
    assert api().get(f"{BASE}/{case_a.pk}").status_code == 401
    assert client.get(BASE, headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    token = factories.make_token(office)
    office.is_active = False
    office.save()
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key}"}).status_code == 401


def test_a_token_records_its_last_use(api, office, case_a):
    token = factories.make_token(office)
    assert token.last_used_at is None
    Api(api().client, token).get(BASE)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_logged_in_session_also_works(login, clerk_a, case_a, case_b):
    response = login(clerk_a).get(BASE)
    assert numbers(response) == {"青府复〔2025〕1号"}


def test_list_pages_by_cursor(api, tree, office):
    for day in range(1, 6):
        factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, day))
    client = api(office)
    first = client.get(BASE, size=3).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    second = client.get(BASE, size=3, after=first["next_cursor"]).json()
    assert len(second["items"]) == 2 and second["next_cursor"] is None
    assert [i["received_on"] for i in first["items"] + second["items"]] == [
        f"2025-03-0{d}" for d in (5, 4, 3, 2, 1)
    ]


# -- writing ----------------------------------------------------------------------------------------------------
def register_payload(tree, **extra) -> dict:
    payload = {
        "org_id": tree.city.pk,
        "respondent_id": tree.unit_a.pk,
        "received_on": "2025-01-24",
        "applicants": [{"name": "张三"}, {"name": "某某公司", "kind": "legal"}],
        "act_type": "penalty",
        "act_description": "罚款二千元",
    }
    payload.update(extra)
    return payload


def test_create(api, tree, office):
    response = api(office).post(BASE, register_payload(tree))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "青府复〔2025〕1号"
    assert body["acceptance_due"] == "2025-02-07"
    case = ReconsiderationCase.objects.get()
    assert case.created_by == office
    assert case.history.get().history_user == office


def test_create_refused_for_clerk_leader_and_anonymous(api, tree, clerk_a, leader, county_office):
    # The clerk does not see the city at all (404); the leader sees it but may not write (403).
    assert api(clerk_a).post(BASE, register_payload(tree)).status_code == 404
    response = api(leader).post(BASE, register_payload(tree))
    assert response.status_code == 403
    assert response.json() == {"detail": "无权办理该复议机关的案件"}
    assert api(county_office).post(BASE, register_payload(tree)).status_code == 404
    assert api().post(BASE, register_payload(tree)).status_code == 401
    assert ReconsiderationCase.objects.count() == 0


def test_create_names_a_respondent_in_the_users_scope_only(api, tree, county_office, login):
    # The county office may not name a city unit as respondent, through the API as on the page.
    payload = register_payload(tree, org_id=tree.county.pk, respondent_id=tree.unit_a.pk)
    assert api(county_office).post(BASE, payload).status_code == 404
    response = login(county_office).post(
        "/reconsideration/new/",
        {
            "org": tree.county.pk,
            "respondent": tree.unit_a.pk,
            "received_on": "2025-01-24",
            "applicant_name": "张三",
            "applicant_kind": "person",
            "act_type": "penalty",
            "act_description": "罚款",
            "procedure": "ordinary",
        },
    )
    assert response.status_code == 200 and "respondent" in response.context["form"].errors
    assert ReconsiderationCase.objects.count() == 0
    payload = register_payload(tree, org_id=tree.county.pk, respondent_id=tree.county_unit.pk)
    assert api(county_office).post(BASE, payload).status_code == 201


def test_create_validation_errors_are_400_in_chinese(api, tree, office):
    response = api(office).post(BASE, register_payload(tree, applicants=[{"name": " "}]))
    assert response.status_code == 400
    assert response.json() == {"detail": "至少填写一名申请人"}


def test_actions_on_the_ladder(api, office, clerk_a, clerk_b, leader, case_a):
    url = f"{BASE}/{case_a.pk}/actions/accept"
    payload = {"accepted_on": "2025-01-27", "procedure": "ordinary"}
    # The respondent's clerk may not accept; another unit's clerk does not see the case; the leader reads only.
    response = api(clerk_a).post(url, payload)
    assert response.status_code == 403
    assert response.json() == {"detail": "无权办理该复议机关的案件"}
    assert api(clerk_b).post(url, payload).status_code == 404
    assert api(leader).post(url, payload).status_code == 403
    assert api().post(url, payload).status_code == 401
    assert ReconsiderationCase.objects.get(pk=case_a.pk).status == Status.RECEIVED

    response = api(office).post(url, payload)
    assert response.status_code == 200, response.content
    # Accepted Mon 1/27: 60 days → Fri 3/28 (Jan 28–31 = 4, February = 28, March 1–28 = 28).
    assert response.json()["status"] == "hearing"
    assert response.json()["decision_due"] == "2025-03-28"

    response = api(office).post(f"{BASE}/{case_a.pk}/actions/serve_copy", {"received_on": "2025-02-05"})
    assert response.status_code == 200
    # Copy received Wed 2/5 → reply 10 working days: 2/6, 2/7, Sat 2/8 调休, 2/10 … 2/14, 2/17, Tue 2/18.
    assert response.json()["reply_due"] == "2025-02-18"
    # The respondent's clerk records the reply; deciding stays with the office.
    response = api(clerk_a).post(f"{BASE}/{case_a.pk}/actions/reply", {"replied_on": "2025-02-12"})
    assert response.status_code == 200
    assert response.json()["reply_due"] is None
    assert (
        api(clerk_a)
        .post(f"{BASE}/{case_a.pk}/actions/decide", {"decision": "revoke", "decided_on": "2025-03-01"})
        .status_code
        == 403
    )
    response = api(office).post(
        f"{BASE}/{case_a.pk}/actions/decide", {"decision": "revoke", "decided_on": "2025-03-01"}
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decision"]) == ("decided", "revoke")


def test_action_errors_are_400_in_chinese(api, office, case_a):
    client = api(office)
    response = client.post(
        f"{BASE}/{case_a.pk}/actions/decide", {"decision": "uphold", "decided_on": "2025-03-01"}
    )
    assert response.status_code == 400
    assert "当前状态为「待审查」，不能「作出决定」" in response.json()["detail"]
    response = client.post(f"{BASE}/{case_a.pk}/actions/accept", {"procedure": "ordinary"})
    assert response.status_code == 400
    assert response.json()["detail"] == "受理日期：这个字段是必填项。"
    response = client.post(f"{BASE}/{case_a.pk}/actions/approve", {})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("未知的操作：approve")


# -- record versions (issue 8, defect 5) -------------------------------------------------------------------------
def test_actions_check_the_version_from_the_body_or_if_match(api, office, case_a):
    client = api(office)
    case = client.get(f"{BASE}/{case_a.pk}").json()
    assert case["version"] == 1
    url = f"{BASE}/{case_a.pk}/actions/accept"
    response = client.post(url, {"accepted_on": "2025-01-27", "procedure": "ordinary", "version": 1})
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = {"rejected_on": "2025-01-27", "reason": "不属于复议范围", "version": 1}
    response = client.post(f"{BASE}/{case_a.pk}/actions/reject", stale)
    assert response.status_code == 400 and response.json() == {"detail": "该记录已被他人修改，请刷新后重试"}
    response = client.client.post(
        f"{BASE}/{case_a.pk}/actions/serve_copy",
        {"received_on": "2025-02-05"},
        content_type="application/json",
        headers={**client.headers, "If-Match": '"1"'},
    )
    assert response.status_code == 400 and response.json() == {"detail": "该记录已被他人修改，请刷新后重试"}
    assert ReconsiderationCase.objects.get(pk=case_a.pk).copy_received_on is None
    response = client.client.post(
        f"{BASE}/{case_a.pk}/actions/serve_copy",
        {"received_on": "2025-02-05"},
        content_type="application/json",
        headers={**client.headers, "If-Match": '"2"'},
    )
    assert response.status_code == 200 and response.json()["version"] == 3
