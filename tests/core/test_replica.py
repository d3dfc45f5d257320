"""The read replica (fazhi.core.replica, FAZHI_DATABASE_REPLICA_URL).

The router's rules are tested everywhere with a pretend replica (no query reaches it). The tests marked `replica`
need a real PostgreSQL streaming replica: scripts/test starts one (scripts/pg replica) and runs them with
FAZHI_DATABASE_URL and FAZHI_DATABASE_REPLICA_URL set; elsewhere they are skipped with that reason."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core import replica
from fazhi.core.models import Org
from fazhi.core.replica import REPLICA, ReplicaMiddleware, ReplicaRouter, ReplicaStatus, use_replica

DASHBOARD = "/indicators/"
router = ReplicaRouter()


@pytest.fixture
def pretend_replica(monkeypatch):
    """A configured, reachable replica 0 s behind, as far as the router knows (queries never go there)."""
    status = {"now": ReplicaStatus(ok=True, lag=0.0, detail="lag 0.0s")}
    monkeypatch.setattr(replica, "configured", lambda: True)
    monkeypatch.setattr(replica, "replica_status", lambda fresh=False: status["now"])
    return status


# ---------------------------------------------------------------------------------------------------------
# Settings


def test_without_the_setting_there_is_no_replica_and_reads_stay_on_default():
    if "FAZHI_DATABASE_REPLICA_URL" in os.environ:
        pytest.skip("this run has a replica (scripts/test's replica step)")
    assert REPLICA not in django_settings.DATABASES
    assert replica.replica_status() is None
    with use_replica():
        assert router.db_for_read(Org) is None  # Django's default: `default`
    assert replica.lag_notice() == ""


def _settings(tmp_path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    base.update(FAZHI_VAR_DIR=str(tmp_path), **env)
    probe = (
        "import fazhi.settings as s; r = s.DATABASES['replica']; "
        "print(r['ENGINE'], r['HOST'], r['PORT'], r['NAME'], r['TEST'], r['OPTIONS'], s.DATABASE_ROUTERS)"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], env=base, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


def test_the_replica_url_gives_a_replica_alias_mirroring_default_in_tests(tmp_path):
    result = _settings(
        tmp_path,
        FAZHI_DATABASE_URL="postgres://u:p@127.0.0.1:5432/fazhi",
        FAZHI_DATABASE_REPLICA_URL="postgres://u:p@10.0.0.2:5433/fazhi",
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql 10.0.0.2 5433 fazhi {'MIRROR': 'default'}" in result.stdout
    assert "'connect_timeout': 3" in result.stdout
    assert "fazhi.core.replica.ReplicaRouter" in result.stdout


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"FAZHI_DATABASE_REPLICA_URL": "not-a-url"}, "FAZHI_DATABASE_REPLICA_URL"),
        (  # a SQLite primary with a PostgreSQL replica cannot be a replica of it
            {"FAZHI_DATABASE_REPLICA_URL": "postgres://u:p@127.0.0.1:5433/fazhi"},
            "FAZHI_DATABASE_REPLICA_URL",
        ),
        ({"FAZHI_REPLICA_LAG_MAX": "soon"}, "FAZHI_REPLICA_LAG_MAX"),
    ],
)
def test_bad_replica_settings_are_refused(tmp_path, env, variable):
    result = _settings(tmp_path, **env)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured") and variable in last, result.stderr


# ---------------------------------------------------------------------------------------------------------
# The router's rules


def test_reads_go_to_the_replica_only_inside_the_scope(pretend_replica):
    assert router.db_for_read(Org) is None
    with use_replica():
        assert router.db_for_read(Org) == REPLICA
        with use_replica():  # nested
            assert router.db_for_read(Org) == REPLICA
        assert router.db_for_read(Org) == REPLICA
        assert replica.used_replica()
    assert router.db_for_read(Org) is None


def test_after_a_write_every_read_stays_on_the_primary(pretend_replica):
    with use_replica():
        assert router.db_for_read(Org) == REPLICA
        assert router.db_for_write(Org) == "default"
        assert router.db_for_read(Org) is None
        with use_replica():
            assert router.db_for_read(Org) is None


def test_sessions_and_the_lockout_tables_are_always_read_from_the_primary(pretend_replica):
    from axes.models import AccessAttempt

    with use_replica():
        assert router.db_for_read(Session) is None
        assert router.db_for_read(AccessAttempt) is None


def test_a_replica_that_is_down_or_too_far_behind_is_skipped(pretend_replica):
    with use_replica():
        pretend_replica["now"] = ReplicaStatus(ok=False, detail="unavailable (OperationalError)")
        assert router.db_for_read(Org) is None
        pretend_replica["now"] = ReplicaStatus(ok=False, lag=900.0, detail="lag 900s > 300s")
        assert router.db_for_read(Org) is None
        pretend_replica["now"] = ReplicaStatus(ok=True, lag=2.0)
        assert router.db_for_read(Org) == REPLICA


def test_a_row_read_from_the_replica_leads_to_the_primary_outside_the_scope(pretend_replica):
    row = Org(name="x")
    row._state.db = REPLICA
    assert router.db_for_read(Org, instance=row) == "default"
    with use_replica():
        assert router.db_for_read(Org, instance=row) == REPLICA
        router.db_for_write(Org)
        assert router.db_for_read(Org, instance=row) == "default"


def test_the_replica_is_never_migrated():
    assert router.allow_migrate(REPLICA, "core", "org") is False
    assert router.allow_migrate(REPLICA, "auth") is False
    assert router.allow_migrate("default", "core", "org") is None
    assert router.db_for_write(Org) == "default"


def test_the_decorator_gives_each_call_its_own_scope(pretend_replica):
    """One decorated view serving two threads at once: each has its own scope and its own writes."""
    seen: dict[str, list] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    @use_replica()
    def view(name: str, write: bool):
        barrier.wait()
        if write:
            router.db_for_write(Org)
        barrier.wait()
        seen[name].append(router.db_for_read(Org))

    threads = [
        threading.Thread(target=view, args=("a", True)),
        threading.Thread(target=view, args=("b", False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"a": [None], "b": [REPLICA]}
    assert router.db_for_read(Org) is None


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ("SELECT 1", False),
        ('  SELECT "core_org"."id" FROM "core_org"', False),
        ("SAVEPOINT s1", False),
        ("RELEASE SAVEPOINT s1", False),
        ('SELECT "id" FROM "core_org" WHERE "id" = 1 FOR UPDATE', True),
        ('SELECT "id" FROM "core_org" FOR NO KEY UPDATE', True),
        ('INSERT INTO "core_org" ("name") VALUES (%s)', True),
        ('UPDATE "core_org" SET "name" = %s', True),
        ('DELETE FROM "core_org"', True),
        ("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", True),
        ("TRUNCATE core_org", True),
    ],
)
def test_statements_that_write_or_lock_count_as_writes(sql, write):
    assert replica._is_write(sql) is write


@pytest.mark.django_db
def test_the_middleware_sees_raw_writes_on_default(pretend_replica, tree):
    """A write the router never sees (raw SQL on `default`) still keeps the request's later reads on the
    primary; a request that only reads keeps the replica; the next request starts afresh."""
    seen = []

    def view(request):
        with use_replica():
            seen.append(router.db_for_read(Org))
        if request.GET.get("write"):
            with connection.cursor() as cursor:
                cursor.execute("UPDATE core_org SET name = name WHERE id = %s", [tree.city.pk])
        with use_replica():
            seen.append(router.db_for_read(Org))
        return None

    middleware = ReplicaMiddleware(view)
    middleware(RequestFactory().get("/", {"write": "1"}))
    assert seen == [REPLICA, None]
    seen.clear()
    middleware(RequestFactory().get("/"))
    assert seen == [REPLICA, REPLICA]


def test_the_lag_notice_shows_only_when_the_replica_was_read_and_is_behind(pretend_replica, settings):
    settings.FAZHI_REPLICA_LAG_WARN = 30
    pretend_replica["now"] = ReplicaStatus(ok=True, lag=47.4)
    assert replica.lag_notice() == ""  # nothing was read from the replica
    with use_replica():
        router.db_for_read(Org)
        assert replica.lag_notice().startswith("数据可能滞后约47秒")
        pretend_replica["now"] = ReplicaStatus(ok=True, lag=12.0)
        assert replica.lag_notice() == ""


@pytest.mark.django_db
def test_readyz_names_the_replica_state_and_stays_ready_when_it_is_down(pretend_replica):
    pretend_replica["now"] = ReplicaStatus(ok=False, detail="unavailable (OperationalError)")
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["replica"] == "unavailable (OperationalError)"


# ---------------------------------------------------------------------------------------------------------
# A real streaming replica (scripts/pg replica)


def streaming(test):
    """A test on a real streaming replica: marker `replica`, skipped (saying why) without one."""
    test = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])(test)
    test = pytest.mark.skipif(
        REPLICA not in django_settings.DATABASES or connection.vendor != "postgresql",
        reason="needs a PostgreSQL streaming replica (FAZHI_DATABASE_REPLICA_URL; scripts/test's replica step)",
    )(test)
    return pytest.mark.replica(test)


def wait_for_replay(timeout: float = 30) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    with connections[REPLICA].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0", [target])
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.05)


@contextmanager
def replay_paused():
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
        replica.forget_status()


@pytest.fixture
def streamed(settings, indicator_data, office):
    """The known dataset, replayed on the replica, and a client logged in as the office."""
    settings.FAZHI_REPLICA_CHECK_SECONDS = (
        3600  # measured once; the tests forget it when they change the state
    )
    replica.forget_status()
    client = Client()
    client.force_login(office)
    wait_for_replay()
    yield client
    replica.forget_status()


def dashboard(client: Client) -> tuple[str, dict[str, int]]:
    """The dashboard's page and how many queries each database answered for it."""
    with CaptureQueriesContext(connections["default"]) as on_default:
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            response = client.get(DASHBOARD, {"year": 2025})
    assert response.status_code == 200
    return response.content.decode(), {"default": len(on_default), REPLICA: len(on_replica)}


