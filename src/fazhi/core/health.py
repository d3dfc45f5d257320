"""Health endpoints for load balancers, systemd and monitoring.

- `/healthz` (liveness): the process answers; touches nothing else, so a slow database never gets a healthy app
  server restarted.
- `/readyz` (readiness): the database answers a query and the task queue backend answers (for the database backend
  a query of its table). 200 when both do, 503 otherwise; the body names which check failed and the exception's
  class only (no message: the endpoint is public behind nginx and messages can name hosts and users). With a read
  replica (FAZHI_DATABASE_REPLICA_URL) the body also gives its state ("lag 0.0s", "unavailable (…)"), which never
  makes the app unready: the replica's reads then go to the primary (fazhi.core.replica).
- `/metrics`: Prometheus figures (fazhi.core.metrics), to Prometheus only.

`HealthMiddleware` answers these three paths itself, right after the request id is set and before the other
middleware, so they need no login, no session, no CSRF or CSP, no https redirect, and answer on the app server's
own address (a probe to 127.0.0.1:8000 whose Host is not in ALLOWED_HOSTS).

Queue backends: `queue_state` looks up a probe by the backend's class path (`register_queue_probe`). The database
backend of django-tasks-db and the in-process backends (immediate, dummy: nothing to reach) have one here; another
backend (RQ on Redis) registers its own from its module, e.g. in an AppConfig.ready():

    register_queue_probe("django_tasks_rq.", rq_probe)   # rq_probe(backend, counts) -> QueueState

A backend without a probe is reported as not checked (ready, `"queue": "unchecked"`), never silently as checked.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, connections
from django.http import HttpResponse

log = logging.getLogger(__name__)


@dataclass
class QueueState:
    ok: bool
    detail: str = "ok"
    depth: int | None = None  # tasks waiting
    failed: int | None = None  # tasks ended in an error
    by_status: dict[str, int] = field(default_factory=dict)


QueueProbe = Callable[[object, bool], QueueState]
_PROBES: list[tuple[str, QueueProbe]] = []


def register_queue_probe(class_path_prefix: str, probe: QueueProbe) -> None:
    """`probe(backend, counts)` for backends whose class path starts with the prefix (the latest wins)."""
    _PROBES.insert(0, (class_path_prefix, probe))


def _class_path(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def queue_state(*, counts: bool = False) -> QueueState:
    from django_tasks import task_backends

    try:
        backend = task_backends["default"]
    except Exception as exc:  # a misconfigured backend: not ready
        return QueueState(ok=False, detail=type(exc).__name__)
    path = _class_path(backend)
    for prefix, probe in _PROBES:
        if path.startswith(prefix):
            try:
                return probe(backend, counts)
            except Exception as exc:
                log.warning("queue probe failed", exc_info=True)
                return QueueState(ok=False, detail=type(exc).__name__)
    return QueueState(ok=True, detail="unchecked")


def _database_probe(backend: object, counts: bool) -> QueueState:
    from django.db.models import Count
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.order_by()
    list(rows.values_list("pk")[:1])  # the table is there and answers
    if not counts:
        return QueueState(ok=True)
    by_status = dict.fromkeys(TaskResultStatus.values, 0)
    by_status.update(dict(rows.values_list("status").annotate(n=Count("pk"))))
    return QueueState(
        ok=True,
        depth=by_status[TaskResultStatus.READY.value],
        failed=by_status[TaskResultStatus.FAILED.value],
        by_status=by_status,
    )


def _in_process_probe(backend: object, counts: bool) -> QueueState:
    return QueueState(ok=True, detail="in-process", depth=0 if counts else None, failed=None)


def _rq_probe(backend: object, counts: bool) -> QueueState:
    """RQ on Redis: Redis answers a PING; with counts, the jobs waiting and failed on the backend's queues."""
    import django_rq

    queues = sorted(getattr(backend, "queues", None) or ["default"])
    connection = django_rq.get_connection(queues[0])
    connection.ping()
    if not counts:
        return QueueState(ok=True)
    depth = failed = 0
    for name in queues:
        queue = django_rq.get_queue(name)
        depth += queue.count
        failed += queue.failed_job_registry.count
    return QueueState(ok=True, depth=depth, failed=failed, by_status={"READY": depth, "FAILED": failed})


register_queue_probe("django_tasks.backends.immediate.", _in_process_probe)
register_queue_probe("django_tasks.backends.dummy.", _in_process_probe)
register_queue_probe("django_tasks_db.", _database_probe)
register_queue_probe("django_tasks_rq.", _rq_probe)


def database_ok() -> tuple[bool, str]:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return False, type(exc).__name__
    return True, "ok"


def _json(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(data), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def healthz(request) -> HttpResponse:
    return _json({"status": "ok"})


def readyz(request) -> HttpResponse:
    db_ok, db_detail = database_ok()
    if db_ok:
        queue = queue_state()
        queue_ok, queue_detail = queue.ok, queue.detail
    else:
        queue_ok, queue_detail = False, "database unavailable"
    ready = db_ok and queue_ok
    checks = {"database": db_detail, "queue": queue_detail}
    # The read replica (when set) is reported but never makes the app unready: reads fall back to the primary.
    from .replica import replica_status

    replica = replica_status(fresh=True) if db_ok else None
    if replica is not None:
        checks["replica"] = replica.detail
    return _json({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


class HealthMiddleware:
    """Answers /healthz, /readyz and /metrics before the rest of the middleware (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method in {"GET", "HEAD"}:
            if path == "/healthz":
                return healthz(request)
            if path == "/readyz":
                return readyz(request)
            if path == "/metrics":
                from .metrics import metrics_view

                return metrics_view(request)
        return self.get_response(request)
