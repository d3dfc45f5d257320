"""Prometheus metrics (prometheus-client), served at /metrics to Prometheus only.

- `fazhi_http_request_duration_seconds{method,view,status}`: a histogram of every request's latency, by URL name
  (not path: ids would make a series per record). Under gunicorn each worker process writes its figures to
  PROMETHEUS_MULTIPROC_DIR (set by `fazhi serve --production`), and /metrics adds them up across workers.
- `fazhi_task_queue_depth`, `fazhi_task_results{status}`, `fazhi_task_failures`, `fazhi_import_jobs{status}`,
  `fazhi_task_queue_up`: read from the queue backend and the database when /metrics is scraped, so they are the
  same whichever process answers (fazhi.core.health.queue_state, one probe per backend).

Access (`metrics_allowed`): a request made straight to the app server from this machine (loopback peer and no
proxy header: nginx always adds X-Forwarded-For), or one carrying `Authorization: Bearer <FAZHI_METRICS_TOKEN>`.
Anything else gets a 404, and the nginx site refuses /metrics as well, so the figures never reach the public.
"""

from __future__ import annotations

import hmac
import os
import threading
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound

from .clientip import is_direct_loopback

BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_MAKING = threading.Lock()


def _latency():
    """The histogram, made once per process: a gunicorn worker's first requests arrive on several threads at
    once, and lru_cache alone lets each of them build (and register) its own."""
    with _MAKING:
        return _make_latency()


@lru_cache(maxsize=1)
def _make_latency():
    from prometheus_client import Histogram

    return Histogram(
        "fazhi_http_request_duration_seconds",
        "Time to answer an HTTP request, by URL name, method and status",
        ["method", "view", "status"],
        buckets=BUCKETS,
    )


def observe_request(method: str, view: str, status: int, seconds: float) -> None:
    _latency().labels(method=method, view=view, status=str(status)).observe(seconds)


def metrics_allowed(request) -> bool:
    token = settings.FAZHI_METRICS_TOKEN
    if token:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
            return True
    return is_direct_loopback(request)


class QueueCollector:
    """Figures read from the queue and the import jobs at scrape time."""

    def collect(self):
        from django.db import DatabaseError
        from django.db.models import Count
        from prometheus_client.core import GaugeMetricFamily

        from .health import queue_state
        from .models import ImportJob

        state = queue_state(counts=True)
        yield GaugeMetricFamily(
            "fazhi_task_queue_up", "1 when the task queue backend answers", value=1 if state.ok else 0
        )
        if state.depth is not None:
            yield GaugeMetricFamily(
                "fazhi_task_queue_depth", "Tasks waiting to be run by a worker", value=state.depth
            )
        if state.failed is not None:
            yield GaugeMetricFamily(
                "fazhi_task_failures",
                "Background tasks that ended in an error and are still kept by the backend",
                value=state.failed,
            )
        if state.by_status:
            results = GaugeMetricFamily("fazhi_task_results", "Background tasks by status", labels=["status"])
            for status, n in sorted(state.by_status.items()):
                results.add_metric([status], n)
            yield results
        try:
            rows = ImportJob.objects.order_by().values_list("status").annotate(n=Count("pk"))
            jobs = GaugeMetricFamily("fazhi_import_jobs", "Import jobs by status", labels=["status"])
            counts = dict.fromkeys(ImportJob.State.values, 0)
            counts.update(dict(rows))
            for status, n in sorted(counts.items()):
                jobs.add_metric([status], n)
            yield jobs
        except DatabaseError:
            pass


def render() -> bytes:
    from prometheus_client import REGISTRY as process_registry
    from prometheus_client import CollectorRegistry, generate_latest

    _latency()  # the histogram exists (and is listed) before the first request is timed
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = process_registry
    queue = CollectorRegistry(auto_describe=False)
    queue.register(QueueCollector())
    return generate_latest(requests) + generate_latest(queue)


def metrics_view(request):
    if not metrics_allowed(request):
        return HttpResponseNotFound("Not Found", content_type="text/plain")
    from prometheus_client import CONTENT_TYPE_LATEST

    return HttpResponse(render(), content_type=CONTENT_TYPE_LATEST)
