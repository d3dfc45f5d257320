"""Background work of core (django-tasks, DEP 14): imports with progress the page polls."""

from __future__ import annotations

import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from .importing import error_workbook, import_file

MAX_STORED_ERRORS = 500  # errors kept on the job row; the error workbook has all of them
PROGRESS_EVERY_SECONDS = 0.5


@task()
def run_import_job(job_id: int) -> dict:
    """Run the import of ImportJob `job_id`: progress on the job row while it runs, then the outcome (count,
    or errors and the error workbook). The uploaded file is deleted once read."""
    from .models import ImportJob

    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.finished:  # a retried task must not import twice
        return {"status": job.status, "imported": job.imported}
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.State.RUNNING, phase="read")
    last = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == "write" or now - last[0] >= PROGRESS_EVERY_SECONDS or done >= total:
            last[0] = now
            # Inside the write transaction this update is only seen at commit; the page then shows the
            # write phase as "写入中" until the job is done.
            ImportJob.objects.filter(pk=job.pk).update(phase=phase, done=done, total=total)

    try:
        with job.source.open("rb") as fh:
            data = fh.read()
        result = import_file(job.app, data, user=job.created_by, filename=job.filename, progress=progress)
    except Exception as exc:  # noqa: BLE001 - the page must show something, not spin forever
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.State.FAILED,
            errors=[{"row": None, "column": "", "message": f"导入出错：{exc}", "text": f"导入出错：{exc}"}],
            error_count=1,
            finished_at=timezone.now(),
        )
        raise
    finally:
        if job.source and default_storage.exists(job.source.name):
            job.source.delete(save=False)

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
