"""Configuration from environment variables: production refuses unsafe settings, and a bad value stops
the start with ImproperlyConfigured naming the variable.

Each case imports the settings module in a fresh interpreter with only the variables under test set,
so nothing of this test process (FAZHI_ENV=test, pytest in sys.modules) leaks into it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD_SECRET = "Zq7-vN2xP9_kLm4Rt8yWb3Hc6Jd1Fs5Ge0Ua-iOpQwErTyUiOpAsDfGhJkL"  # 58 characters, 40+ distinct

PROBE = (
    "import fazhi.settings as s; "
    "print('ENV=' + s.ENVIRONMENT, 'DEBUG=' + str(s.DEBUG), 'ENGINE=' + s.DATABASES['default']['ENGINE'])"
)


def run_settings(tmp_path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    base["FAZHI_VAR_DIR"] = str(tmp_path)
    base.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=base, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


def assert_refused(result: subprocess.CompletedProcess, variable: str) -> None:
    assert result.returncode != 0, f"settings loaded although they should not:\n{result.stdout}"
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured"), result.stderr
    assert variable in last, f"the error does not name {variable}: {last}"


def test_demo_defaults_load(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ENV=demo" in result.stdout
    assert "ENGINE=django.db.backends.sqlite3" in result.stdout


def test_production_with_real_secret_and_debug_off_loads(tmp_path):
    result = run_settings(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY=GOOD_SECRET)
    assert result.returncode == 0, result.stderr
    assert "ENV=production DEBUG=False" in result.stdout


def test_production_refuses_the_demo_secret(tmp_path):
    assert_refused(run_settings(tmp_path, FAZHI_ENV="production"), "FAZHI_SECRET_KEY")


def test_production_refuses_a_short_secret(tmp_path):
    assert_refused(
        run_settings(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY="short"), "FAZHI_SECRET_KEY"
    )


@pytest.mark.parametrize("debug", ["true", "1", "on"])
def test_production_refuses_debug_on(tmp_path, debug):
    result = run_settings(tmp_path, FAZHI_ENV="production", FAZHI_SECRET_KEY=GOOD_SECRET, FAZHI_DEBUG=debug)
    assert_refused(result, "FAZHI_DEBUG")


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_bad_debug_value_is_refused(tmp_path, value):
    assert_refused(run_settings(tmp_path, FAZHI_DEBUG=value), "FAZHI_DEBUG")


@pytest.mark.parametrize(
    "url",
    ["not-a-url", "nosuchdb://user@host/db", "postgres://user:pw@127.0.0.1:notaport/fazhi"],
)
def test_bad_database_url_is_refused(tmp_path, url):
    assert_refused(run_settings(tmp_path, FAZHI_DATABASE_URL=url), "FAZHI_DATABASE_URL")


def test_postgres_database_url_is_used(tmp_path):
    result = run_settings(tmp_path, FAZHI_DATABASE_URL="postgres://u:p@127.0.0.1:5432/fazhi")
    assert result.returncode == 0, result.stderr
    assert "ENGINE=django.db.backends.postgresql" in result.stdout


def test_unknown_environment_is_refused(tmp_path):
    assert_refused(run_settings(tmp_path, FAZHI_ENV="staging"), "FAZHI_ENV")


# -- e-mail of `fazhi remind` (FAZHI_EMAIL_URL) ----------------------------------------------------------


def test_email_url_gives_the_smtp_backend():
    import fazhi.settings as s

    got = s._email_settings("smtp://fazhi%40gov.cn:p%40ss@mail.example.gov.cn:587")
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (got["EMAIL_HOST"], got["EMAIL_PORT"], got["EMAIL_HOST_USER"], got["EMAIL_HOST_PASSWORD"]) == (
        "mail.example.gov.cn",
        587,
        "fazhi@gov.cn",
        "p@ss",
    )
    assert got["EMAIL_USE_TLS"] and not got["EMAIL_USE_SSL"]
    tls = s._email_settings("smtps://u:p@mail.example.gov.cn")
    assert tls["EMAIL_PORT"] == 465 and tls["EMAIL_USE_SSL"] and not tls["EMAIL_USE_TLS"]


def test_a_bad_email_url_is_refused(tmp_path):
    assert_refused(run_settings(tmp_path, FAZHI_EMAIL_URL="http://mail.example.gov.cn"), "FAZHI_EMAIL_URL")


def test_email_defaults_to_the_console_in_the_demo(tmp_path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    base["FAZHI_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import fazhi.settings as s; print(s.EMAIL_BACKEND)"],
        env=base,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend", result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FAZHI_TRUSTED_PROXIES", "127.0.0.1,nginx.local"),
        ("FAZHI_LOG_FORMAT", "xml"),
        ("FAZHI_METRICS_TOKEN", "too-short"),
    ],
)
def test_bad_serving_settings_are_refused(tmp_path, variable, value):
    assert_refused(run_settings(tmp_path, **{variable: value}), variable)


def test_trusted_proxies_default_to_loopback_only_behind_a_proxy(tmp_path):
    probe = "import fazhi.settings as s; print(s.FAZHI_TRUSTED_PROXIES)"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    base["FAZHI_VAR_DIR"] = str(tmp_path)

    def trusted(**env: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", probe], env={**base, **env}, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert trusted() == "[]"
    assert trusted(FAZHI_BEHIND_PROXY="true") == "['127.0.0.1', '::1']"
    assert trusted(FAZHI_BEHIND_PROXY="true", FAZHI_TRUSTED_PROXIES="") == "['127.0.0.1', '::1']"
    assert trusted(FAZHI_TRUSTED_PROXIES="10.0.0.0/8") == "['10.0.0.0/8']"
