"""Production serving: /healthz and /readyz, request ids and the request log, /metrics and who may read it,
and the client address behind the trusted proxy (the login lockout keys on it)."""

from __future__ import annotations

import json
import logging

import pytest
from axes.models import AccessAttempt
from django.db import DatabaseError
from django.urls import reverse

from fazhi.core import health
from fazhi.core.clientip import client_ip
from fazhi.core.health import QueueState, queue_state, register_queue_probe
from tests.factories import PASSWORD

LOGIN = reverse("login")
TOKEN = "m" * 16 + "etrics-token-for-tests-0123456789"
PROXY_HEADERS = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}


# --- /healthz and /readyz --------------------------------------------------------------------------------


def test_healthz_answers_without_the_database_or_a_login(client):
    response = client.get("/healthz")  # no django_db mark: any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the production backend
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}
    state = queue_state(counts=True)
    assert state.ok and state.depth == 0 and state.failed == 0


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr(health, "database_ok", lambda: (False, "OperationalError"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "OperationalError", "queue": "database unavailable"},
    }


@pytest.mark.django_db
def test_readyz_is_503_when_the_queue_probe_fails_and_names_only_the_class(client, monkeypatch):
    def broken(backend, counts):
        raise DatabaseError("could not connect to server at 10.0.0.5 as user secret_user")

    monkeypatch.setattr(health, "_PROBES", [])
    register_queue_probe("django_tasks.", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "DatabaseError"
    assert "secret_user" not in response.content.decode()


@pytest.mark.django_db
def test_another_backend_registers_its_own_probe(monkeypatch):
    monkeypatch.setattr(health, "_PROBES", list(health._PROBES))
    register_queue_probe("django_tasks.backends.immediate.", lambda b, c: QueueState(ok=True, depth=7))
    assert queue_state(counts=True).depth == 7
    monkeypatch.setattr(health, "_PROBES", [])
    assert queue_state().detail == "unchecked"


def test_probes_need_no_allowed_host_nor_https(client, settings):
    # A load balancer or systemd probing 127.0.0.1:8000 over http, whatever the site's name.
    settings.ALLOWED_HOSTS = ["fazhi.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/login/", HTTP_HOST="10.0.0.7:8000").status_code == 400


# --- request ids and the request log ----------------------------------------------------------------------


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_an_incoming_request_id_is_kept_and_a_bad_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c")["X-Request-ID"] == "nginx-4f2a9c"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert replaced != "bad id\nwith newline" and len(replaced) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="x" * 200)["X-Request-ID"] != "x" * 200


@pytest.mark.django_db
def test_the_request_log_names_the_id_status_and_client_but_not_the_query(client, caplog, settings):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    with caplog.at_level(logging.INFO, logger="fazhi.request"):
        client.get(LOGIN + "?q=张三", HTTP_X_REQUEST_ID="abc-1", **PROXY_HEADERS)
    [record] = [r for r in caplog.records if r.name == "fazhi.request"]
    assert record.request_id == "abc-1"
    assert record.status == 200 and record.path == LOGIN and record.client_ip == "203.0.113.5"
    assert "张三" not in record.getMessage()


@pytest.mark.django_db
def test_json_log_lines_carry_the_request_id(client, settings):
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        **{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    )
    from fazhi.core.observability import RequestIdFilter

    captured: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            captured.append(formatter.format(record))

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("fazhi.request")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        client.get(LOGIN, HTTP_X_REQUEST_ID="abc-2")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    line = json.loads(captured[-1])
    assert line["request_id"] == "abc-2" and line["level"] == "INFO" and line["status"] == 200
    assert line["logger"] == "fazhi.request" and "time" in line


# --- /metrics ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_from_this_machine_directly(client):
    client.get(LOGIN)
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'fazhi_http_request_duration_seconds_count{method="GET",status="200",view="login"}' in text
    assert "fazhi_task_queue_up 1.0" in text
    assert 'fazhi_import_jobs{status="failed"}' in text


@pytest.mark.django_db
def test_metrics_count_queued_and_failed_tasks(client, monkeypatch):
    monkeypatch.setattr(health, "_PROBES", [])
    register_queue_probe(
        "django_tasks.",
        lambda b, c: QueueState(ok=True, depth=3, failed=2, by_status={"READY": 3, "FAILED": 2}),
    )
    text = client.get("/metrics").content.decode()
    assert "fazhi_task_queue_depth 3.0" in text
    assert "fazhi_task_failures 2.0" in text
    assert 'fazhi_task_results{status="FAILED"} 2.0' in text


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},  # another machine
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},  # the public, through nginx
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.9"},
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer wrong-token"},
    ],
)
def test_metrics_are_hidden_from_everyone_else(client, settings, meta):
    settings.FAZHI_METRICS_TOKEN = TOKEN
    response = client.get("/metrics", **meta)
    assert response.status_code == 404
    assert b"fazhi_" not in response.content


