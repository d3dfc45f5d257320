"""12345 pages and API: the list (Chinese, filters, constant queries), 受理 through the form, the closed loop's
actions on the page (a refusal is a message), the 分档分类 evaluation page, and the JSON API."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.hotline.choices import Status
from fazhi.hotline.models import Ticket

from . import factories

pytestmark = pytest.mark.django_db
D = date


def listed(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'href="/hotline/(\d+)/"', response.content.decode())}


def messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_list_and_detail_are_chinese(tree, office, login):
    t = factories.dispatched(office, tree.city, tree.unit_a)
    c = login(office)
    page = c.get("/hotline/")
    assert listed(page) == {t.pk}
    text = page.content.decode()
    assert "12345热线工单" in text and "市场监管" in text and "待签收" in text
    detail = c.get(f"/hotline/{t.pk}/").content.decode()
    assert "派单记录" in detail and "自派单" in detail and "签收" in detail
    assert "dispatched" not in re.sub(r"<[^>]+>", "", detail).split("修改历史")[0]


def test_list_query_count_does_not_grow_with_rows(tree, office, login):
    c = login(office)
    factories.dispatched(office, tree.city, tree.unit_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/hotline/").status_code == 200
        return len(ctx.captured_queries)

    queries()
    one = queries()
    for _ in range(10):
        factories.dispatched(office, tree.city, tree.unit_b)
    assert queries() == one


def test_receive_through_the_form(tree, office, login):
    factories.categories()
    c = login(office)
    data = {
        "org": tree.city.pk, "channel": "web", "request_type": "complaint", "category": "0101",
        "urgency": "normal", "caller": "李四", "content": "路灯不亮", "received_on": "2025-10-09",
    }  # fmt: skip
    response = c.post("/hotline/new/", data, follow=True)
    assert "已受理工单" in "".join(messages(response))
    assert Ticket.objects.get().status == Status.RECEIVED


def test_page_actions_and_refusals(tree, office, clerk_a, login):
    t = factories.dispatched(office, tree.city, tree.unit_a)
    ca = login(clerk_a)
    r = ca.post(
        f"/hotline/{t.pk}/action/bounce/", {"bounced_on": "2025-10-09", "reason": "非本单位职责"}, follow=True
    )
    assert "已退单/派单异议" in "".join(messages(r))
    r = ca.post(
        f"/hotline/{t.pk}/action/review/", {"reviewed_on": "2025-10-09", "approved": "1"}, follow=True
    )
    assert "无权" in "".join(messages(r))
    co = login(office)
    r = co.post(
        f"/hotline/{t.pk}/action/review/", {"reviewed_on": "2025-10-09", "approved": "1"}, follow=True
    )
    assert "已审核退单" in "".join(messages(r))
    r = co.post(
        f"/hotline/{t.pk}/action/dispatch/",
        {"unit": tree.county_unit.pk, "dispatched_on": "2025-10-10"},
        follow=True,
    )
    assert Ticket.objects.get(pk=t.pk).unit == tree.county_unit  # the city's subtree includes its counties


def test_evaluation_page(tree, office, login):
    factories.dispatched(office, tree.city, tree.unit_a)
    text = login(office).get("/hotline/evaluation/?year=2025").content.decode()
    assert "分档分类评价" in text and "青城市市场监督管理局" in text and "样本不足" in text


def test_api_round_trip(tree, office, login):
    factories.categories()
    c = login(office)
    r = c.post(
        "/api/hotline/cases",
        {"org_id": tree.city.pk, "caller": "李四", "category": "0203", "content": "超市价格欺诈",
         "received_on": "2025-10-09"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    r = c.post(
        f"/api/hotline/cases/{pk}/actions/dispatch",
        {"unit": tree.unit_b.pk, "dispatched_on": "2025-10-09"},
        content_type="application/json",
    )
    assert (
        r.status_code == 200 and r.json()["due_on"] == "2025-10-15"
    )  # Thu + 5: 10, 11 (调休 Sat), 13, 14, 15
    r = c.post(
        "/api/hotline/cases",
        {
            "org_id": tree.city.pk,
            "caller": "李四",
            "category": "9999",
            "content": "x",
            "received_on": "2025-10-09",
        },
        content_type="application/json",
    )
    assert r.status_code == 400 and "诉求分类" in r.json()["detail"]
    assert [i["id"] for i in c.get("/api/hotline/cases?status=dispatched").json()["items"]] == [pk]
