"""`fazhi worker`: the background worker of the selected Tasks backend: django-tasks-db's `db_worker` for the
embedded database backend, an RQ worker (django-rq's `rqworker` with django-tasks-rq's job class) when
FAZHI_TASKS_BACKEND is django_tasks_rq.RQBackend; start as many as you like, on any machine that reaches the
database and Redis.

Runs every queue, without the autoreloader. `fazhi serve` and `fazhi demo` start one alongside the web server
(and start it again if it dies). Alongside the tasks, the worker
looks after import jobs: at start and every FAZHI_JOB_STALE_SECONDS / 2 a running job whose worker died is
marked failed (tasks.fail_stale_jobs) and the rows of an import that died half published are deleted
(importing.discard_stale_batches), and at start and daily old uploads are deleted (tasks.cleanup_import_files,
also `fazhi cleanup`)."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

log = logging.getLogger(__name__)

CLEANUP_EVERY_SECONDS = 24 * 3600


class JobSweeper:
    """A daemon thread of the worker: stale jobs every `every` seconds, old files every day."""

    def __init__(self, every: float | None = None) -> None:
        self.every = every if every is not None else max(5.0, settings.FAZHI_JOB_STALE_SECONDS / 2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="import-job-sweeper", daemon=True)

    def start(self) -> JobSweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def sweep(self, *, files: bool) -> None:
        from fazhi.core.importing import discard_stale_batches
        from fazhi.core.tasks import cleanup_import_files, fail_stale_jobs

        try:
            discard_stale_batches()
            fail_stale_jobs()
            if files:
                cleanup_import_files()
        except (
            DatabaseError,
            OSError,
        ):  # a busy database or a file system hiccup: the next round tries again
            log.warning("import job sweep failed", exc_info=True)

    def _run(self) -> None:
        last_cleanup = time.monotonic()
        try:
            while not self._stop.wait(self.every):
                due = time.monotonic() - last_cleanup >= CLEANUP_EVERY_SECONDS
                self.sweep(files=due)
                if due:
                    last_cleanup = time.monotonic()
        finally:
            connection.close()  # this thread's own connection


class Command(BaseCommand):
    help = "运行后台任务进程（数据库后端或 RQ 后端，由 FAZHI_TASKS_BACKEND 决定）"

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="要处理的队列，逗号分隔；* 为全部（默认）")
        parser.add_argument("--interval", type=float, default=1.0, help="无任务时的轮询间隔（秒）")
        parser.add_argument("--batch", action="store_true", help="处理完现有任务后退出")

    def handle(self, *args, **options):
        from .serve import ensure_database_dir

        ensure_database_dir()
        sweeper = JobSweeper()
        sweeper.sweep(files=True)
        sweeper.start()
        try:
            if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq."):
                return self.rq_worker(options)
            call_command(
                "db_worker",
                queue_name=options["queue_name"],
                interval=options["interval"],
                batch=options["batch"],
                reload=False,
                verbosity=options["verbosity"],
            )
        finally:
            sweeper.stop()

    def rq_worker(self, options) -> None:
        """RQ's worker forks a work horse per job (a job that crashes or leaks takes only its horse along) and
        stops after the running job on SIGTERM."""
        queues = list(settings.TASKS["default"].get("QUEUES") or ["default"])
        if options["queue_name"] != "*":
            queues = [q.strip() for q in options["queue_name"].split(",") if q.strip()]
        call_command(
            "rqworker",
            *queues,
            job_class="django_tasks_rq.Job",
            burst=options["batch"],
            with_scheduler=not options["batch"],
            verbosity=options["verbosity"],
        )
