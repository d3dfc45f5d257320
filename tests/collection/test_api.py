"""统计填报 over the JSON API (/api/collection/…): the user's tasks as the task list filters them, one task with its
fields and values, and the task page's actions through the same services, with the pages' permission outcomes."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.collection import services as collection
from fazhi.collection.models import CollectedValue, CollectionTask
from fazhi.indicators.registry import Period
from tests import factories

pytestmark = pytest.mark.django_db

S = CollectionTask.Status
HELD, HEAD = "reconsideration.hearings_held", "reconsideration.head_attended_hearings"
KEYS = ["reconsideration.head_hearing_rate", "legal_services.notary_cases"]


@pytest.fixture
def tasks(tree, office):
    form = collection.create_form(
        actor=office, owner=tree.city, name="2025年度法治政府建设统计表", period=Period.year(2025), keys=KEYS
    )
    created = collection.assign_form(
        form=form, actor=office, orgs=[tree.unit_a, tree.unit_b], due_on=dt.date(2026, 1, 31)
    )
    return {t.org.code: t for t in created}


@pytest.fixture
def task_a(tree, tasks):
    return tasks[tree.unit_a.code]


def api(client, user):
    return {"Authorization": f"Bearer {factories.make_token(user).key}"}


def test_the_list_shows_the_users_tasks_with_the_pages_filters(client, tree, office, clerk_a, tasks, task_a):
    headers = api(client, clerk_a)
    items = client.get("/api/collection/tasks", headers=headers).json()["items"]
    assert [(t["id"], t["org"], t["status"]) for t in items] == [(task_a.pk, tree.unit_a.name, "pending")]

    headers = api(client, office)
    assert len(client.get("/api/collection/tasks", headers=headers).json()["items"]) == 2
    for params, count in (
        ({"q": tree.unit_b.name}, 1),
        ({"q": "法治\x00统计"}, 0),  # a NUL is dropped from the query: 法治统计 is no name
        ({"q": "法治政府\x00"}, 2),
        ({"status": "pending"}, 2),
        ({"status": "accepted"}, 0),
        ({"year": 2025}, 2),
        ({"year": 2024}, 0),
        ({"form": task_a.form_id}, 2),
    ):
        response = client.get("/api/collection/tasks", params, headers=headers)
        assert response.status_code == 200 and len(response.json()["items"]) == count, params
    first = client.get("/api/collection/tasks", {"size": 1}, headers=headers).json()
    assert first["next_cursor"] == first["items"][0]["id"]
    rest = client.get(
        "/api/collection/tasks", {"size": 1, "after": first["next_cursor"]}, headers=headers
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    response = client.get("/api/collection/tasks", {"year": 99999}, headers=headers)
    assert response.status_code == 400 and "year" in response.json()["detail"]


def test_one_task_with_its_fields_and_values(client, tree, clerk_a, clerk_b, county_office, task_a):
    collection.save_values(task=task_a, actor=clerk_a, values={HELD: "12"}, notes={HELD: "含听证2件"})
    response = client.get(f"/api/collection/tasks/{task_a.pk}", headers=api(client, clerk_a))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft" and body["form"] == "2025年度法治政府建设统计表"
    fields = {f["key"]: (f["value"], f["note"]) for f in body["fields"]}
    assert fields == {HEAD: (None, ""), HELD: (12, "含听证2件"), "legal_services.notary_cases": (None, "")}
    for other in (clerk_b, county_office):
        assert client.get(f"/api/collection/tasks/{task_a.pk}", headers=api(client, other)).status_code == 404
    assert client.get(f"/api/collection/tasks/{task_a.pk}").status_code == 401
    assert client.get("/api/collection/tasks").status_code == 401


def act(client, user, task, action, body=None):
    return client.post(
        f"/api/collection/tasks/{task.pk}/actions/{action}",
        body or {},
        content_type="application/json",
        headers=api(client, user),
    )


def test_fill_submit_return_and_accept_as_the_page_does(client, office, clerk_a, task_a):
    response = act(client, clerk_a, task_a, "save", {"values": {HELD: "10", HEAD: 8}})
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert {v.key: v.value for v in task_a.values.all()} == {HELD: 10, HEAD: 8}

    # values with 提交 are saved and submitted together, or neither
    response = act(client, clerk_a, task_a, "submit", {"values": {HEAD: "11"}})
    assert response.status_code == 400
    assert "（11）不能大于" in response.json()["detail"]
    task_a.refresh_from_db()
    assert task_a.status == S.DRAFT and task_a.values.get(key=HEAD).value == 8

    response = act(client, clerk_a, task_a, "submit", {"values": {HEAD: "9"}})
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert task_a.values.get(key=HEAD).value == 9

    response = act(client, office, task_a, "return", {"reason": "  "})
    assert response.status_code == 400 and response.json()["detail"] == "请填写退回原因"
    response = act(client, office, task_a, "return", {"reason": "听证次数与台账\x00不符"})
    assert response.status_code == 200 and response.json()["return_reason"] == "听证次数与台账不符"

    act(client, clerk_a, task_a, "submit")
    response = act(client, office, task_a, "accept")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = act(client, clerk_a, task_a, "save", {"values": {HELD: "1"}})
    assert response.status_code == 400 and "已采纳" in response.json()["detail"]


def test_bad_values_and_actions_answer_400_in_chinese(client, clerk_a, task_a):
    response = act(client, clerk_a, task_a, "save", {"values": {"nope": "1"}})
    assert response.status_code == 400 and response.json()["detail"] == "本表没有这些指标：nope"
    response = act(client, clerk_a, task_a, "save", {"values": {HELD: "abc"}})
    assert response.status_code == 400 and "应为数字" in response.json()["detail"]
    response = act(client, clerk_a, task_a, "submit")
    assert response.status_code == 400 and response.json()["detail"] == "尚未填写任何数值，不能提交"
    response = act(client, clerk_a, task_a, "publish")
    assert response.status_code == 400 and response.json()["detail"].startswith("未知的操作：publish")
    for odd in (True, ["1"], {"v": 1}, 1e400):  # 1e400: sent as Infinity
        response = act(client, clerk_a, task_a, "save", {"values": {HELD: odd}})
        assert response.status_code == 400 and response.json()["detail"].startswith(
            "「行政复议听证案件数」应为数字"
        ), odd
    assert not CollectedValue.objects.exists()


def test_permission_outcomes_are_the_pages(client, clerk_a, clerk_b, leader, reviewer, task_a):
    collection.save_values(task=task_a, actor=clerk_a, values={HELD: "3"})
    response = act(client, leader, task_a, "submit")
    assert response.status_code == 403 and response.json()["detail"] == "无权提交该单位的统计数据"
    assert act(client, leader, task_a, "save", {"values": {HELD: "4"}}).status_code == 403
    assert act(client, clerk_b, task_a, "submit").status_code == 404
    assert (
        client.post(f"/api/collection/tasks/{task_a.pk}/actions/submit", {}, "application/json").status_code
        == 401
    )
    # reviewing is the office's (collection.manage): a reviewer may fill, not accept or return
    assert act(client, reviewer, task_a, "submit").status_code == 200
    response = act(client, reviewer, task_a, "accept")
    assert response.status_code == 403 and response.json()["detail"] == "只有发起填报的法治办可以审核"
    assert act(client, clerk_a, task_a, "return", {"reason": "x"}).status_code == 403
    task_a.refresh_from_db()
    assert task_a.status == S.SUBMITTED


def test_a_nul_in_a_note_or_a_reason_is_dropped_by_the_services(clerk_a, office, task_a):
    """PostgreSQL refuses a NUL in text: the page's notes reach save_values straight from the POST."""
    collection.save_values(task=task_a, actor=clerk_a, values={HELD: "3"}, notes={HELD: "台\x00账"})
    assert task_a.values.get(key=HELD).note == "台账"
    collection.submit_task(task=task_a, actor=clerk_a)
    task = collection.return_task(task=task_a, actor=office, reason="\x00请核对")
    assert task.return_reason == "请核对"
