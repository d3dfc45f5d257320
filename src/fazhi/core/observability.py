"""Request ids, the request log and the per-request metrics.

`RequestIdMiddleware` (first in MIDDLEWARE) gives every request an id: the incoming `X-Request-ID` when it is a
plausible one (nginx passes the client's or makes its own, so one id follows a request from nginx's log to ours),
otherwise a new random one. The id is sent back as `X-Request-ID`, put on every log record made while the request
runs (`RequestIdFilter`, in LOGGING), and logged once per request on the `fazhi.request` logger with method,
path (never the query string: searches carry people's names), status, duration, client address and user id.
The same middleware times the request for Prometheus (fazhi.core.metrics). Probes (/healthz, /readyz, /metrics)
are neither logged at INFO nor timed, so a monitor polling them does not drown the log or the latency figures."""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

from .clientip import client_ip

log = logging.getLogger("fazhi.request")

request_id_var: ContextVar[str] = ContextVar("fazhi_request_id", default="-")

# Letters, digits and -_.:@ up to 128 characters (a UUID, nginx's $request_id, a tracing header's id).
_VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$")
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def incoming_request_id(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if _VALID_ID.match(value) else None


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def _view_label(request) -> str:
    from django.conf import settings

    match = getattr(request, "resolver_match", None)
    if match is None:
        return "static" if request.path.startswith(settings.STATIC_URL) else "<unmatched>"
    return match.view_name or match.route or "<unnamed>"


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = incoming_request_id(request.META.get("HTTP_X_REQUEST_ID")) or uuid.uuid4().hex
        request.request_id = rid
        request_id_var.set(rid)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = rid
            return response
        finally:
            elapsed = time.perf_counter() - started
            probe = request.path in PROBE_PATHS
            if not probe:
                from . import metrics

                metrics.observe_request(request.method, _view_label(request), status, elapsed)
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
            log.log(
                logging.DEBUG if probe else logging.INFO,
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                elapsed * 1000,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "client_ip": client_ip(request),
                    "user_id": user_id,
                },
            )
            # The id stays set until the response is closed (request_finished), so Django's own log line of a
            # 4xx/5xx answer, written after the middleware returned, carries it too.


@receiver(request_finished, dispatch_uid="fazhi.core.observability.request_id_cleared")
def _clear_request_id(sender, **kwargs) -> None:
    request_id_var.set("-")
