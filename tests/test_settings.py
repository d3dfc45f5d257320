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
