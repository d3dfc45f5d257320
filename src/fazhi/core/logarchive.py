"""Archive of old audit and login logs (`fazhi archive-logs`): rows older than a date move from the database into a
gzip-compressed Django fixture (JSON lines) that `fazhi loaddata FILE` can load back.

等保三级 (GB/T 22239-2019, 安全审计) asks that audit records be kept at least six months: nothing younger than
RETENTION_DAYS is ever archived. The login logs are django-axes' access and failure logs (登录日志); the
operation log (操作日志) is the per-record history of django-simple-history, archived only when asked
(`include_history`), since a record's page then shows its history from the cut-off on."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.db import transaction
from django.utils import timezone

from .audit import history_models

RETENTION_DAYS = 180
CHUNK = 2000


class ArchiveError(Exception):
    """The archive cannot be made; the message is for the user (Chinese)."""


def log_sources(*, include_history: bool) -> list[tuple[type, str]]:
    from axes.models import AccessFailureLog, AccessLog

    sources: list[tuple[type, str]] = [(AccessLog, "attempt_time"), (AccessFailureLog, "attempt_time")]
    if include_history:
        sources += [(hm, "history_date") for hm in sorted(history_models(), key=lambda m: m._meta.label)]
    return sources


def latest_allowed(today: dt.date | None = None) -> dt.date:
    """The latest --before date: rows from this day on are younger than RETENTION_DAYS and stay."""
    return (today or timezone.localdate()) - dt.timedelta(days=RETENTION_DAYS)


@dataclass
class ArchiveResult:
    path: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    sha256: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def archive_logs(
    before: dt.date, out_dir: Path, *, include_history: bool = False, today: dt.date | None = None
) -> ArchiveResult:
    """Move every log row older than the start of `before` (local time) into one new .jsonl.gz file in `out_dir`,
    all or nothing: the rows are deleted in the transaction that read them, after the file was written, synced
    and read back."""
    limit = latest_allowed(today)
    if before > limit:
        raise ArchiveError(
            f"不能归档 {before.isoformat()} 之前的日志：等保三级要求审计和登录日志至少保留 {RETENTION_DAYS} 天，"
            f"--before 最晚为 {limit.isoformat()}"
        )
    cutoff = dt.datetime.combine(before, dt.time.min, tzinfo=timezone.get_current_timezone())
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"logs-before-{before.isoformat()}-{stamp}.jsonl.gz"
    if path.exists():
        raise ArchiveError(f"归档文件 {path} 已存在")
    result = ArchiveResult(path)
    serializer = serializers.get_serializer("jsonl")
    try:
        with transaction.atomic():
            pks: dict[type, list] = {}
            for model, date_field in log_sources(include_history=include_history):
                qs = model._default_manager.filter(**{f"{date_field}__lt": cutoff})
                ids = list(qs.select_for_update().values_list("pk", flat=True).order_by("pk"))
                if ids:
                    pks[model] = ids
                    result.counts[model._meta.label] = len(ids)
            if not pks:
                return ArchiveResult(None)
            with gzip.open(path, "wt", encoding="utf-8") as fh:
                for model, ids in pks.items():
                    for i in range(0, len(ids), CHUNK):
                        rows = model._default_manager.filter(pk__in=ids[i : i + CHUNK]).order_by("pk")
                        serializer().serialize(rows, stream=fh, ensure_ascii=False)
            with path.open("rb") as raw:
                os.fsync(raw.fileno())
            written = _count_lines(path)
            if written != result.total:
                raise ArchiveError(
                    f"归档文件校验失败：应写入 {result.total} 行，读回 {written} 行；未删除任何日志"
                )
            for model, ids in pks.items():
                for i in range(0, len(ids), CHUNK):
                    model._default_manager.filter(pk__in=ids[i : i + CHUNK]).delete()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    result.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{result.sha256}  {path.name}\n", encoding="utf-8")
    path.with_name(path.name + ".json").write_text(
        json.dumps(
            {
                "before": before.isoformat(),
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "counts": result.counts,
                "sha256": result.sha256,
                "load_back": f"fazhi loaddata {path.name}",
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return result


def _count_lines(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())
