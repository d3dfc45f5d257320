"""期限规则 and 节假日安排 pages: login required, content, admin link."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.law.models import HolidayDay, HolidayYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user("clerk", password="pw-123456789")
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["law:rules", "law:holidays"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_rules_page_lists_rules_with_citation_and_quote(staff_client):
    response = staff_client.get(reverse("law:rules"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "期限规则" in html
    assert "reconsideration.acceptance_review" not in html  # the rule, not its code name
    assert "《中华人民共和国行政复议法》第三十条第一款" in html
    assert "行政复议机关收到行政复议申请后，应当在五日内进行审查。" in html
    assert "工作日" in html and "日历日" in html


def test_holidays_page_shows_coverage_and_entered_days(staff_client):
    HolidayYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知", complete=True)
    HolidayDay.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦", notice="2027年通知")
    response = staff_client.get(reverse("law:holidays"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "节假日安排" in html
    assert "系统内置的国务院办公厅节假日安排" in html and "chinesecalendar" not in html
    assert "2027-01-01" in html and "元旦" in html
    assert "已录入通知：国务院办公厅关于2027年部分节假日安排的通知" in html
    assert "录入节假日需要系统管理员权限" in html  # a clerk without the permission gets no add button


def test_holidays_page_links_admin_for_administrators(client):
    admin = get_user_model().objects.create_superuser("admin", password="pw-123456789")
    client.force_login(admin)
    html = client.get(reverse("law:holidays")).content.decode()
    assert reverse("admin:law_holidayday_add") in html


def test_uncovered_next_year_is_flagged(staff_client):
    # On 2026-11-23 the package covers 2026 but not 2027: the page says so and states the fallback.
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))):
        html = staff_client.get(reverse("law:holidays")).content.decode()
    row = html[html.index("<td>2027年</td>") :]
    row = row[: row.index("</tr>")]
    assert "未录入" in row
    assert "暂按周一至周五为工作日、周六周日为休息日计算" in row


def test_holidays_page_query_count_does_not_grow_with_days(staff_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(reverse("law:holidays")).status_code == 200
        return len(ctx.captured_queries)

    HolidayDay.objects.create(date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
    baseline = count()
    for day in range(1, 29):
        HolidayDay.objects.create(date=dt.date(2027, 2, day), is_workday=False, name="测试")
    assert count() == baseline
