"""Background work of core (django-tasks, DEP 14): imports with progress the page polls, and the care of
their jobs: a job whose worker died is marked failed, and old uploads and error reports are deleted."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .importing import error_workbook, import_file

log = logging.getLogger(__name__)

MAX_STORED_ERRORS = 500  # errors kept on the job row; the error workbook has all of them
PROGRESS_EVERY_SECONDS = 0.5
STALE_REASON = "导入进程意外中止，请重新导入"
UPLOAD_DIR = "imports"  # ImportJob.source and .error_file live under MEDIA_ROOT/imports/


class Heartbeat:
    """While the job runs, a thread stamps its heartbeat_at every FAZHI_JOB_STALE_SECONDS / 4, progress or not
    (reading a large file or publishing the rows reports none for a while)."""

    def __init__(self, job_id: int, *, every: float | None = None) -> None:
        self.job_id = job_id
        self.every = every if every is not None else max(1.0, settings.FAZHI_JOB_STALE_SECONDS / 4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"import-job-{job_id}-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        from .models import ImportJob

        try:
            while not self._stop.wait(self.every):
                try:
                    ImportJob.objects.filter(pk=self.job_id, status=ImportJob.State.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # a busy database: the next beat tries again
                    log.warning("import job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection


@task()
def run_import_job(job_id: int) -> dict:
    """Run the import of ImportJob `job_id`: progress on the job row while it runs, then the outcome (count,
    or errors and the error workbook). The uploaded file is deleted once read."""
    from .models import ImportJob

    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.finished or job.status == ImportJob.State.MAPPING:  # a retried task must not import twice
        return {"status": job.status, "imported": job.imported}
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.State.RUNNING, phase="read", heartbeat_at=timezone.now()
    )
    last = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == "write" or now - last[0] >= PROGRESS_EVERY_SECONDS or done >= total:
            last[0] = now
            # The write phase stages its rows outside any transaction (importing.write_all_or_nothing), so
            # this update is seen at once.
            ImportJob.objects.filter(pk=job.pk).update(
                phase=phase, done=done, total=total, heartbeat_at=timezone.now()
            )

    try:
        with Heartbeat(job.pk):
            with job.source.open("rb") as fh:
                data = fh.read()
            mapping = job.mapping if (job.mapping or {}).get("columns") else None
            result = import_file(
                job.app, data, user=job.created_by, filename=job.filename, progress=progress, mapping=mapping
            )
    except Exception as exc:  # noqa: BLE001 - the page must show something, not spin forever
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.State.FAILED,
            errors=[{"row": None, "column": "", "message": f"导入出错：{exc}", "text": f"导入出错：{exc}"}],
            error_count=1,
            finished_at=timezone.now(),
        )
        raise
    finally:
        _delete_file(job.source)

    job.refresh_from_db()
    job.total = result.total
    job.finished_at = timezone.now()
    job.phase = ""
    if result.ok:
        job.status = ImportJob.State.DONE
        job.done = result.total
        job.imported = result.created
    else:
        job.status = ImportJob.State.FAILED
        job.error_count = len(result.errors)
        job.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
        job.error_file.save(f"job-{job.pk}-errors.xlsx", ContentFile(error_workbook(result)), save=False)
    job.source = ""
    job.save()
    return {"status": job.status, "imported": job.imported, "errors": job.error_count}


def _delete_file(field) -> bool:
    if field and default_storage.exists(field.name):
        field.delete(save=False)
        return True
    return False


def fail_stale_jobs(*, job_ids: list[int] | None = None, now: dt.datetime | None = None) -> int:
    """Mark failed every running job (of `job_ids`, or all) whose heartbeat is older than
    FAZHI_JOB_STALE_SECONDS: its worker died (kill -9, out of memory, power cut) and nobody else will finish
    it. Its upload is deleted. Safe to run twice and alongside workers: each job is claimed by a conditional
    update on the heartbeat it was seen with. Returns the number of jobs marked."""
    from django.db.models.functions import Coalesce

    from .models import ImportJob

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.FAZHI_JOB_STALE_SECONDS)
    running = ImportJob.objects.filter(status=ImportJob.State.RUNNING)
    if job_ids is not None:
        running = running.filter(pk__in=job_ids)
    stale = running.annotate(seen=Coalesce("heartbeat_at", "created_at")).filter(seen__lt=cutoff)
    error = {"row": None, "column": "", "message": STALE_REASON, "text": STALE_REASON}
    marked = 0
    for job in stale:
        claimed = ImportJob.objects.filter(
            pk=job.pk, status=ImportJob.State.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(status=ImportJob.State.FAILED, phase="", errors=[error], error_count=1, finished_at=now)
        if not claimed:
            continue
        marked += 1
        log.warning(
            "import job %s (%s) had no heartbeat since %s: marked failed", job.pk, job.filename, job.seen
        )
        _delete_file(job.source)
        ImportJob.objects.filter(pk=job.pk).update(source="")
    return marked


def cleanup_import_files(*, now: dt.datetime | None = None) -> int:
    """Delete the uploads and error reports of jobs finished more than FAZHI_IMPORT_RETENTION_DAYS ago, and
    files under MEDIA_ROOT/imports/ that no unfinished or recent job names and that are that old (left by a
    worker killed before heartbeats existed). Returns the number of files deleted."""
    from .models import ImportJob

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.FAZHI_IMPORT_RETENTION_DAYS)
    deleted = 0
    # A file left waiting for its column mapping as long as a finished job's is kept: given up.
    ImportJob.objects.filter(status=ImportJob.State.MAPPING, created_at__lt=cutoff).update(
        status=ImportJob.State.FAILED,
        finished_at=F("created_at"),  # so that its upload is deleted below, now
        error_count=1,
        errors=[
            {"row": None, "column": "", "message": "未完成列对应，已放弃", "text": "未完成列对应，已放弃"}
        ],
    )
    old = ImportJob.objects.filter(
        status__in=[ImportJob.State.DONE, ImportJob.State.FAILED], finished_at__lt=cutoff
    ).exclude(source="", error_file="")
    for job in old:
        deleted += _delete_file(job.source) + _delete_file(job.error_file)
        ImportJob.objects.filter(pk=job.pk).update(source="", error_file="")
    root = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    if root.is_dir():
        kept = set()
        for source, error_file in ImportJob.objects.filter(
            Q(finished_at__isnull=True) | Q(finished_at__gte=cutoff)
        ).values_list("source", "error_file"):
            kept.update(name for name in (source, error_file) if name)
        media = Path(settings.MEDIA_ROOT)
        for path in root.rglob("*"):
            if not path.is_file() or path.relative_to(media).as_posix() in kept:
                continue
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            if modified < cutoff:
                path.unlink(missing_ok=True)
                deleted += 1
    return deleted
