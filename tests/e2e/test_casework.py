"""A new user runs a reconsideration case from application to decision and sees the dashboard figure move."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.models import Membership, Org
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-Secret-2026"


def corrected_figure(page) -> str:
    return page.locator('td.fig-value[data-key="reconsideration.corrected"]').inner_text().strip()


def test_register_accept_decide_moves_the_dashboard(page, live_server, django_user_model):
    city = Org.objects.create(code="990000", name="青川市", kind="city")
    numbering.set_prefix(city, "reconsideration", "青府复")
    unit = Org.objects.create(code="990000-scjg", name="青川市市场监管局", kind="unit", parent=city)
    user = django_user_model.objects.create_user("office", password=PASSWORD, first_name="法治办")
    Membership.objects.create(user=user, org=city, role="office")
    today = timezone.localdate()
    received = today.replace(day=1)

    login(page, live_server, "office", PASSWORD)
    assert corrected_figure(page) == "0"

    # 登记申请
    page.goto(live_server.url + reverse("reconsideration:create"))
    page.select_option("#id_org", str(city.pk))
    page.evaluate(f"document.querySelector('#id_respondent').tomselect.setValue('{unit.pk}')")
    page.fill("#id_received_on", received.isoformat())
    page.fill("#id_applicant_name", "张三")
    page.select_option("#id_applicant_kind", "person")  # 请选择 first: the form does not decide for the user
    page.select_option("#id_act_type", "penalty")
    page.fill("#id_act_description", "对张三作出罚款五千元的行政处罚决定")
    page.get_by_role("button", name="登记").click()
    page.wait_for_url(re.compile(r"/reconsideration/\d+/$"))
    assert f"青府复〔{today.year}〕1号" in page.locator(".page-title").inner_text()
    assert "已登记复议申请" in page.locator(".alert-success").inner_text()

    # 受理
    accept = page.locator('form[data-action="accept"]')
    accept.locator("#accept-accepted_on").fill(received.isoformat())
    accept.get_by_role("button", name="受理").click()
    assert "已受理" in page.locator(".alert-success").inner_text()
    assert "审理中" in page.locator(".page-title").inner_text()

    # 作出决定：撤销 (a 纠错 decision)
    decide = page.locator('form[data-action="decide"]')
    decide.locator("#decide-decision").select_option("revoke")
    decide.locator("#decide-decided_on").fill(today.isoformat())
    decide.get_by_role("button", name="作出决定").click()
    assert "已作出决定" in page.locator(".alert-success").inner_text()
    screenshot(page, "casework-decided")

    # The deadline tab explains itself; the history tab names the actor.
    page.get_by_role("tab", name="修改历史").click()
    assert "法治办" in page.locator("#tab-history").inner_text()

    page.goto(live_server.url + reverse("home"))
    assert corrected_figure(page) == "1"
    screenshot(page, "casework-home-after")

    # The figure drills down to the record behind it.
    page.locator('td.fig-value[data-key="reconsideration.corrected"] a').click()
    assert "青府复" in page.locator("table").inner_text()
