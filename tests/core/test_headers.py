"""Response headers and deployment settings: CSP without inline scripts, no caching of what a logged-in user
sees, HTTPS in production behind FAZHI_HTTPS, and a production guard on the secret key."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import fazhi
from tests import factories

SRC = Path(fazhi.__file__).resolve().parent
GOOD_SECRET = "Zq7-vN2xP9_kLm4Rt8yWb3Hc6Jd1Fs5Ge0Ua-iOpQwErTyUiOpAsDfGhJkL"


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


# -- Content-Security-Policy ------------------------------------------------------------------------------
def test_pages_carry_a_csp_that_refuses_inline_scripts(login, office, client):
    for response in (client.get("/login/"), login(office).get("/reconsideration/")):
        csp = _directives(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in csp["style-src-elem"] and "'unsafe-eval'" not in csp["script-src"]


def _templates():
    return sorted(SRC.glob("**/templates/**/*.html"))


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(SRC)))
def test_templates_have_no_inline_script_or_event_handler(path):
    text = path.read_text(encoding="utf-8")
    inline = [m for m in re.findall(r"<script\b[^>]*>", text) if "src=" not in m]
    assert not inline, f"inline <script> in {path.name}: {inline}"
    assert not re.search(r"\son[a-z]+\s*=", text), f"event-handler attribute in {path.name}"
    assert "javascript:" not in text
    assert "<style" not in text


def test_rendered_pages_have_no_inline_script(login, office, indicator_data):
    page = login(office)
    for url in (
        "/",
        "/reconsideration/",
        "/litigation/",
        "/indicators/",
        "/account/tokens/",
        "/account/password/",
    ):
        html = page.get(url, follow=True).content.decode()
        for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, flags=re.S):
            assert "src=" in tag or 'type="application/json"' in tag, f"{url}: {tag}{body[:80]}"


# -- Cache-Control ----------------------------------------------------------------------------------------
def test_authenticated_pages_exports_and_api_are_not_stored(login, office, indicator_data, client):
    page = login(office)
    for url in ("/reconsideration/", "/indicators/", "/indicators/export.xlsx", "/account/tokens/"):
        response = page.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    token = factories.make_token(office)
    response = client.get("/api/reconsideration/cases", headers={"Authorization": f"Bearer {token.key}"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_static_files_stay_cacheable_for_a_logged_in_user(login, office):
    response = login(office).get("/static/fazhi/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# -- production settings ----------------------------------------------------------------------------------
def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.update(FAZHI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="fazhi.settings", **extra)
    return env


def _probe(tmp_path, **extra) -> subprocess.CompletedProcess:
    code = (
        "import fazhi.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=_env(tmp_path, **extra),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_production_uses_https_with_hsts_by_default(tmp_path):
    result = _probe(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY=GOOD_SECRET)
    assert result.stdout.split() == ["True", "31536000", "True", "True"], result.stderr


def test_an_intranet_on_plain_http_turns_https_off(tmp_path):
    result = _probe(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY=GOOD_SECRET, FAZHI_HTTPS="false")
    assert result.stdout.split() == ["False", "0", "False", "False"], result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "a" * 64,
        "abcde" * 12,
        "0123456789" * 6,
        "django-insecure-" + GOOD_SECRET,
        GOOD_SECRET[:49],
        "fazhi-demo-secret-key-do-not-use-in-production",
    ],
)
def test_production_refuses_a_low_entropy_secret_key(tmp_path, key):
    result = _probe(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY=key)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured") and "FAZHI_SECRET_KEY" in last


def test_check_deploy_with_production_settings_prints_no_warning(tmp_path):
    fazhi_cmd = Path(sys.executable).with_name("fazhi")
    result = subprocess.run(
        [str(fazhi_cmd), "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(
            tmp_path,
            FAZHI_ENV="production",
            FAZHI_SECRET_KEY=GOOD_SECRET,
            FAZHI_ALLOWED_HOSTS="fazhi.example.gov.cn",
        ),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_chart_data_cannot_break_out_of_its_script_element(login, office, tree, indicator_data):
    """The dashboard used to paste json.dumps(...)|safe into an inline script: a unit named "</script>…" ran."""
    tree.unit_a.name = "</script><script>alert(1)</script>"
    tree.unit_a.save()
    html = login(office).get(f"/indicators/?org={tree.city.pk}&year=2025").content.decode()
    assert 'id="dashboard-data"' in html
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html  # the name is in the data, escaped
    assert "<script>alert(1)" not in html
