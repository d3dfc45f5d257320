"""Reads of the dashboard, exports and report rendering on a read replica (FAZHI_DATABASE_REPLICA_URL).

Without the setting there is no `replica` database alias and everything runs on `default`, as before.

With it, `ReplicaRouter` (settings.DATABASE_ROUTERS) sends a read to the replica only when all of these hold:

- the code runs inside an explicit `use_replica()` scope (a context manager and a view decorator, put innermost,
  under `login_required`, so that the session and the user are read from the primary);
- nothing has been written in this request (or, outside a request, in this scope): `ReplicaMiddleware` watches
  every statement on `default` (an execute wrapper) and the router's `db_for_write` marks the request as having
  written; from then on every read stays on the primary, so a request never reads behind its own write;
- the model is not one of the session, lockout or queue tables (`PRIMARY_ONLY_APPS`);
- the replica answers and is at most FAZHI_REPLICA_LAG_MAX seconds behind (`replica_status`, checked at most
  every FAZHI_REPLICA_CHECK_SECONDS per process). A replica that is down or far behind is skipped: the reads go
  to the primary, the pages keep working, and /readyz names the replica's state without failing.

The replica is never migrated and never written (writes go to `default`).

Lag on PostgreSQL: the primary's `pg_current_wal_lsn()` against the replica's `pg_last_wal_replay_lsn()`. When
the replica has replayed everything the primary wrote, the lag is 0 (an idle primary writes nothing, and
`now() - pg_last_xact_replay_timestamp()` would grow without the replica being behind at all); otherwise it is
the time since the last transaction the replica replayed was committed. Above FAZHI_REPLICA_LAG_WARN seconds the
dashboard says 数据可能滞后约N秒. Clocks: both servers' `now()` are compared, so keep them in time (NTP).
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import ContextDecorator
from contextvars import ContextVar, Token
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

log = logging.getLogger(__name__)

REPLICA = "replica"
# Tables read and written around every request (sessions, login lockout) or by the task queue: always primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_tasks_database"})
# Statements that neither write nor lock (anything else on `default` marks the request as having written).
_READ_PREFIXES = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SHOW", "SET ", "EXPLAIN")
_LOCKS = (" FOR UPDATE", " FOR NO KEY UPDATE", " FOR SHARE", " FOR KEY SHARE")


@dataclass
class _State:
    depth: int = 0  # nesting of use_replica() scopes
    wrote: bool = False  # something was written on `default` in this request/scope
    used: bool = False  # at least one read went to the replica


_STATE: ContextVar[_State | None] = ContextVar("fazhi_replica_state", default=None)


def configured() -> bool:
    return REPLICA in settings.DATABASES


def mark_write() -> None:
    state = _STATE.get()
    if state is not None:
        state.wrote = True


def wrote() -> bool:
    state = _STATE.get()
    return bool(state and state.wrote)


def used_replica() -> bool:
    """Whether a read of this request (or scope) went to the replica."""
    state = _STATE.get()
    return bool(state and state.used)


class use_replica(ContextDecorator):  # noqa: N801 - used like a function: `with use_replica():`, `@use_replica()`
    """Reads inside go to the replica when there is a usable one and nothing was written before (module doc)."""

    def _recreate_cm(self) -> use_replica:
        return type(self)()  # a decorated view runs in many threads at once: one scope object per call

    def __enter__(self) -> use_replica:
        state = _STATE.get()
        self._token: Token | None = None
        if state is None:  # outside a request (a command, a task): the scope tracks its own writes
            state = _State()
            self._token = _STATE.set(state)
        state.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        state = _STATE.get()
        if state is not None:
            state.depth -= 1
        if self._token is not None:
            _STATE.reset(self._token)


def _is_write(sql: str) -> bool:
    head = sql.lstrip(" \n\t(").upper()
    if not head.startswith(_READ_PREFIXES):
        return True
    return head.startswith("SELECT") and any(lock in head for lock in _LOCKS)


def _watch(execute, sql, params, many, context):
    if many or _is_write(sql):
        mark_write()
    return execute(sql, params, many, context)


class ReplicaMiddleware:
    """A fresh read/write state per request, and every statement on `default` watched for writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not configured():
            return self.get_response(request)
        token = _STATE.set(_State())
        try:
            with connections["default"].execute_wrapper(_watch):
                return self.get_response(request)
        finally:
            _STATE.reset(token)