def figures_only_on(counts: dict[str, int], alias: str) -> bool:
    other = "default" if alias == REPLICA else REPLICA
    return counts[alias] > 20 and counts[other] <= (8 if other == "default" else 2)


@streaming
def test_the_dashboard_reads_its_figures_from_the_replica(streamed):
    page, counts = dashboard(streamed)
    # every indicator's aggregation on the replica; on the primary only the session, the user and the
    # primary's WAL position (the lag check)
    assert figures_only_on(counts, REPLICA), counts
    assert "数据可能滞后" not in page
    assert "行政复议" in page


@streaming
def test_a_paused_replica_shows_the_lag_notice_and_far_behind_falls_back(streamed, settings, tree, office):
    settings.FAZHI_REPLICA_LAG_WARN = 1
    with replay_paused():
        Org.objects.filter(pk=tree.city.pk).update(name=tree.city.name)  # WAL the replica does not replay
        time.sleep(2.2)
        replica.forget_status()
        page, counts = dashboard(streamed)
        assert figures_only_on(counts, REPLICA), counts
        assert "数据可能滞后约" in page
        assert "data-replica-lag" in page

        settings.FAZHI_REPLICA_LAG_MAX = 1  # now beyond the hard limit: everything from the primary
        replica.forget_status()
        page, counts = dashboard(streamed)
        assert counts[REPLICA] <= 2, counts  # the lag check only
        assert counts["default"] > 20, counts
        assert "数据可能滞后" not in page
        ready = Client().get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["checks"]["replica"].endswith("> 1s")


