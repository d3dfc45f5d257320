"""Login (账号登录): the form logs in, 5 failures lock the account (django-axes) even against the right password,
the login log (登录日志) shows failures and lockouts to an administrator, idle sessions expire."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
LOGIN_LOG = reverse("core-login-log")


def attempt(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in_as(client):
    return client.get("/").wsgi_request.user


def test_the_login_page(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "账号登录" in response.content.decode()


def test_logging_in_and_out(client, office):
    response = attempt(client, "office", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert logged_in_as(client) == office
    # An authenticated user visiting the login page goes on to the home page.
    assert client.get(LOGIN).status_code == 302
    client.post(reverse("logout"))
    assert not logged_in_as(client).is_authenticated


def test_a_wrong_password_says_so_and_warns_of_the_lock(client, office):
    response = attempt(client, "office", "wrong-password")
    assert response.status_code == 200
    page = response.content.decode()
    assert "用户名或密码错误" in page
    assert "连续失败 5 次将锁定账号 30 分钟" in page
    assert not logged_in_as(client).is_authenticated


def test_five_failures_lock_the_account_even_for_the_right_password(client, office):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "office", "wrong-password").status_code == 200
    fifth = attempt(client, "office", "wrong-password")
    assert fifth.status_code == 429
    sixth = attempt(client, "office", PASSWORD)
    assert sixth.status_code == 429
    assert "账号已暂时锁定" in sixth.content.decode()
    assert not logged_in_as(client).is_authenticated


def test_a_success_resets_the_count(client, office):
    for _ in range(4):
        attempt(client, "office", "wrong-password")
    assert attempt(client, "office", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        attempt(client, "office", "wrong-password")
    assert attempt(client, "office", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, office):
    start = datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            attempt(client, "office", "wrong-password")
        assert attempt(client, "office", PASSWORD).status_code == 429
        clock.move_to(start + timedelta(minutes=31))  # AXES_COOLOFF_TIME = 0.5 hours
        assert attempt(client, "office", PASSWORD).status_code == 302


def test_the_login_log_shows_failures_and_the_lock_to_an_administrator(client, login, sysadmin, office):
    for _ in range(5):
        attempt(client, "office", "wrong-password")
    response = login(sysadmin).get(LOGIN_LOG)
    assert response.status_code == 200
    rows = [r for r in response.context["rows"] if r["username"] == "office"]
    assert len(rows) == 5
    assert {r["result"] for r in rows} <= {"失败", "锁定"}
    assert "锁定" in {r["result"] for r in rows}
    page = response.content.decode()
    assert "当前被锁定：<span data-raw>office</span>（127.0.0.1）" in page
    # Search by user name.
    response = login(sysadmin).get(LOGIN_LOG, {"q": "nobody"})
    assert response.context["rows"] == []


def test_the_login_log_records_successes(client, login, sysadmin, office):
    attempt(client, "office", PASSWORD)
    rows = login(sysadmin).get(LOGIN_LOG).context["rows"]
    assert [(r["username"], r["result"]) for r in rows if r["username"] == "office"] == [("office", "成功")]


def test_the_login_log_is_for_administrators_only(login, office, leader):
    for user in (office, leader):
        assert login(user).get(LOGIN_LOG).status_code == 403


def test_session_expiry_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # Not saved on every request: on SQLite each save is a write that waits behind a long import.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.FAZHI_SESSION_REFRESH_SECONDS == 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_an_idle_session_expires_after_thirty_minutes(client, office):
    start = datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(start, tick=False) as clock:
        attempt(client, "office", PASSWORD)
        # Activity within 30 minutes keeps the session alive (a request saves it again once its last save is a
        # minute old) ...
        clock.move_to(start + timedelta(minutes=25))
        assert client.get("/").status_code == 200
        clock.move_to(start + timedelta(minutes=50))
        assert client.get("/").status_code == 200
        # ... 31 idle minutes end it.
        clock.move_to(start + timedelta(minutes=81))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_page_view_does_not_write_the_session_until_its_refresh_is_due(client, office):
    start = datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(start, tick=False) as clock:
        attempt(client, "office", PASSWORD)
        session = Session.objects.get()
        expiry = session.expire_date
        clock.move_to(start + timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
        assert writes == []
        assert Session.objects.get().expire_date == expiry
        # A minute after the last save the next request saves it again: the expiry moves with the activity.
        clock.move_to(start + timedelta(seconds=61))
        assert client.get("/").status_code == 200
        assert Session.objects.get().expire_date == start + timedelta(seconds=61) + timedelta(minutes=30)
