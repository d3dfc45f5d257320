"""`fazhi serve --production`: gunicorn, run in this process through its application API.

Why gunicorn: the maintained pre-fork WSGI server Django's deployment docs describe first; pure Python (nothing
to compile on a county's server), restarts a worker that dies or hangs (`timeout`), recycles workers after
`max_requests` (bounds any slow leak), and stops gracefully on SIGTERM as systemd sends it. Fazhi is a WSGI app
with no async views, so an ASGI server (uvicorn, daphne) would add nothing.

Workers are sync processes with a few threads each (`gthread`): a page blocked on a slow report or on SQLite's
single writer holds one thread, not a whole process. nginx in front buffers uploads and slow clients.

Prometheus: each worker process writes its request figures to a directory (PROMETHEUS_MULTIPROC_DIR, emptied at
start, a dead worker's files marked dead) that /metrics adds up, so the figures do not depend on which worker
answers the scrape. The variable must be set before prometheus_client is first imported; this module sets it
before the WSGI application (and with it the middleware) is loaded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings


def default_workers() -> int:
    return min(8, 2 * (os.cpu_count() or 1) + 1)


def metrics_dir() -> Path:
    return Path(settings.VAR_DIR) / "prometheus"


def prepare_metrics_dir() -> Path:
    path = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or metrics_dir())
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    return path


def logging_config() -> dict:
    """Django's LOGGING with gunicorn's own loggers sent through the same handler and format."""
    config = {key: value for key, value in settings.LOGGING.items() if key != "loggers"}
    loggers = dict(settings.LOGGING.get("loggers", {}))
    loggers["gunicorn.error"] = {"level": "INFO", "handlers": ["console"], "propagate": False}
    loggers["gunicorn.access"] = {"level": "WARNING", "handlers": ["console"], "propagate": False}
    config["loggers"] = loggers
    return config


def run(*, bind: list[str], workers: int, threads: int, timeout: int, on_ready=None, on_exit=None) -> None:
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    prepare_metrics_dir()

    def when_ready(server):
        connections.close_all()  # no connection of the master is shared with the forked workers
        if on_ready is not None:
            on_ready(server)

    def child_exit(server, worker):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

    def exiting(server):
        if on_exit is not None:
            on_exit(server)

    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": 2000,
        "max_requests_jitter": 200,
        # X-Forwarded-Proto from the same peers Django believes for the client address.
        "forwarded_allow_ips": ",".join(settings.FAZHI_TRUSTED_PROXIES) or "127.0.0.1,::1",
        "accesslog": None,  # fazhi.request logs every request with its id (fazhi.core.observability)
        "errorlog": "-",
        "logconfig_dict": logging_config(),
        "proc_name": "fazhi",
        # gunicorn 24+'s runtime control socket (in $HOME by default): not used; systemd sends the signals.
        "control_socket_disable": True,
        "when_ready": when_ready,
        "child_exit": child_exit,
        "on_exit": exiting,
    }

    class FazhiApplication(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from fazhi.wsgi import application

            return application

    FazhiApplication().run()