@streaming
def test_a_request_never_reads_behind_its_own_write(streamed, tree):
    """Replay paused, a request renames an org and then reads it inside the replica scope: it sees its own
    write (from the primary), which the replica does not have yet."""
    seen = {}

    def view(request):
        Org.objects.filter(pk=tree.city.pk).update(name="改名后的市")
        with use_replica():
            seen["name"] = Org.objects.get(pk=tree.city.pk).name
            seen["replica has"] = Org.objects.using(REPLICA).get(pk=tree.city.pk).name

    with replay_paused():
        ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert seen == {"name": "改名后的市", "replica has": tree.city.name}


@streaming
def test_a_replica_that_is_down_leaves_the_pages_on_the_primary(streamed):
    conn = connections[REPLICA]
    port = conn.settings_dict["PORT"]
    conn.close()
    conn.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        replica.forget_status()
        with CaptureQueriesContext(connections["default"]) as on_default:  # (capturing would connect)
            response = streamed.get(DASHBOARD, {"year": 2025})
        assert response.status_code == 200
        assert len(on_default) > 20  # every figure from the primary
        assert "数据可能滞后" not in response.content.decode()
        ready = Client().get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["checks"]["replica"] == "unavailable (OperationalError)"
    finally:
        conn.close()
        conn.settings_dict["PORT"] = port
        replica.forget_status()


@streaming
def test_exports_and_report_downloads_read_from_the_replica(streamed, tree, office):
    from fazhi.reports.builder import services as reports

    report = reports.create_report(org=tree.city, year=2025, actor=office)
    wait_for_replay()
    for url, params, at_least in [
        ("/indicators/export.xlsx", {"year": 2025}, 20),  # the dashboard's export
        ("/import/export/reconsideration/", {}, 1),  # a list's 导出
        (reverse("annual_reports:download", args=[report.pk, "docx"]), {}, 20),  # the report's figures
    ]:
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            response = streamed.get(url, params)
        assert response.status_code == 200, url
        assert len(on_replica) >= at_least, url


@streaming
def test_the_home_page_reads_its_figures_from_the_replica_and_its_deadlines_from_the_primary(streamed, tree):
    """The home page's figures are the dashboard's kind of read; its 即将到期/已逾期 lists are not: a case just
    closed must leave them at once, so they are read from the primary even while the replica is behind."""
    from fazhi.reconsideration.models import ReconsiderationCase

    with CaptureQueriesContext(connections["default"]) as on_default:
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            response = streamed.get("/", {"year": 2025})
    assert response.status_code == 200
    assert len(on_replica) > 10  # the figures
    assert any(ReconsiderationCase._meta.db_table in q["sql"] for q in on_default)  # the deadline lists
    page = response.content.decode()
    open_before = int(page.split('id="open-count">', 1)[1].split("<", 1)[0])
    assert open_before > 0
    with replay_paused():
        # a change the replica has not replayed: the deadline lists see it, the figures do not have to
        ReconsiderationCase.objects.filter(org=tree.city).update(voided_at=timezone.now())
        replica.forget_status()
        page = streamed.get("/", {"year": 2025}).content.decode()
    open_after = int(page.split('id="open-count">', 1)[1].split("<", 1)[0])
    assert open_after < open_before
