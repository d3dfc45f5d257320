"""`fazhi serve`: the web server, with the background worker (`fazhi worker`) alongside.

The web server is Django's own (threaded, no autoreloader); static files come from WhiteNoise, so no
collectstatic is needed. For a production deployment put gunicorn behind nginx (see README); this command
is for the demo and a single office on one machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand


def ensure_database_dir() -> None:
    """A fresh checkout has no var/ (it is git-ignored); SQLite creates its file but not the directory."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if db["ENGINE"].endswith("sqlite3") and name != ":memory:" and "mode=memory" not in name:
        Path(name).parent.mkdir(parents=True, exist_ok=True)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM if the server process dies without cleaning up."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start_worker(verbosity: int = 1) -> subprocess.Popen:
    """`fazhi worker` as a child process in its own session (a Ctrl+C reaches the server, which stops it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "fazhi", "worker", f"--verbosity={verbosity}"],
        env=os.environ.copy(),
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )


def stop_worker(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()  # db_worker finishes the running task, then exits
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Command(BaseCommand):
    help = "启动 Web 服务（并在旁启动后台任务进程）"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("FAZHI_PORT", "8000")))
        parser.add_argument(
            "--host",
            default=os.environ.get("FAZHI_HOST", "127.0.0.1"),
            help="监听地址（默认 127.0.0.1，仅本机可访问）",
        )
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")

    def handle(self, *args, **options):
        from django.conf import settings

        ensure_database_dir()
        worker = None
        if not options["no_worker"]:
            backend = settings.TASKS.get("default", {}).get("BACKEND", "")
            if backend.startswith("django_tasks_db."):
                worker = start_worker(verbosity=max(0, options["verbosity"] - 1))
                self.stdout.write(f"后台任务进程已启动（pid {worker.pid}）")
            else:
                self.stdout.write(f"任务后端为 {backend}，不启动数据库任务进程")

        def _term(signum, frame):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, _term)
        try:
            call_command(
                "runserver",
                f"{options['host']}:{options['port']}",
                use_reloader=False,
                use_threading=True,
                verbosity=options["verbosity"],
            )
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            stop_worker(worker)
            if worker is not None:
                self.stdout.write("后台任务进程已停止")
