"""`fazhi backup --out DIR`: the database (SQLite online backup / PostgreSQL pg_dump) and the uploaded files into a
new directory with a manifest of checksums (fazhi.core.backup). Safe while the app runs."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个新目录（含校验清单 manifest.json）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, help="备份目录（不存在或为空），例如 /srv/backup/fazhi-$(date +%%F)"
        )

    def handle(self, *args, **options):
        try:
            result = backup(Path(options["out"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        m = result.manifest
        size = sum(f["size"] for f in m["files"])
        media = sum(1 for f in m["files"] if f["path"].startswith("media/"))
        tables = len(m["row_counts"] or {})
        rows = sum((m["row_counts"] or {}).values())
        self.stdout.write(
            f"备份完成：{result.path}（{m['database']['vendor']}，{tables} 张表 {rows} 行，上传文件 {media} 个，"
            f"共 {size / 1024 / 1024:.1f} MB，迁移 {len(m['migrations'])} 个）"
        )
