import datetime as dt
import os
from io import StringIO
from zoneinfo import ZoneInfo

os.environ.setdefault("FAZHI_ENV", "test")

import pytest  # noqa: E402
from django.test import Client  # noqa: E402

from tests import factories  # noqa: E402


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test against a database file rather than Django's shared-cache in-memory database.

    Connections sharing an in-memory database lock whole tables and fail at once ("database table is locked")
    instead of waiting; a file database behaves as production does (BEGIN IMMEDIATE, busy timeout), so tests
    that run two connections at once (tests/core/test_concurrency.py) see SQLite serialise the writers."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test_fazhi.sqlite3")


@pytest.fixture(scope="session")
def django_db_keepdb(
    request, django_db_modify_db_settings, django_db_use_migrations, django_db_blocker
) -> bool:
    """Start the session's test database from this tree's migrated template when there is one (tests/databases.py):
    pytest-django then keeps it (nothing left to migrate) instead of creating and migrating it; without
    --reuse-db it is dropped at the end as usual. `--create-db` and `--nomigrations` bypass the template."""
    from tests import databases

    reuse = bool(request.config.getvalue("reuse_db")) and not request.config.getvalue("create_db")
    if not django_db_use_migrations:
        return reuse
    name = databases.test_database_name()
    with django_db_blocker.unblock():
        if reuse and databases.test_database_exists(name):
            return True
        if databases.test_database_exists(name):
            databases.drop_test_database(
                name
            )  # left by an interrupted session: made again, as pytest-django does
        if not request.config.getvalue("create_db") and databases.restore_template(name):
            if not reuse:
                request.addfinalizer(_drop_test_database(name, django_db_blocker))
            return True
    request.config.stash[_FRESH_TEST_DATABASE] = name
    return reuse


# The name of the test database this session migrates from nothing (no template of the tree yet).
_FRESH_TEST_DATABASE = pytest.StashKey[str]()


def _drop_test_database(name, django_db_blocker):
    def drop() -> None:
        from tests import databases

        with django_db_blocker.unblock():
            databases.drop_test_database(name)

    return drop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request, django_db_blocker):
    """pytest-django's set-up, then, when it migrated a new test database, that database kept as this tree's
    template for the next session (before any test has written to it)."""
    name = request.config.stash.get(_FRESH_TEST_DATABASE, "")
    if name:
        from tests import databases

        with django_db_blocker.unblock():
            databases.save_template(name)
    yield


@pytest.fixture
def tree(db) -> factories.Tree:
    """The org tree of tests/factories.py: a city with units A and B, and a county with its own unit."""
    return factories.build_org_tree()


@pytest.fixture
def personas(tree) -> factories.Personas:
    return factories.build_personas(tree)


@pytest.fixture
def office(personas):
    return personas.office


@pytest.fixture
def reviewer(personas):
    return personas.reviewer


@pytest.fixture
def clerk_a(personas):
    return personas.clerk_a


@pytest.fixture
def clerk_b(personas):
    return personas.clerk_b


@pytest.fixture
def leader(personas):
    return personas.leader


@pytest.fixture
def county_office(personas):
    return personas.county_office


@pytest.fixture
def sysadmin(personas):
    return personas.sysadmin


@pytest.fixture
def indicator_data(tree, office) -> dict:
    """The known dataset of factories.build_indicator_dataset (its docstring lists every case)."""
    return factories.build_indicator_dataset(tree, office)


@pytest.fixture
def login():
    """login(user) -> a test Client with that user's session (a fresh client per call)."""

    def _login(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return _login


@pytest.fixture
def media(settings, tmp_path):
    """Uploads (import jobs' files, error workbooks) under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def rq_runs_enqueued_tasks():
    """On the RQ backend (scripts/test's RQ step sets FAZHI_TASKS_BACKEND), a task enqueued by a test goes to Redis
    and is run there and then by an RQ worker inside the test process (SimpleWorker, no fork: it sees the test's
    transaction), in burst mode; so the tests that enqueue work run unchanged on both backends, through a real
    queue. tests/core/test_tasks_rq.py runs real `fazhi worker` processes."""
    from django.conf import settings

    if not getattr(settings, "RQ_BACKEND", False):
        yield None
        return
    import django_rq
    from django_tasks.signals import task_enqueued
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    state = {"on": True}

    def run_now(sender, task_result, **kwargs):
        if not state["on"]:
            return
        queue = django_rq.get_queue(task_result.task.queue_name, job_class=Job)
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    django_rq.get_connection("default").flushdb()
    task_enqueued.connect(run_now, weak=False)
    yield state
    task_enqueued.disconnect(run_now)


@pytest.fixture
def empty_database(db, django_db_blocker):
    """A new database of the test engine with no table, standing in for the test database while the test runs
        (tests/databases.py): a migration test applies only the migrations its subject needs, on real rows. (`db`: so
    that pytest-django sets up the test database, which names the new one.)"""
    from tests import databases

    with (
        django_db_blocker.unblock(),
        databases.empty_database("migrations") as wrapper,
        databases.use(wrapper),
    ):
        yield wrapper


# The session's demo city: `fazhi demo --scale 0.35` as on this day (the report on 2025 is written in March 2026;
# the demo's years run to the day it is built).
DEMO_CITY_ON = dt.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
DEMO_CITY_SCALE = "0.35"


@pytest.fixture(scope="session")
def demo_city_database(django_db_setup, django_db_blocker):
    """The demo city, built once a session (and engine) by the demo command into a copy of the test database
        (tests/databases.py), for the tests that read a whole city: the density of the demo report, the drill-downs
        of every figure, the portal's privacy crawl. Use it through `demo_city` (whose `db` has pytest-django set up the
    test database this copies). tests/demo runs the command itself."""
    import time_machine
    from django.core.management import call_command

    from tests import databases

    with django_db_blocker.unblock(), databases.clone_database("democity") as wrapper:
        with databases.use(wrapper), pytest.MonkeyPatch.context() as mp:
            mp.setenv("FAZHI_DEMO_PASSWORD", "demo-city-pass-1234")
            with time_machine.travel(DEMO_CITY_ON, tick=False):
                call_command("demo", "--no-serve", "--scale", DEMO_CITY_SCALE, stdout=StringIO())
            wrapper.close()
        yield wrapper


@pytest.fixture
def demo_city(demo_city_database, db, django_db_blocker):
    """The session's demo city (its 城市 Org) standing in for the test database while the test runs, inside a
    transaction rolled back at its end: what a test writes there is gone for the next one."""
    from django.db import transaction

    from fazhi.core.models import Org
    from fazhi.demo.city import CITY
    from tests import databases

    with django_db_blocker.unblock(), databases.use(demo_city_database), transaction.atomic():
        try:
            yield Org.objects.get(code=CITY.code)
        finally:
            transaction.set_rollback(True)
