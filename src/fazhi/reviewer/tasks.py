"""Background review of submitted reports (django-tasks, DEP 14), as imports run (fazhi.core.tasks): the web
upload and `fazhi review --enqueue` store the files and a ReviewBatch, the task reviews them one by one with
progress on the batch row, and the page polls the batch.

A batch whose worker died (no heartbeat for FAZHI_JOB_STALE_SECONDS) is marked failed when its page is read."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from . import ReviewError, ReviewResult, plan_expectations, review_bytes
from .models import ReviewBatch, ReviewBatchState, create_batch, record_review
from .text import human_size, load_bytes, normalise

log = logging.getLogger(__name__)

UPLOAD_DIR = "reviews"  # the waiting files live under MEDIA_ROOT/reviews/<batch>/
STALE_REASON = "审阅进程意外中止，请重新上传"


@dataclass(frozen=True)
class Submitted:
    """One file handed in: its name, size and content (a Django upload or an open local file)."""

    name: str
    size: int
    content: File | None  # None when the file is refused before it is read (too large)


def submit(*, files: Iterable[Submitted], plan: Submitted | None, actor, source: str, max_bytes: int):
    """Store the files and create the batch that waits for the task; returns the batch (not yet enqueued).
    A file over `max_bytes` is not stored: the task records it as refused."""
    batch = create_batch(actor=actor, source=source)
    folder = f"{UPLOAD_DIR}/{batch.pk}"
    entries = []
    for i, f in enumerate(files):
        entries.append(_store(f, f"{folder}/{i}", max_bytes))
    pending = {"files": entries, "plan": _store(plan, f"{folder}/plan", max_bytes) if plan else None}
    ReviewBatch.objects.filter(pk=batch.pk).update(
        status=ReviewBatchState.PENDING, total=len(entries), pending=pending
    )
    batch.refresh_from_db()
    return batch


def _store(f: Submitted, stem: str, max_bytes: int) -> dict:
    entry = {"name": Path(f.name).name or f.name, "size": f.size, "path": ""}
    if f.content is not None and f.size <= max_bytes:
        suffix = Path(f.name).suffix.lower()[:10]
        entry["path"] = default_storage.save(f"{stem}{suffix}", f.content)
    return entry


def enqueue(batch: ReviewBatch) -> None:
    run_review_batch.enqueue(batch.pk)


@task()
def run_review_batch(batch_id: int) -> dict:
    """Review the waiting files of batch `batch_id`, recording each (its figures, findings, or its error in
    Chinese), with the count done on the batch. A retried task continues after the files already recorded."""
    batch = ReviewBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.finished:
        return {"status": batch.status, "files": batch.file_count}
    ReviewBatch.objects.filter(pk=batch.pk).update(
        status=ReviewBatchState.RUNNING, heartbeat_at=timezone.now()
    )
    pending = batch.pending or {}
    entries = pending.get("files") or []
    max_bytes = int(getattr(settings, "FAZHI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
    notes = list(batch.notes)
    try:
        plan = None
        if pending.get("plan"):
            plan, note = _read_plan(pending["plan"], max_bytes)
            if note and note not in notes:
                notes.append(note)
                ReviewBatch.objects.filter(pk=batch.pk).update(notes=notes)
        for entry in entries[batch.file_count :]:
            data, result = _review(entry, max_bytes, plan)
            record_review(
                result=result,
                batch=batch,
                actor=batch.created_by,
                sha256=hashlib.sha256(data).hexdigest(),
                size=entry["size"],
            )
            ReviewBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now())
    except Exception as exc:  # noqa: BLE001 - the page must say what happened, not spin forever
        log.exception("review batch %s failed", batch.pk)
        ReviewBatch.objects.filter(pk=batch.pk).update(
            status=ReviewBatchState.FAILED,
            notes=[*notes, f"审阅出错：{exc}"],
            finished_at=timezone.now(),
        )
        _delete_files(pending)
        ReviewBatch.objects.filter(pk=batch.pk).update(pending={})
        raise
    _delete_files(pending)
    ReviewBatch.objects.filter(pk=batch.pk).update(
        status=ReviewBatchState.DONE, pending={}, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return {"status": batch.status, "files": batch.file_count, "failed": batch.failed_count}


def _read(entry: dict) -> bytes:
    with default_storage.open(entry["path"], "rb") as fh:
        return fh.read()


def _read_plan(entry: dict, max_bytes: int):
    name = entry["name"]
    if not entry["path"]:
        return (
            None,
            f"工作要点 {name}：文件过大（{human_size(entry['size'])}），超过 {human_size(max_bytes)} 的上限",
        )
    try:
        return plan_expectations(normalise(load_bytes(_read(entry), name, max_bytes=max_bytes))), ""
    except ReviewError as exc:
        return None, f"工作要点 {name}：{exc}"


def _review(entry: dict, max_bytes: int, plan) -> tuple[bytes, ReviewResult]:
    name = entry["name"]
    if not entry["path"]:  # refused before reading: the file is never parsed
        error = f"文件过大（{human_size(entry['size'])}），超过 {human_size(max_bytes)} 的上限"
        return b"", ReviewResult(file=name, error=error)
    data = _read(entry)
    return data, review_bytes(data, name, max_bytes=max_bytes, plan=plan)


def _delete_files(pending: dict) -> None:
    entries = list(pending.get("files") or []) + ([pending["plan"]] if pending.get("plan") else [])
    for entry in entries:
        if entry.get("path") and default_storage.exists(entry["path"]):
            default_storage.delete(entry["path"])


def fail_stale_batches(*, batch_ids: list[int] | None = None, now: dt.datetime | None = None) -> int:
    """Mark failed every running batch (of `batch_ids`, or all) with no heartbeat for FAZHI_JOB_STALE_SECONDS:
    its worker died. Claimed by a conditional update, so safe alongside workers. Returns the number marked."""
    from django.db.models.functions import Coalesce

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.FAZHI_JOB_STALE_SECONDS)
    running = ReviewBatch.objects.filter(status=ReviewBatchState.RUNNING)
    if batch_ids is not None:
        running = running.filter(pk__in=batch_ids)
    marked = 0
    for batch in running.annotate(seen=Coalesce("heartbeat_at", "created_at")).filter(seen__lt=cutoff):
        claimed = ReviewBatch.objects.filter(
            pk=batch.pk, status=ReviewBatchState.RUNNING, heartbeat_at=batch.heartbeat_at
        ).update(
            status=ReviewBatchState.FAILED, notes=[*batch.notes, STALE_REASON], pending={}, finished_at=now
        )
        if claimed:
            marked += 1
            log.warning("review batch %s had no heartbeat since %s: marked failed", batch.pk, batch.seen)
            _delete_files(batch.pending or {})
    return marked


def content_file(data: bytes, name: str) -> Submitted:
    """A file given as bytes (tests, the command line)."""
    return Submitted(name=name, size=len(data), content=ContentFile(data, name=name))
