"""The RQ backend (FAZHI_TASKS_BACKEND=django_tasks_rq.RQBackend) on a real Redis: run only by scripts/test's RQ step
(marker `rq`), which starts Redis with scripts/redis. The tests marked `tasks` run there too, each task going
through Redis to an RQ worker in the test process (tests/conftest.py); here real `fazhi worker` processes take
the jobs, as they would on another machine."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus, task_backends

from fazhi.core.models import ImportJob
from fazhi.core.tasks import run_import_job
from fazhi.reconsideration.models import ReconsiderationCase
from tests.core.test_importing import row, xlsx

pytestmark = [pytest.mark.rq, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for a worker process: the SQLite file, or the PostgreSQL test database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = f"{quote(db['USER'])}:{quote(db['PASSWORD'])}@" if db.get("USER") else ""
    return f"postgres://{auth}{db['HOST']}:{db['PORT']}/{db['NAME']}"


def worker(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "FAZHI_ENV": "test",
        "FAZHI_VAR_DIR": str(tmp_path),
        "FAZHI_DATABASE_URL": database_url(),
        "FAZHI_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "FAZHI_REDIS_URL": settings.RQ_QUEUES["default"]["URL"],
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "fazhi", "worker", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def queued_only(rq_runs_enqueued_tasks):
    """Tasks stay in Redis until a worker process takes them."""
    rq_runs_enqueued_tasks["on"] = False
    yield
    rq_runs_enqueued_tasks["on"] = True


def test_the_rq_backend_is_configured_and_passes_its_checks():
    assert type(task_backends["default"]).__name__ == "RQBackend"
    assert (
        settings.RQ_QUEUES["default"]["DEFAULT_TIMEOUT"] >= 3600
    )  # a large import outlives RQ's 180 s default
    call_command("check", "--fail-level", "WARNING", stdout=StringIO())


def test_a_worker_process_takes_an_import_from_redis_and_runs_it_once(
    queued_only, office, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    job = ImportJob(app="reconsideration", filename="cases.xlsx", created_by=office)
    job.source.save("cases.xlsx", ContentFile(xlsx([row(), row(申请人="李四")])), save=False)
    job.save()
    result = run_import_job.enqueue(job.pk)

    assert task_backends["default"].get_result(result.id).status == TaskResultStatus.READY
    job.refresh_from_db()
    assert job.status == ImportJob.State.PENDING  # nothing runs it in this process

    ran = worker(tmp_path, "--batch")  # `fazhi worker` on the RQ backend: an RQ worker, burst mode
    assert ran.returncode == 0, ran.stderr

    job.refresh_from_db()
    assert job.status == ImportJob.State.DONE and job.imported == 2, job.errors
    assert ReconsiderationCase.objects.count() == 2
    done = task_backends["default"].get_result(result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.worker_ids
    assert done.return_value == {"status": "done", "imported": 2, "errors": 0}

    again = worker(tmp_path, "--batch")  # the queue is empty: nothing runs twice
    assert again.returncode == 0, again.stderr
    assert ReconsiderationCase.objects.count() == 2


def test_a_failing_task_is_failed_on_the_queue_and_on_its_job(queued_only, office, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    job = ImportJob.objects.create(app="reconsideration", filename="gone.xlsx", created_by=office)
    job.source.name = "imports/gone.xlsx"  # the upload is missing: the task raises
    job.save()
    result = run_import_job.enqueue(job.pk)
    ran = worker(tmp_path, "--batch")
    assert ran.returncode == 0, ran.stderr
    failed = task_backends["default"].get_result(result.id)
    assert failed.status == TaskResultStatus.FAILED and failed.errors
    job.refresh_from_db()
    assert job.status == ImportJob.State.FAILED and "导入出错" in job.errors[0]["message"]


def test_readiness_checks_redis_and_counts_the_queue(queued_only, office, tmp_path, settings):
    from fazhi.core.health import queue_state

    settings.MEDIA_ROOT = tmp_path / "media"
    before = queue_state(counts=True)
    assert before.ok
    job = ImportJob.objects.create(app="reconsideration", filename="x.xlsx", created_by=office)
    run_import_job.enqueue(job.pk)
    state = queue_state(counts=True)
    assert state.ok and state.depth == before.depth + 1 and state.failed == before.failed
    import django_rq
    import redis

    with pytest.MonkeyPatch.context() as mp:  # a Redis that does not answer
        mp.setattr(django_rq, "get_connection", lambda *a, **k: redis.Redis(port=1, socket_connect_timeout=1))
        down = queue_state()
    assert not down.ok and down.detail == "ConnectionError"
