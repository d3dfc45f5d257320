"""Import jobs survive a dead worker: a running job whose heartbeat stopped is marked failed with a reason and
its upload deleted (by the worker's sweep, `fazhi cleanup`, or when its page is polled); uploads and error
reports of finished jobs are deleted after the retention period; `fazhi serve` restarts a killed worker."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fazhi.core.management.commands.serve import WorkerSupervisor
from fazhi.core.management.commands.worker import JobSweeper
from fazhi.core.models import ImportJob
from fazhi.core.tasks import STALE_REASON, Heartbeat, cleanup_import_files, fail_stale_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_job(
    user, *, status=ImportJob.State.RUNNING, heartbeat_ago: float | None = None, **fields
) -> ImportJob:
    job = ImportJob(app="reconsideration", filename="cases.xlsx", created_by=user, status=status, **fields)
    job.source.save("cases.xlsx", ContentFile(b"PK\x03\x04 an upload"), save=False)
    if heartbeat_ago is not None:
        job.heartbeat_at = timezone.now() - dt.timedelta(seconds=heartbeat_ago)
    job.save()
    return job


def test_a_running_job_without_a_heartbeat_for_the_stale_period_is_marked_failed(office, media, settings):
    assert settings.FAZHI_JOB_STALE_SECONDS == 120
    dead = make_job(office, heartbeat_ago=121)
    alive = make_job(office, heartbeat_ago=30)
    upload = media / dead.source.name
    assert upload.exists()

    assert fail_stale_jobs() == 1
    dead.refresh_from_db()
    assert dead.status == ImportJob.State.FAILED and dead.finished_at is not None
    assert dead.errors == [{"row": None, "column": "", "message": STALE_REASON, "text": STALE_REASON}]
    assert STALE_REASON == "导入进程意外中止，请重新导入"
    assert not dead.source and not upload.exists()
    alive.refresh_from_db()
    assert alive.status == ImportJob.State.RUNNING and (media / alive.source.name).exists()
    assert fail_stale_jobs() == 0  # safe to run twice


def test_a_running_job_that_never_beat_counts_from_its_creation(office, media):
    job = make_job(office)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert fail_stale_jobs() == 1
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.State.FAILED


def test_pending_and_finished_jobs_are_not_touched(office, media):
    old = timezone.now() - dt.timedelta(hours=1)
    pending = make_job(office, status=ImportJob.State.PENDING)
    done = make_job(office, status=ImportJob.State.DONE, heartbeat_ago=3600, finished_at=old)
    ImportJob.objects.update(created_at=old)
    assert fail_stale_jobs() == 0
    assert ImportJob.objects.get(pk=pending.pk).status == ImportJob.State.PENDING
    assert ImportJob.objects.get(pk=done.pk).status == ImportJob.State.DONE


def test_polling_the_page_of_a_dead_job_shows_the_failure(login, office, media):
    job = make_job(office, heartbeat_ago=600)
    state = login(office).get(reverse("core-import-status", kwargs={"pk": job.pk}) + "?format=json").json()
    assert state["status"] == "failed" and state["finished"] is True
    assert state["errors"][0]["message"] == STALE_REASON
    assert not (media / "imports" / "cases.xlsx").exists()


@pytest.mark.django_db(transaction=True)  # the thread has its own connection: it sees committed rows only
def test_the_heartbeat_thread_stamps_a_running_job(office, media, settings):
    assert Heartbeat(1).every == 30  # FAZHI_JOB_STALE_SECONDS / 4
    job = make_job(office, heartbeat_ago=100)
    with Heartbeat(job.pk, every=0.05):
        time.sleep(0.5)
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < dt.timedelta(seconds=5)


def test_the_worker_sweep_marks_dead_jobs_and_deletes_old_files(office, media, settings):
    dead = make_job(office, heartbeat_ago=1000)
    JobSweeper().sweep(files=True)
    assert ImportJob.objects.get(pk=dead.pk).status == ImportJob.State.FAILED


def test_retention_deletes_old_uploads_and_error_reports_and_keeps_recent_ones(office, media, settings):
    assert settings.FAZHI_IMPORT_RETENTION_DAYS == 7
    now = timezone.now()
    old = make_job(office, status=ImportJob.State.FAILED, finished_at=now - dt.timedelta(days=8))
    old.error_file.save("job-errors.xlsx", ContentFile(b"errors"), save=True)
    recent = make_job(office, status=ImportJob.State.FAILED, finished_at=now - dt.timedelta(days=6))
    recent.error_file.save("job-errors.xlsx", ContentFile(b"errors"), save=True)
    running = make_job(office, heartbeat_ago=1)
    # Left by a worker killed before jobs had heartbeats: named by no job; one old, one new.
    orphan_old = media / "imports" / "orphan-old.xlsx"
    orphan_new = media / "imports" / "orphan-new.xlsx"
    for path in (orphan_old, orphan_new):
        path.write_bytes(b"PK")
    eight_days_ago = time.time() - 8 * 86400
    os.utime(orphan_old, (eight_days_ago, eight_days_ago))
    old_files = [media / old.source.name, media / old.error_file.name]

    assert cleanup_import_files() == 3
    assert not any(p.exists() for p in old_files) and not orphan_old.exists()
    old.refresh_from_db()
    assert not old.source and not old.error_file
    recent.refresh_from_db()
    assert (media / recent.source.name).exists() and (media / recent.error_file.name).exists()
    assert (media / running.source.name).exists() and orphan_new.exists()
    assert cleanup_import_files() == 0


def test_the_cleanup_command(office, media, capsys):
    make_job(office, heartbeat_ago=1000)
    call_command("cleanup")
    assert "标记为失败的中止任务：1 个" in capsys.readouterr().out


def _wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_serve_restarts_a_worker_killed_with_sigkill():
    dummy = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor = WorkerSupervisor(dummy, poll=0.02, first_delay=0.05, min_uptime=0.0).start()
    try:
        first = supervisor.proc
        assert first is not None and first.poll() is None
        os.kill(first.pid, signal.SIGKILL)
        _wait_for(lambda: supervisor.starts == 2)
        second = supervisor.proc
        assert second is not None and second.pid != first.pid and second.poll() is None
        assert first.wait(timeout=5) == -signal.SIGKILL
    finally:
        supervisor.stop()
    assert second.poll() is not None  # stopping the server stops its worker
    time.sleep(0.2)
    assert supervisor.starts == 2  # and does not start another


def test_a_worker_that_keeps_dying_is_restarted_after_a_growing_pause():
    crash = [sys.executable, "-c", "raise SystemExit(3)"]
    supervisor = WorkerSupervisor(crash, poll=0.01, first_delay=0.01, max_delay=0.05, min_uptime=60.0).start()
    try:
        _wait_for(lambda: supervisor.starts >= 3)
    finally:
        supervisor.stop()
    pauses = WorkerSupervisor(crash)  # the defaults: 0.5 s, doubling, at most 30 s
    assert [pauses.restart_delay(n) for n in (0, 1, 2, 3, 7, 8)] == [0.5, 0.5, 1.0, 2.0, 30.0, 30.0]
