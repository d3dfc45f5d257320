"""`fazhi cleanup`: mark failed the import jobs whose worker died, delete the rows of an import that died half
published, delete old uploads and error reports.

The worker does both by itself (at start, then periodically); this command is for a cron job or by hand, and
is safe to run twice or alongside workers."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fazhi.core.importing import discard_stale_batches
from fazhi.core.tasks import cleanup_import_files, fail_stale_jobs


class Command(BaseCommand):
    help = "清理导入任务：中止的任务标记为失败，删除超过保留期的上传文件和错误报告"

    def handle(self, *args, **options):
        batches = discard_stale_batches()
        failed = fail_stale_jobs()
        deleted = cleanup_import_files()
        self.stdout.write(
            f"标记为失败的中止任务：{failed} 个；撤销的未写完的导入：{batches} 批；删除的过期文件：{deleted} 个"
        )