# ---------------------------------------------------------------------------------------------------------
# The replica's state


@dataclass(frozen=True)
class ReplicaStatus:
    ok: bool  # reachable and not beyond the hard limit: reads may go there
    lag: float | None = None  # seconds behind the primary (None when unknown or not PostgreSQL)
    detail: str = "ok"


_cache_lock = threading.Lock()
_cached: tuple[float, ReplicaStatus] | None = None


def lag_warn() -> float:
    return float(getattr(settings, "FAZHI_REPLICA_LAG_WARN", 30))


def lag_max() -> float:
    return float(getattr(settings, "FAZHI_REPLICA_LAG_MAX", 300))


def _measure() -> ReplicaStatus:
    replica = connections[REPLICA]
    try:
        if replica.vendor != "postgresql":
            with replica.cursor() as cursor:
                cursor.execute("SELECT 1")
            return ReplicaStatus(ok=True)
        primary_lsn = None
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_current_wal_lsn()::text")
                primary_lsn = cursor.fetchone()[0]
        with replica.cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), "
                "COALESCE(pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()), 0), "
                "COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0), "
                "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
                [primary_lsn or "0/0"],
            )
            in_recovery, behind_primary, unreplayed, since_replay = cursor.fetchone()
    except DatabaseError as exc:
        log.warning("replica unavailable: %s", type(exc).__name__)
        try:
            replica.close()
        except DatabaseError:
            pass
        return ReplicaStatus(ok=False, detail=f"unavailable ({type(exc).__name__})")
    if not in_recovery:
        # A promoted replica (or a URL that names a primary) is not behind anything: nothing to measure.
        return ReplicaStatus(ok=True, lag=0.0, detail="not in recovery")
    behind = (behind_primary if primary_lsn else unreplayed) or 0
    lag = max(0.0, float(since_replay or 0)) if behind > 0 else 0.0
    if lag > lag_max():
        return ReplicaStatus(ok=False, lag=lag, detail=f"lag {lag:.0f}s > {lag_max():.0f}s")
    return ReplicaStatus(ok=True, lag=lag, detail=f"lag {lag:.1f}s")


def replica_status(*, fresh: bool = False) -> ReplicaStatus | None:
    """The replica's state (None without a replica), measured at most every FAZHI_REPLICA_CHECK_SECONDS."""
    global _cached
    if not configured():
        return None
    interval = float(getattr(settings, "FAZHI_REPLICA_CHECK_SECONDS", 5))
    now = time.monotonic()
    with _cache_lock:
        if not fresh and _cached is not None and now - _cached[0] < interval:
            return _cached[1]
    status = _measure()
    with _cache_lock:
        _cached = (time.monotonic(), status)
    return status


def forget_status() -> None:
    global _cached
    with _cache_lock:
        _cached = None


def lag_notice() -> str:
    """The dashboard's notice when this request read from a replica that is behind (empty otherwise)."""
    if not used_replica():
        return ""
    status = replica_status()
    if status is None or status.lag is None or status.lag <= lag_warn():
        return ""
    return f"数据可能滞后约{round(status.lag)}秒：本页的统计读自只读副本，最近的改动稍后才会显示。"


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: see the module docstring."""

    def db_for_read(self, model, **hints):
        if self._replica_allowed(model):
            state = _STATE.get()
            assert state is not None  # noqa: S101 - _replica_allowed checked it
            state.used = True
            return REPLICA
        instance = hints.get("instance")
        if instance is not None and getattr(instance._state, "db", None) == REPLICA:
            # A related object of a row read from the replica, read outside the scope or after a write: Django
            # would follow the row to the replica; the primary answers instead.
            return "default"
        return None

    def _replica_allowed(self, model) -> bool:
        state = _STATE.get()
        if state is None or state.depth <= 0 or state.wrote or not configured():
            return False
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return False
        status = replica_status()
        return status is not None and status.ok

    def db_for_write(self, model, **hints):
        mark_write()
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == REPLICA:
            return False
        return None
