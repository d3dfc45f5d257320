"""API tokens: random, shown once, stored hashed, expiring, revocable; blank or malformed headers are refused."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import ApiToken
from tests import factories

BASE = "/api/reconsideration/cases"

BLANK_OR_MALFORMED = [
    "Bearer",
    "Bearer ",
    "Bearer    ",
    "Bearer \t",
    "Bearer \t ",
    "bearer x",
    "Bearer  x",
    "Bearer\tx",
    "Token abc",
    "Basic YWRtaW46YWRtaW4=",
    "",
    " ",
    "Bearer fz_",
    "Bearer fz_" + "é" * 43,
    "Bearer fz_" + "a" * 43 + " extra",
    "Bearer " + "a" * 400,
]


@pytest.fixture
def superuser(db):
    return factories.make_user("root", is_superuser=True, is_staff=True)


def test_the_admin_no_longer_creates_an_empty_token_that_blank_headers_match(
    client, login, superuser, office
):
    """The attack of issue 8: a token added in the admin had key "", and `Authorization: Bearer` matched it."""
    admin = login(superuser)
    admin.post("/admin/core/apitoken/add/", {"user": office.pk, "name": "对接"})
    admin.post("/admin/core/apitoken/add/", {"user": office.pk, "name": "对接二"})
    assert not ApiToken.objects.filter(key_hash="").exists()
    assert admin.get("/admin/core/apitoken/add/").status_code == 403
    for header in ("Bearer", "Bearer ", "Bearer    ", "Bearer \t"):
        assert client.get(BASE, headers={"Authorization": header}).status_code == 401, repr(header)


@pytest.mark.parametrize("header", BLANK_OR_MALFORMED)
def test_blank_and_malformed_headers_get_401_without_a_lookup(client, office, header):
    factories.make_token(office)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BASE, headers={"Authorization": header})
    assert response.status_code == 401
    assert not [q for q in queries.captured_queries if "core_apitoken" in q["sql"]]


def test_no_header_gets_401(client, office):
    factories.make_token(office)
    assert client.get(BASE).status_code == 401


def test_a_valid_token_works_and_records_its_use(client, office):
    token = factories.make_token(office)
    assert token.key.startswith("fz_") and len(token.key) >= 3 + 43
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key}"}).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_busy_client_writes_its_last_use_at_most_once_a_minute(client, office):
    """Recording every request's use would be a database write per API call (on SQLite it waits behind any
    long write, as sessions saved on every request did)."""
    token = factories.make_token(office)
    auth = {"Authorization": f"Bearer {token.key}"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(BASE, headers=auth).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(BASE, headers=auth).status_code == 200
        assert not [
            q
            for q in queries.captured_queries
            if q["sql"].startswith("UPDATE") and "core_apitoken" in q["sql"]
        ]
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert client.get(BASE, headers=auth).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)


def test_only_a_hash_and_a_short_prefix_are_stored(office):
    token = factories.make_token(office)
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert token.key not in str(row)
    assert row["key_hash"] == hashlib.sha256(token.key.encode()).hexdigest()
    assert row["prefix"] == token.key[:12]


def test_the_right_prefix_with_a_wrong_secret_gets_401(client, office):
    token = factories.make_token(office)
    forged = token.key[:12] + ("A" if token.key[12] != "A" else "B") + token.key[13:]
    assert client.get(BASE, headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key[:-1]}"}).status_code == 401


def test_an_expired_token_gets_401(client, office):
    token = factories.make_token(office, expires_at=timezone.now() + timedelta(days=1))
    headers = {"Authorization": f"Bearer {token.key}"}
    assert client.get(BASE, headers=headers).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert client.get(BASE, headers=headers).status_code == 401


def test_tokens_expire_after_the_default_period(office, settings):
    token = factories.make_token(office)
    assert abs(
        token.expires_at - (timezone.now() + timedelta(days=settings.FAZHI_API_TOKEN_DAYS))
    ) < timedelta(minutes=1)


def test_a_revoked_token_gets_401(client, office):
    from fazhi.core import services

    token = factories.make_token(office)
    services.revoke_token(token=token, actor=office)
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key}"}).status_code == 401


def test_an_inactive_users_token_gets_401(client, office):
    token = factories.make_token(office)
    office.is_active = False
    office.save()
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key}"}).status_code == 401


def test_a_user_creates_two_tokens_on_the_page_and_sees_each_key_once(login, client, office):
    page = login(office)
    assert page.get("/account/tokens/").status_code == 200
    keys = []
    for name in ("统计系统对接", "备份脚本"):
        response = page.post("/account/tokens/", {"name": name})
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
        key = response.context["new_key"]
        assert key and key in response.content.decode()
        keys.append(key)
    assert len(set(keys)) == 2
    assert ApiToken.objects.filter(user=office).count() == 2
    listing = page.get("/account/tokens/").content.decode()
    assert "统计系统对接" in listing and not any(k in listing for k in keys)
    for key in keys:
        assert client.get(BASE, headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_a_token_without_a_name_is_refused_with_a_chinese_message(login, office):
    response = login(office).post("/account/tokens/", {"name": "  "})
    assert "用途" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_user_revokes_an_own_token_on_the_page(login, client, office):
    token = factories.make_token(office)
    response = login(office).post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(BASE, headers={"Authorization": f"Bearer {token.key}"}).status_code == 401


def test_a_user_cannot_revoke_or_list_anothers_tokens(login, office, clerk_a):
    token = factories.make_token(office)
    page = login(clerk_a)
    assert page.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert page.get(f"/account/tokens/?user={office.pk}").status_code == 403
    assert page.post(f"/account/tokens/?user={office.pk}", {"name": "冒用"}).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not ApiToken.objects.filter(user=clerk_a).exists()


def test_a_superuser_creates_and_revokes_a_token_for_a_user(login, client, superuser, office):
    page = login(superuser)
    response = page.post(f"/account/tokens/?user={office.pk}", {"name": "代为创建"})
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=office)
    assert token.created_by == superuser
    assert client.get(BASE, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert page.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert client.get(BASE, headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_the_admin_revokes_tokens_with_an_action(login, superuser, office):
    token = factories.make_token(office)
    response = login(superuser).post(
        "/admin/core/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_creating_and_revoking_are_in_the_operation_log(login, office, sysadmin):
    from fazhi.core import services

    token = factories.make_token(office, name="审计测试")
    services.revoke_token(token=token, actor=office)
    reasons = list(token.history.order_by("history_id").values_list("history_change_reason", "history_user"))
    assert reasons[0][0].startswith("创建 API 令牌“审计测试”") and reasons[0][1] == office.pk
    assert reasons[1][0].startswith("吊销 API 令牌“审计测试”") and reasons[1][1] == office.pk
    log = login(sysadmin).get("/system/operation-log/").content.decode()
    assert "吊销 API 令牌" in log and token.key not in log


def test_the_user_admin_links_to_the_token_page_of_that_user(login, superuser, office):
    html = login(superuser).get(f"/admin/auth/user/{office.pk}/change/").content.decode()
    assert f'href="/account/tokens/?user={office.pk}"' in html


def test_the_admin_shows_a_token_without_its_hash(login, superuser, office):
    token = factories.make_token(office)
    response = login(superuser).get(f"/admin/core/apitoken/{token.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert token.prefix in html and token.key_hash not in html and token.key not in html
