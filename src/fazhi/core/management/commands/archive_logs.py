"""`fazhi archive-logs --before DATE`: move login logs (and with --history the operation log) older than DATE into a
compressed archive file; refuses anything younger than 180 days (等保三级). See fazhi.core.logarchive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.logarchive import RETENTION_DAYS, ArchiveError, archive_logs, latest_allowed


class Command(BaseCommand):
    help = f"把早于指定日期的登录日志（加 --history 含操作日志）移入压缩归档文件；{RETENTION_DAYS} 天内的日志不归档"

    def add_arguments(self, parser):
        parser.add_argument(
            "--before",
            required=True,
            help=f"归档此日期（YYYY-MM-DD）之前的日志；最晚为今天前 {RETENTION_DAYS} 天",
        )
        parser.add_argument(
            "--out", default=None, help="归档目录（默认 $FAZHI_VAR_DIR/archive）；请与数据库备份一同异地保存"
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help="同时归档操作日志（各记录的修改历史；归档后记录页只显示截止日之后的历史）",
        )

    def handle(self, *args, **options):
        try:
            before = dt.date.fromisoformat(options["before"])
        except ValueError:
            raise CommandError(f"--before 不是有效日期：{options['before']!r}（格式 YYYY-MM-DD）") from None
        out = Path(options["out"]) if options["out"] else Path(settings.VAR_DIR) / "archive"
        try:
            result = archive_logs(before, out, include_history=options["history"])
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        if result.path is None:
            self.stdout.write(
                f"{before.isoformat()} 之前没有可归档的日志（最晚可归档到 {latest_allowed().isoformat()}）"
            )
            return
        parts = "，".join(f"{label} {n} 条" for label, n in result.counts.items())
        self.stdout.write(
            f"已归档 {result.total} 条日志到 {result.path}（SHA-256 {result.sha256[:16]}…）：{parts}。"
            f"需要时可用 fazhi loaddata {result.path} 载回。"
        )
