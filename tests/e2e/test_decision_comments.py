"""A citizen comments on a clause of a 重大行政决策 draft on the portal; the office publishes the comment and answers
it from the decision's page; the portal then shows the comment with its answer (never who wrote it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.decisions import services
from fazhi.decisions.choices import Category
from tests import factories
from tests.decisions.factories import DRAFT
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def draft(transactional_db):
    tree = factories.build_org_tree()
    office = factories.build_personas(tree).office
    today = timezone.localdate()
    d = services.list_decision(
        actor=office, sponsor=tree.unit_a, title="青城市城区集中供热价格调整", category=Category.POLICY,
        year=today.year, listed_on=today - dt.timedelta(days=20),
    )  # fmt: skip
    services.approve_catalog(catalog=d.catalog, actor=office, approved_on=today - dt.timedelta(days=15))
    services.publish_catalog(catalog=d.catalog, actor=office, published_on=today - dt.timedelta(days=10))
    d = services.publish_draft(
        case=d, actor=office, draft_text=DRAFT, comment_start=today - dt.timedelta(days=5),
        comment_end=today + dt.timedelta(days=30),
    )  # fmt: skip
    return tree, d


def test_a_citizen_comments_the_office_answers_the_portal_shows_it(page, live_server, draft):
    tree, d = draft
    portal = f"{live_server.url}/gk/{tree.city.code}/decisions/{d.pk}/"

    # the citizen, without login
    page.goto(portal)
    third = d.clauses.get(heading="第三条")
    page.select_option("#id_clause", str(third.pk))
    page.fill("#id_text", "建议低保边缘家庭也免予调整。")
    page.fill("#id_name", "李四")
    page.fill("#id_contact", "13812345678")
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_url("**?submitted=1*")
    assert "您的意见已提交" in page.locator("[role=status]").inner_text()
    assert "建议低保边缘家庭" not in page.locator("#clause-4").inner_text()  # not shown before moderation

    # the office publishes and answers it
    login(page, live_server, "office", factories.PASSWORD)
    page.goto(f"{live_server.url}/decisions/{d.pk}/")
    page.locator('a[href="#tab-comments"]').click()
    pane = page.locator("#tab-comments")
    assert "138****5678" in pane.inner_text() and "13812345678" not in pane.inner_text()
    pane.get_by_role("button", name="审核").click()
    assert "已审核该意见" in page.locator(".alert-success").inner_text()
    page.locator('a[href="#tab-comments"]').click()
    pane = page.locator("#tab-comments")
    pane.locator('select[name="answer"]').select_option("adopted")
    pane.locator('input[name="reason"][placeholder="答复理由"]').fill("已在第三条增加低保边缘家庭。")
    pane.get_by_role("button", name="答复").click()
    assert "已答复该意见" in page.locator(".alert-success").inner_text()

    # the portal shows the comment and the answer, not the name or the phone
    page.goto(portal)
    clause = page.locator("#clause-4")
    clause.locator("summary").click()
    text = clause.inner_text()
    assert "建议低保边缘家庭也免予调整。" in text
    assert "答复：采纳。已在第三条增加低保边缘家庭。" in text
    assert "李四" not in page.content() and "13812345678" not in page.content()
    screenshot(page, "decision-comment-answered")
