"""API fuzzing with schemathesis against the Django WSGI app and its own /api/openapi.json: every operation,
as an office user's machine client (an API token, `Authorization: Bearer`) and without any credentials, must never answer 5xx (`not_a_server_error`), and every documented response must match its
schema (`response_schema_conformance`). Runs in the normal pytest run on SQLite and PostgreSQL; the examples
per operation are bounded (FAZHI_FUZZ_EXAMPLES, default 30): about five minutes for both clients on SQLite."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests import factories

MAX_EXAMPLES = int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "30"))
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The real WSGI handler closes the database connection after each request (close_old_connections), which
    on PostgreSQL ends the test's transaction; Django's own test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(office) -> dict:
    """The headers of an office user's API client: a token issued through the service, as an integrator has."""
    return {"Authorization": f"Bearer {factories.make_token(office, name='模糊测试').key}"}


def _load_schema():
    """The schema the app serves, loaded from the app itself through WSGI (no database needed for it).
    Loaded at collection: schemathesis' lazy `from_fixture` needs pytest < 9 (it sets `node._nodeid`)."""
    from fazhi.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


schema = _load_schema()
FUZZ = settings(
    max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


@schema.parametrize()
@FUZZ
def test_api_fuzz_as_office_token(case, office_token, indicator_data):
    # indicator_data: the factories' org tree with reconsideration and litigation cases across it.
    response = case.call_and_validate(headers=office_token, checks=CHECKS)
    assert response.status_code != 401, "the token must authenticate every operation"


@schema.parametrize()
@FUZZ
def test_api_fuzz_without_credentials(case, indicator_data):
    response = case.call_and_validate(checks=CHECKS)
    if case.path != "/api/openapi.json":
        assert response.status_code in (401, 403, 404, 405), response.status_code  # 403: no CSRF token
