"""依申请公开 end to end in Chromium (issue 15 §6): a citizen applies on the portal, the office answers within the
clock (政府信息公开条例 第三十三条: 20 working days from receipt), and the figures move on the dashboard: received,
answered, answered on time, the on-time rate."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.disclosure.models import Application
from tests import factories
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

KEYS = (
    "disclosure.applications_received",
    "disclosure.applications",
    "disclosure.answered_on_time",
    "disclosure.on_time_rate",
)


def figures(page, live_server, org, year: int) -> dict[str, str]:
    """The dashboard's value of each key, as the page shows it ("" when the row is not there)."""
    page.goto(f"{live_server.url}{reverse('indicators:dashboard')}?org={org.pk}&year={year}&all=1")
    out = {}
    for key in KEYS:
        cell = page.locator(f'td.fig-value[data-key="{key}"]')
        out[key] = cell.first.inner_text().strip() if cell.count() else ""
    return out


def test_a_citizen_applies_the_office_answers_in_time_and_the_figures_move(
    page, live_server, transactional_db
):
    tree = factories.build_org_tree()
    people = factories.build_personas(tree)
    today = timezone.localdate()

    login(page, live_server, people.office.username, factories.PASSWORD)
    before = figures(page, live_server, tree.city, today.year)
    assert before["disclosure.applications_received"] in ("", "0"), before
    assert before["disclosure.applications"] in ("", "0"), before
    page.context.clear_cookies()

    # the citizen, on the portal, with no account
    page.goto(f"{live_server.url}/gk/{tree.city.code}/")
    page.get_by_role("link", name="依申请公开").first.click()
    page.select_option("#id_unit", str(tree.unit_a.pk))
    page.fill("#id_applicant", "李四")
    page.select_option("#id_applicant_class", "person")
    page.fill("#id_contact", "lisi@example.cn")
    page.fill("#id_content", "本市2025年城市供热价格调整的听证报告")
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    assert "申请已提交" in page.content()
    application = Application.objects.get()
    assert application.received_on == today and application.answered_on is None

    # the office: the new application counts as received, not yet as answered
    login(page, live_server, people.office.username, factories.PASSWORD)
    received = figures(page, live_server, tree.city, today.year)
    assert received["disclosure.applications_received"] == "1", received
    assert received["disclosure.applications"] in ("", "0"), received

    # it answers on the day, well inside the 20 working days
    page.goto(f"{live_server.url}{reverse('disclosure:detail', args=[application.pk])}")
    form = page.locator('form[data-action="answer"]')
    form.locator("#answer-answered_on").fill(today.isoformat())
    page.evaluate(
        """() => { const e = document.querySelector('#answer-answer');
            if (e.tomselect) { e.tomselect.setValue('disclosed'); }
            else { e.value = 'disclosed'; e.dispatchEvent(new Event('change', {bubbles: true})); } }"""
    )
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".alert-success").count(), page.locator("body").inner_text()[:1500]
    application.refresh_from_db()
    assert (application.status, application.answered_on, application.answer) == (
        "answered",
        today,
        "disclosed",
    )

    after = figures(page, live_server, tree.city, today.year)
    screenshot(page, "disclosure-dashboard-after-answer")
    assert after["disclosure.applications_received"] == "1", after
    assert after["disclosure.applications"] == "1", after
    assert after["disclosure.answered_on_time"] == "1", after
    assert after["disclosure.on_time_rate"].startswith("100"), after
