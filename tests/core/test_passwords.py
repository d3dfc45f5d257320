"""Password rules (等保 身份鉴别): Django's validators plus letters-and-digits, a change-password page for every
user, a forced change of an initial password set by an administrator, and optional expiry."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from fazhi.core.models import PasswordState
from fazhi.demo import city as demo
from tests import factories

CHINESE = re.compile(r"[\u4e00-\u9fff]")
GOOD = "Qingcheng2026x"


@pytest.mark.parametrize(
    "password",
    [
        "12345678",
        "password",
        "abcdefgh",
        "abc12",
        "Password",
        "qwertyuiop",
        "20262026",
        "office2025",
        "中文密码很长很长",
    ],
)
def test_weak_passwords_are_refused_with_chinese_messages(db, password):
    user = get_user_model()(username="office", first_name="王")
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user)
    assert all(CHINESE.search(m) for m in exc.value.messages), exc.value.messages


@pytest.mark.parametrize("password", [GOOD, factories.PASSWORD, "e2e-Secret-2026", "Fz-test-2025!"])
def test_passwords_with_letters_and_digits_pass(db, password):
    validate_password(password, get_user_model()(username="office"))


def test_demo_passwords_satisfy_the_rules(db, monkeypatch):
    monkeypatch.delenv("FAZHI_DEMO_PASSWORD", raising=False)
    for _ in range(300):
        validate_password(demo.generate_password())


def test_a_user_changes_the_own_password_on_the_page(login, office):
    page = login(office)
    assert page.get("/account/password/").status_code == 200
    response = page.post(
        "/account/password/",
        {"old_password": factories.PASSWORD, "new_password1": GOOD, "new_password2": GOOD},
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.check_password(GOOD)
    assert page.get("/reconsideration/").status_code == 200  # the session survives the change
    assert PasswordState.objects.get(user=office).changed_at is not None


def test_the_page_refuses_a_wrong_old_password_and_a_weak_new_one(login, office):
    page = login(office)
    wrong = page.post(
        "/account/password/", {"old_password": "nope", "new_password1": GOOD, "new_password2": GOOD}
    )
    assert "旧密码不正确" in wrong.content.decode()
    weak = page.post(
        "/account/password/",
        {"old_password": factories.PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "这个密码太常见了" in weak.content.decode()
    office.refresh_from_db()
    assert office.check_password(factories.PASSWORD)


def _admin(db):
    root = factories.make_user("root", is_superuser=True, is_staff=True)
    c = Client()
    c.force_login(root)
    return c


def _log_in(username: str, password: str) -> Client:
    c = Client()
    response = c.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return c


def test_a_user_created_in_the_admin_must_change_the_initial_password(db):
    admin = _admin(db)
    response = admin.post(
        "/admin/auth/user/add/",
        {"username": "newclerk", "usable_password": "true", "password1": GOOD, "password2": GOOD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newclerk")
    assert PasswordState.objects.get(user=user).must_change
    page = _log_in("newclerk", GOOD)
    response = page.get("/reconsideration/")
    assert response.status_code == 302 and response["Location"] == "/account/password/"
    assert page.get("/api/reconsideration/cases").status_code == 403
    assert "首次登录或密码被管理员重置" in page.get("/account/password/").content.decode()
    new = "Another2026pw"
    page.post("/account/password/", {"old_password": GOOD, "new_password1": new, "new_password2": new})
    assert page.get("/reconsideration/").status_code == 200


def test_a_password_reset_by_the_admin_must_be_changed(db, office):
    admin = _admin(db)
    response = admin.post(
        f"/admin/auth/user/{office.pk}/password/",
        {"usable_password": "true", "password1": GOOD, "password2": GOOD},
    )
    assert response.status_code == 302
    assert PasswordState.objects.get(user=office).must_change
    assert _log_in("office", GOOD).get("/").status_code == 302


def test_the_forced_change_can_be_turned_off(db, office, settings):
    PasswordState.objects.create(user=office, must_change=True)
    settings.FAZHI_FORCE_PASSWORD_CHANGE = False
    assert _log_in("office", factories.PASSWORD).get("/reconsideration/").status_code == 200


def test_demo_users_are_not_forced_to_change(db):
    demo.load_org_tree()
    demo.create_users("Demo2026pass")
    assert _log_in(demo.DEMO_USERS[0].username, "Demo2026pass").get("/reconsideration/").status_code == 200


def test_passwords_expire_when_a_maximum_age_is_set(db, office, settings):
    page = _log_in("office", factories.PASSWORD)
    assert page.get("/reconsideration/").status_code == 200
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        page = Client()
        page.force_login(office)
        response = page.get("/reconsideration/")
        assert response["Location"] == "/account/password/"
        assert "超过 90 天" in page.get("/account/password/").content.decode()
        page.post(
            "/account/password/",
            {"old_password": factories.PASSWORD, "new_password1": GOOD, "new_password2": GOOD},
        )
        assert page.get("/reconsideration/").status_code == 200
