"""`fazhi worker`: the background worker of the embedded Tasks backend (django-tasks-db's `db_worker`).

Runs every queue, without the autoreloader. `fazhi serve` and `fazhi demo` start one alongside the web server;
with the RQ backend run `rqworker` instead."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "运行后台任务进程（django-tasks 数据库后端）"

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="要处理的队列，逗号分隔；* 为全部（默认）")
        parser.add_argument("--interval", type=float, default=1.0, help="无任务时的轮询间隔（秒）")
        parser.add_argument("--batch", action="store_true", help="处理完现有任务后退出")

    def handle(self, *args, **options):
        from .serve import ensure_database_dir

        ensure_database_dir()
        call_command(
            "db_worker",
            queue_name=options["queue_name"],
            interval=options["interval"],
            batch=options["batch"],
            reload=False,
            verbosity=options["verbosity"],
        )
