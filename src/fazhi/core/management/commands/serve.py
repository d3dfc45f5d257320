"""`fazhi serve`: the web server, with the background worker (`fazhi worker`) alongside.

Without options the web server is Django's own (threaded, no autoreloader), for the demo and development; static
files come from WhiteNoise through the app directories, so no collectstatic is needed.

`fazhi serve --production [--workers N] [--bind ADDR:PORT ...]` runs gunicorn instead (fazhi.core.production),
after collecting the static files into STATIC_ROOT ($FAZHI_VAR_DIR/static), which WhiteNoise then serves; this is
what the systemd unit deploy/systemd/fazhi-web.service starts behind nginx (README, 部署 / Deployment). There the
worker runs as its own unit (fazhi-worker.service), so the unit passes --no-worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
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


def worker_command(verbosity: int = 1) -> list[str]:
    return [sys.executable, "-m", "fazhi", "worker", f"--verbosity={verbosity}"]


def start_worker(verbosity: int = 1, command: list[str] | None = None) -> subprocess.Popen:
    """`fazhi worker` as a child process in its own session (a Ctrl+C reaches the server, which stops it)."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments (or a test's command list)
        command or worker_command(verbosity),
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


class WorkerSupervisor:
    """Keeps one worker process running while the server runs: starts it, and starts it again when it exits
    for any reason (kill -9, out of memory, a crash), after a pause that grows while it keeps dying at once
    (`min_uptime`), up to `max_delay` seconds. The jobs the dead worker was running are marked failed by the
    new worker (or when their page is polled), so new imports no longer wait for a restart of the server."""

    def __init__(
        self,
        command: list[str],
        *,
        out=None,
        poll: float = 0.5,
        min_uptime: float = 30.0,
        first_delay: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self.command = command
        self.out = out
        self.poll = poll
        self.min_uptime = min_uptime
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-supervisor", daemon=True)

    def _say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text)

    def start(self) -> WorkerSupervisor:
        self._spawn()
        self._thread.start()
        return self

    def _spawn(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self.proc = start_worker(command=self.command)
            self.starts += 1
        self._say(f"后台任务进程已启动（pid {self.proc.pid}）")

    def _run(self) -> None:
        quick_deaths = 0
        while not self._stop.is_set():
            proc = self.proc
            started = time.monotonic()
            while proc is not None and proc.poll() is None and not self._stop.wait(self.poll):
                pass
            if self._stop.is_set():
                return
            code = proc.returncode if proc is not None else None
            quick_deaths = quick_deaths + 1 if time.monotonic() - started < self.min_uptime else 0
            delay = self.restart_delay(quick_deaths)
            self._say(f"后台任务进程已退出（退出码 {code}），{delay:g} 秒后重新启动")
            if self._stop.wait(delay):
                return
            self._spawn()

    def restart_delay(self, quick_deaths: int) -> float:
        """The pause before a restart: `first_delay`, doubled for each death in a row within `min_uptime`."""
        return min(self.max_delay, self.first_delay * 2 ** max(0, quick_deaths - 1))

    def stop(self) -> None:
        with self._lock:
            self._stop.set()
        self._thread.join()
        stop_worker(self.proc)


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
        parser.add_argument(
            "--production", action="store_true", help="以生产方式运行（gunicorn 多进程；先收集静态文件）"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="gunicorn 工作进程数（仅 --production）"
        )
        parser.add_argument("--threads", type=int, default=4, help="每个工作进程的线程数（仅 --production）")
        parser.add_argument("--timeout", type=int, default=120, help="单个请求的超时秒数（仅 --production）")
        parser.add_argument(
            "--bind",
            action="append",
            default=None,
            help="监听地址，如 127.0.0.1:8000 或 unix:/run/fazhi/web.sock，可重复（仅 --production；默认 --host:--port）",
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="不收集静态文件（仅 --production）"
        )

    def _worker(self, options) -> WorkerSupervisor | None:
        from django.conf import settings

        if options["no_worker"]:
            return None
        backend = settings.TASKS.get("default", {}).get("BACKEND", "")
        if backend.startswith(("django_tasks_db.", "django_tasks_rq.")):  # `fazhi worker` runs either
            command = worker_command(verbosity=max(0, options["verbosity"] - 1))
            return WorkerSupervisor(command, out=self.stdout).start()
        self.stdout.write(f"任务后端为 {backend}，不启动后台任务进程")
        return None

    def handle(self, *args, **options):
        ensure_database_dir()
        if options["production"]:
            return self.production(options)
        worker = self._worker(options)

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
            if worker is not None:
                worker.stop()
                self.stdout.write("后台任务进程已停止")

    def production(self, options) -> None:
        from django.core.management.base import CommandError

        from fazhi.core import production

        workers = options["workers"] if options["workers"] is not None else production.default_workers()
        if workers < 1 or options["threads"] < 1 or options["timeout"] < 1:
            raise CommandError("--workers、--threads 和 --timeout 必须是正整数")
        bind = options["bind"] or [f"{options['host']}:{options['port']}"]
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        state: dict[str, WorkerSupervisor | None] = {"worker": None}

        def on_ready(server) -> None:
            state["worker"] = self._worker(options)

        def on_exit(server) -> None:
            if state["worker"] is not None:
                state["worker"].stop()
                self.stdout.write("后台任务进程已停止")

        self.stdout.write(
            f"gunicorn：{workers} 个工作进程 × {options['threads']} 线程，监听 {', '.join(bind)}"
        )
        production.run(
            bind=bind,
            workers=workers,
            threads=options["threads"],
            timeout=options["timeout"],
            on_ready=on_ready,
            on_exit=on_exit,
        )
