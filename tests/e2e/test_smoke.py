"""Smoke: a person signs in through the login page and lands on the home page, styled and in Chinese."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-Secret-2026"


def test_login_lands_on_home(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("e2e-admin", "e2e-admin@example.com", PASSWORD)
    failed_responses: list[str] = []
    page.on("response", lambda r: failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    # Anonymous visitors are sent to the login page.
    page.goto(live_server.url + reverse("home"))
    assert urlparse(page.url).path == reverse("login")
    assert "登录" in page.title()
    screenshot(page, "smoke-login")

    login(page, live_server, "e2e-admin", PASSWORD)

    assert urlparse(page.url).path == reverse("home")
    assert "法治" in page.title()
    assert page.get_by_text("法治").first.is_visible()
    # The vendored stylesheet was served and applied (Tabler sets the body font; unstyled pages use serif).
    assert "serif" != page.evaluate("getComputedStyle(document.body).fontFamily").strip().lower()
    path = screenshot(page, "smoke-home")
    assert path.stat().st_size > 10_000

    assert failed_responses == []
    assert page.js_errors == []


def test_wrong_password_stays_on_login_page(page, live_server, django_user_model):
    django_user_model.objects.create_user("e2e-clerk", password=PASSWORD)
    with pytest.raises(AssertionError, match="still on the login page"):
        login(page, live_server, "e2e-clerk", "not-the-password")
    assert page.locator(".alert-danger").is_visible()
    assert "用户名或密码错误" in page.locator(".alert-danger").inner_text()
