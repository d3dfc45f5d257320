"""`fazhi restore DIR`: a backup of `fazhi backup` into an empty database and an empty media directory, after
verifying every checksum; the row count of every table is compared with the manifest afterwards."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = "从备份目录恢复到空数据库（先校验全部文件的 SHA-256）"

    def add_arguments(self, parser):
        parser.add_argument("source", help="fazhi backup 生成的备份目录")
        parser.add_argument("--check", action="store_true", help="只校验备份文件，不恢复")

    def handle(self, *args, **options):
        src = Path(options["source"])
        try:
            if options["check"]:
                m = verify(src)
                self.stdout.write(f"校验通过：{len(m['files'])} 个文件，备份时间 {m['created_at']}")
                return
            result = restore(src)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        m = result.manifest
        self.stdout.write(
            f"恢复完成：备份时间 {m['created_at']}，版本 {m['app_version']}，"
            f"{len(m['row_counts'] or {})} 张表，上传文件 {result.files} 个"
        )
        if result.missing_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"备份早于本程序：还有 {len(result.missing_migrations)} 个数据库迁移未执行，请运行 fazhi migrate"
                )
            )
