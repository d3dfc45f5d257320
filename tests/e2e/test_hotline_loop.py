"""A 12345 ticket's closed loop in Chromium: 受理 → 派单 → 退单 (the unit's clerk, who sees the caller's phone
masked) → 退单审核 and re-dispatch → 回复 late → 办结 → 回访; the overdue clock on the page counts the working days
from the re-dispatch, and the reply is marked 超期."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import DictItem, Membership, Org
from fazhi.hotline.choices import CATEGORY_DICT
from fazhi.hotline.models import Ticket
from fazhi.law.calendar import WorkCalendar
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-Secret-2026"
PHONE = "13912345678"


def choose(page, selector: str, value) -> None:
    """Pick a value in a select, whether tom-select enhanced it or not."""
    page.evaluate(
        """([sel, v]) => { const e = document.querySelector(sel);
            if (e.tomselect) { e.tomselect.setValue(v); }
            else { e.value = v; e.dispatchEvent(new Event('change', {bubbles: true})); } }""",
        [selector, str(value)],
    )


def act(page, action: str, fields: dict[str, str], selects: dict[str, object] | None = None) -> None:
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        form.locator(f"#{action}-{name}").fill(value)
    for name, value in (selects or {}).items():
        choose(page, f"#{action}-{name}", value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".alert-success").count(), page.locator("body").inner_text()[:1500]


def working_days_after(start, n: int):
    """The n-th working day after `start`, counted one day at a time (the statutory calendar's workdays)."""
    cal, day = WorkCalendar(), start
    while n:
        day += timedelta(days=1)
        if cal.is_workday(day):
            n -= 1
    return day


def test_ticket_loop_with_bounce_and_late_reply(page, live_server, django_user_model):
    city = Org.objects.create(code="990000", name="青川市", kind="city")
    unit_a = Org.objects.create(code="990000-sj", name="青川市市场监管局", kind="unit", parent=city)
    unit_b = Org.objects.create(code="990000-cg", name="青川市城市管理局", kind="unit", parent=city)
    DictItem.objects.get_or_create(
        category=CATEGORY_DICT, code="0203", defaults={"label": "市场监管", "sort": 1}
    )
    office = django_user_model.objects.create_user("office", password=PASSWORD, first_name="热线办")
    Membership.objects.create(user=office, org=city, role="office")
    clerk = django_user_model.objects.create_user("clerk", password=PASSWORD, first_name="王丽")
    Membership.objects.create(user=clerk, org=unit_a, role="clerk")
    today = timezone.localdate()
    received = today - timedelta(days=40)
    bounced, redispatched = received + timedelta(days=1), received + timedelta(days=2)

    # 受理
    login(page, live_server, "office", PASSWORD)
    page.goto(live_server.url + reverse("hotline:create"))
    choose(page, "#id_org", city.pk)
    choose(page, "#id_channel", "phone")
    choose(page, "#id_request_type", "complaint")
    choose(page, "#id_category", "0203")
    choose(page, "#id_urgency", "normal")
    page.fill("#id_caller", "李四")
    page.fill("#id_phone", PHONE)
    page.fill("#id_content", "超市出售过期食品")
    page.fill("#id_received_on", received.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="登记").click()
    assert re.search(r"/hotline/\d+/$", page.url), page.locator("body").inner_text()[:1500]
    ticket = Ticket.objects.get()
    detail = page.url

    # 派单 to unit A
    act(page, "dispatch", {"dispatched_on": received.isoformat()}, {"unit": unit_a.pk})

    # the unit's clerk: the phone masked, no 查看完整; 退单 with a reason
    page.context.clear_cookies()
    login(page, live_server, "clerk", PASSWORD)
    page.goto(detail)
    body = page.locator("#tab-info").inner_text()
    assert "139****5678" in body and PHONE not in page.content() and "查看完整" not in page.content()
    act(page, "bounce", {"bounced_on": bounced.isoformat(), "reason": "食品安全投诉应由城市管理局处理"})

    # the office approves the bounce and dispatches again, to unit B: the clock starts again
    page.context.clear_cookies()
    login(page, live_server, "office", PASSWORD)
    page.goto(detail)
    act(page, "review", {"reviewed_on": redispatched.isoformat()}, {"approved": "1"})
    act(page, "dispatch", {"dispatched_on": redispatched.isoformat()}, {"unit": unit_b.pk})
    due = working_days_after(redispatched, 5)  # 一般诉求 5 个工作日, the default setting
    ticket.refresh_from_db()
    assert (ticket.unit, ticket.due_on, ticket.bounce_count) == (unit_b, due, 1)
    clock = page.locator(".due-overdue").first.inner_text()
    assert clock == f"{due:%Y-%m-%d}（已超期{(today - due).days}日）", clock
    screenshot(page, "hotline-overdue")

    # 回复 (late), 办结, 回访
    act(page, "sign", {"signed_on": redispatched.isoformat()})
    act(page, "reply", {"replied_on": today.isoformat(), "reply": "已责令超市下架并处罚"})
    assert "超期" in page.locator("#tab-info").inner_text()
    act(page, "close", {"closed_on": today.isoformat()})
    act(page, "visit", {"visited_on": today.isoformat()}, {"satisfaction": "satisfied"})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.on_time, ticket.satisfaction) == ("closed", False, "satisfied")
    assert [a.unit for a in ticket.assignments.order_by("id")] == [unit_a, unit_b]