@pytest.mark.django_db
def test_metrics_with_the_token_from_anywhere(client, settings):
    settings.FAZHI_METRICS_TOKEN = TOKEN
    response = client.get("/metrics", REMOTE_ADDR="10.0.0.8", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200


def test_without_a_token_setting_no_bearer_is_accepted(client, settings):
    settings.FAZHI_METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.8", HTTP_AUTHORIZATION="Bearer ").status_code == 404


# --- the client address behind the trusted proxy, and the lockout -----------------------------------------


class _Req:
    def __init__(self, **meta):
        self.META = meta


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        # Through nginx on this machine: the address nginx appended.
        (["127.0.0.1"], {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        # A client's own invented entries on the left are never reached.
        (
            ["127.0.0.1"],
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"},
            "203.0.113.5",
        ),
        # Two proxies we trust (a load balancer, then nginx).
        (
            ["127.0.0.1", "10.0.0.0/8"],
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5, 10.1.2.3"},
            "203.0.113.5",
        ),
        # Not from a trusted peer: the header is ignored.
        (
            ["127.0.0.1"],
            {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "203.0.113.5"},
            "198.51.100.7",
        ),
        # No proxy trusted at all (the default without FAZHI_BEHIND_PROXY).
        ([], {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "127.0.0.1"),
        # Garbage written by the client where nginx's entry should be: the peer.
        (["127.0.0.1"], {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-ip"}, "127.0.0.1"),
        (["127.0.0.1"], {"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    ],
)
def test_client_ip(settings, trusted, meta, expected):
    settings.FAZHI_TRUSTED_PROXIES = trusted
    assert client_ip(_Req(**meta)) == expected


def _fail(client, **meta):
    return client.post(LOGIN, {"username": "office", "password": "wrong-password"}, **meta)


@pytest.mark.django_db
def test_the_lockout_keys_on_the_forwarded_address_through_the_trusted_proxy(client, settings, office):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    via_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(4):
        assert _fail(client, **via_proxy).status_code == 200
    assert _fail(client, **via_proxy).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Another client behind the same nginx is not locked out with the first one.
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    response = client.post(LOGIN, {"username": "office", "password": PASSWORD}, **other)
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forwarded_header_from_an_untrusted_peer_does_not_escape_the_lockout(client, settings, office):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(4):
        _fail(client, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    assert _fail(client, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_latency_histogram_made_once_when_threads_race_for_it(monkeypatch):
    """Found by scripts/multiprocess-test: the first requests of a gunicorn worker arrive on several threads at
    once, and each created the histogram: every one but the first got DuplicateTimeseries, a 500 on /login/."""
    import threading
    import time

    import prometheus_client

    from fazhi.core import metrics

    if metrics._make_latency.cache_info().currsize:
        prometheus_client.REGISTRY.unregister(metrics._latency())
    metrics._make_latency.cache_clear()
    real = prometheus_client.Histogram

    def slow_histogram(*args, **kwargs):
        time.sleep(0.05)  # widen the window between the cache miss and the registration
        return real(*args, **kwargs)

    monkeypatch.setattr(prometheus_client, "Histogram", slow_histogram)
    barrier = threading.Barrier(4)
    made, errors = [], []

    def first_request():
        barrier.wait()
        try:
            made.append(metrics._latency())
        except Exception as exc:  # noqa: BLE001 - the test reports what the race raised
            errors.append(exc)

    threads = [threading.Thread(target=first_request) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({id(h) for h in made}) == 1
