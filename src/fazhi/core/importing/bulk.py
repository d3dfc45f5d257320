"""Bulk writes of validated rows with their history, and all-or-nothing publication (SQLite staging)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from .cells import IMPORT_REASON

if TYPE_CHECKING:
    from django.db.models import Model

# --------------------------------------------------------------------------------------------------------
# Bulk writes
#
# Django's bulk_create compiles every value of every row through the field machinery (about 5 µs a value);
# an import of 100k cases writes some 30 million values counting history, applicants and timeline. The
# rows here are already validated Python values, so each is converted once per field kind and sent with
# executemany or multi-row INSERT … RETURNING (SQLite), or COPY (PostgreSQL). The history rows are exactly
# those simple_history's bulk_history_create writes (history_type "+", user, reason, date, every tracked
# field), built from the converted values of the records without a model instance each.

_PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
_AUTO = ("AutoField", "BigAutoField", "SmallAutoField")


def _memo(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Convert each distinct value once (timestamps repeat across a batch: created_at, history_date)."""
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = fn(value)
            return result
        except TypeError:  # unhashable
            return fn(value)

    return convert


def _date_converter(connection) -> Callable[[Any], Any] | None:
    """None when the driver takes date objects as they are: psycopg, and sqlite3 with the ISO adapter Django
    registers (the same text adapt_datefield_value would produce)."""
    probe = dt.date(2000, 1, 2)
    adapted = connection.ops.adapt_datefield_value(probe)
    if adapted is probe:
        return None
    if connection.vendor == "sqlite" and adapted == probe.isoformat():
        import sqlite3

        adapter = sqlite3.adapters.get((dt.date, sqlite3.PrepareProtocol))
        if adapter is not None and adapter(probe) == adapted:
            return None
    return connection.ops.adapt_datefield_value


class _Plan:
    """How rows of one model become parameter lists: the inserted fields (the auto primary key left to the
    database), each with its converter to a database value and its default."""

    def __init__(self, model, connection, now) -> None:
        self.model = model
        self.connection = connection
        self.fields = []
        self.converters: list[Callable[[Any], Any] | None] = []
        self.defaults: list[Any] = []
        date_conv = _date_converter(connection)
        for f in model._meta.concrete_fields:
            kind = f.get_internal_type()
            if f.primary_key and kind in _AUTO:
                continue
            if kind in _PLAIN:
                conv = None
            elif kind == "DateField":
                conv = date_conv
            else:
                conv = _memo(lambda v, field=f: field.get_db_prep_save(v, connection))
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            else:
                default = f.get_default()  # "" for a text field without a default, None for a nullable one
            self.fields.append(f)
            self.converters.append(conv)
            self.defaults.append(default)
        self.attnames = [f.attname for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.attnames)}
        self._getters = list(zip(self.attnames, self.defaults, strict=True))
        self._converted = [(i, c) for i, c in enumerate(self.converters) if c is not None]

    def convert(self, i: int, value: Any) -> Any:
        conv = self.converters[i]
        return value if conv is None or value is None else conv(value)

    def values(self, row: dict[str, Any]) -> list[Any]:
        out = [row.get(name, default) for name, default in self._getters]
        for i, conv in self._converted:
            v = out[i]
            if v is not None:
                out[i] = conv(v)
        return out

    def insert(self, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        """INSERT the parameter lists; with `returning`, the new primary keys in order. The row watchers
        hear of the rows (a staged import's when they are published)."""
        if not value_lists:
            return [] if returning else None
        stage = _STAGE.get()
        if stage is not None and stage.connection is self.connection:
            return stage.insert(self, value_lists, returning=returning)
        watched = any(w.watches(self.model) for w in ROW_WATCHERS)
        ids = self._insert(value_lists, returning=returning or watched)
        if watched:
            rows_added(self.model, ids or [], using=self.connection.alias)
        return ids if returning else None

    def _insert(self, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        if self.connection.vendor == "postgresql":
            return self._copy(value_lists, returning=returning)
        qn = self.connection.ops.quote_name
        table = qn(self.model._meta.db_table)
        cols = ", ".join(qn(f.column) for f in self.fields)
        one = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        with self.connection.cursor() as cursor:
            if not returning:
                sql = f"INSERT INTO {table} ({cols}) VALUES {one}"  # noqa: S608 - quoted model identifiers only; values are parameters
                for part in chunked(value_lists, 5000):
                    cursor.executemany(sql, part)
                return None
            pk = self.model._meta.pk
            if not self.connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover - old SQLite
                ids = []
                for values in value_lists:
                    cursor.execute(f"INSERT INTO {table} ({cols}) VALUES {one}", values)  # noqa: S608 - quoted model identifiers only; values are parameters
                    ids.append(
                        self.connection.ops.last_insert_id(cursor, self.model._meta.db_table, pk.column)
                    )
                return ids
            per = max(1, min(2000, _param_limit(self.connection) // max(1, len(self.fields))))
            ids = []
            for part in chunked(value_lists, per):
                params = [v for values in part for v in values]
                cursor.execute(
                    f"INSERT INTO {table} ({cols}) VALUES {', '.join([one] * len(part))} RETURNING {qn(pk.column)}",  # noqa: S608 - quoted model identifiers only; values are parameters
                    params,
                )
                ids.extend(r[0] for r in cursor.fetchall())
            return ids

    def _copy(self, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        """PostgreSQL: COPY … FROM STDIN (psycopg 3). New ids are drawn from the table's sequence first
        (nextval, so concurrent writers never collide) and sent with the rows."""
        qn = self.connection.ops.quote_name
        pk = self.model._meta.pk
        cols = [qn(f.column) for f in self.fields]
        ids: list[int] = []
        with self.connection.cursor() as cursor:
            if returning:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.model._meta.db_table, pk.column, len(value_lists)],
                )
                ids = [r[0] for r in cursor.fetchall()]
                cols.insert(0, qn(pk.column))
            sql = f"COPY {qn(self.model._meta.db_table)} ({', '.join(cols)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                if returning:
                    for pk_value, values in zip(ids, value_lists, strict=True):
                        copy.write_row([pk_value, *values])
                else:
                    for values in value_lists:
                        copy.write_row(values)
        return ids if returning else None


class RowWatcher(Protocol):
    """Derived data kept in step with rows written in bulk (indicators.summary): told of the rows inserted, and
    of rows about to be deleted, inside the writing transaction."""

    def watches(self, model: type[Model]) -> bool: ...

    def added(self, model: type[Model], pks: list[Any], *, using: str) -> None: ...

    def removing(self, model: type[Model], pks: list[Any], *, using: str) -> None: ...


ROW_WATCHERS: list[RowWatcher] = []


def rows_added(model: type[Model], pks: list[Any], *, using: str = "default") -> None:
    """Tell the row watchers of rows inserted outside `_Plan` (the demo generator's bulk writer)."""
    for w in ROW_WATCHERS:
        if w.watches(model):
            w.added(model, pks, using=using)


def _param_limit(connection) -> int:
    if connection.vendor == "sqlite":
        try:
            import sqlite3

            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except Exception:  # noqa: BLE001 - older Pythons: Django's conservative figure
            return connection.features.max_query_params or 65535
    return connection.features.max_query_params or 65535


def bulk_insert(model, rows: list[dict[str, Any]], *, returning: bool = False, using: str = "default"):
    """INSERT `rows` (mappings by field attname; a missing key takes the field's default) into `model`'s
    table. With `returning`, return the new primary keys in row order. Call inside a transaction."""
    from django.db import connections

    plan = _Plan(model, connections[using], timezone.now())
    return plan.insert([plan.values(r) for r in rows], returning=returning)


def insert_audited(
    model, rows: list[dict[str, Any]], *, user, reason: str = IMPORT_REASON, when=None, using: str = "default"
) -> list[int]:
    """Insert `rows` (mappings by attname) and their "+" history rows (django-simple-history's table) naming
    `user` and `reason`; return the new primary keys. What simple_history's bulk_create_with_history writes,
    at a fraction of the cost."""
    from operator import itemgetter

    from django.conf import settings as dj_settings
    from django.db import connections

    connection = connections[using]
    now = when or timezone.now()  # created_at and history_date of one import agree
    plan = _Plan(model, connection, now)
    value_lists = [plan.values(r) for r in rows]
    ids = plan.insert(value_lists, returning=True)
    manager = getattr(model, "history", None)
    if manager is None or not getattr(dj_settings, "SIMPLE_HISTORY_ENABLED", True) or not rows:
        return ids
    # Each history column is a column of the record (already converted), its primary key, or a constant.
    hplan = _Plan(manager.model, connection, now)
    base = {
        "history_date": now,
        "history_user_id": getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None,
        "history_change_reason": reason,
        "history_type": "+",
    }
    width = len(plan.fields)
    pk_name = model._meta.pk.attname
    constants: list[Any] = []
    picks: list[int] = []
    for i, name in enumerate(hplan.attnames):
        if name == pk_name:
            picks.append(width)
        elif name in plan.index and name not in base:
            picks.append(plan.index[name])
        else:
            picks.append(width + 1 + len(constants))
            constants.append(hplan.convert(i, base.get(name, hplan.defaults[i])))
    pick = itemgetter(*picks)
    history = [list(pick([*values, pk, *constants])) for values, pk in zip(value_lists, ids, strict=True)]
    hplan.insert(history, returning=False)
    return ids


def bulk_create_audited(
    model, objs: list[Any], *, user, reason: str = IMPORT_REASON, when=None, using="default"
):
    """`insert_audited` for unsaved model instances, which get their primary keys (and auto_now values)."""
    now = when or timezone.now()
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                if obj.__dict__.get(f.attname) is None:
                    obj.__dict__[f.attname] = now
    ids = insert_audited(
        model, [obj.__dict__ for obj in objs], user=user, reason=reason, when=now, using=using
    )
    pk_name = model._meta.pk.attname
    for obj, pk in zip(objs, ids, strict=True):
        setattr(obj, pk_name, pk)
        obj._state.adding = False
        obj._state.db = using
    stage = _STAGE.get()
    if stage is not None:
        stage.objects.append(objs)  # their staged ids (and foreign keys) become the real ones on publish
    return objs


def event_row(
    record_id: int, kind: str, on: Any, note: str, *, actor_id: int | None, when: Any
) -> dict[str, Any]:
    """One timeline step (core.records.TimelineEvent) of an imported record as a `bulk_insert` row: its record,
    kind, day, note (cut to the field's 300 characters), actor and creation time."""
    return {
        "case_id": record_id,
        "kind": kind,
        "on": on,
        "note": note[:300],
        "actor_id": actor_id,
        "created_at": when,
    }


def chunked(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------------------------------------
# All or nothing, without holding SQLite's write lock
#
# SQLite has one writer at a time. One transaction writing 100k imported cases with their history, applicants
# and events held the write lock for the whole write phase; every other write (a login, a session save, a clerk
# saving a form, the job's own progress) waited for it and failed after the busy timeout ("database is locked").
# So on SQLite the rows are first written into TEMP tables: a separate database private to the import's
# connection, so writing them takes no lock on the main database, in autocommit statements, with negative ids.
# Then they are published in short transactions (`_Stage.publish`): one reserves an id range per table (moving
# its AUTOINCREMENT sequence past it, so concurrent writers take other ids) and records the ranges in an
# ImportBatch row; each next one copies PUBLISH_CHUNK staged rows with INSERT … SELECT (C speed, no Python per
# value), ids and foreign keys between staged rows shifted into the reserved ranges; the last one also deletes
# the batch. Between two chunks other users' writes get the lock, so none waits more than a fraction of a
# second; pages, which only read, never wait (WAL).
# All or nothing: a failure before publishing leaves nothing (the TEMP tables are dropped, or die with the
# connection on kill -9); a failing chunk deletes the ranges already published in one transaction
# (`discard_batch`); a process killed while publishing leaves its batch, whose rows the worker's sweep and
# `fazhi cleanup` delete once its heartbeat is FAZHI_JOB_STALE_SECONDS old (`discard_stale_batches`). The price
# of short locks: for the seconds the publication takes, readers may see part of the import. Case numbers
# computed before the write stay unique: a number taken meanwhile by a hand-registered case makes its chunk fail
# on the unique constraint, and the import is taken back whole.
#
# On PostgreSQL the write stays one transaction: its writers lock rows, not the database, so a long import
# blocks nobody.

_STAGE: ContextVar[_Stage | None] = ContextVar("fazhi_import_stage", default=None)
PUBLISH_CHUNK = 5000  # staged rows copied per transaction: a fraction of a second of SQLite's write lock
logger = logging.getLogger(__name__)


class _Stage:
    """The TEMP tables of one import on one SQLite connection, and their publication."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.tables: dict[Any, str] = {}  # model -> its TEMP table, in the order of the first write
        self.counts: dict[Any, int] = {}  # model -> staged ids handed out (-1, -2, …)
        self.objects: list[list[Any]] = []  # instances given staged ids (bulk_create_audited)

    def _table(self, model) -> str:
        name = self.tables.get(model)
        if name is None:
            qn = self.connection.ops.quote_name
            name = f"fazhi_stage_{model._meta.db_table}"
            with self.connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS temp.{qn(name)}")
                # The columns and their types only: no constraints (checked when published), no indexes.
                cursor.execute(
                    f"CREATE TEMP TABLE {qn(name)} AS SELECT * FROM main.{qn(model._meta.db_table)} WHERE 0"  # noqa: S608 - quoted model identifiers only; values are parameters
                )
            self.tables[model] = name
            self.counts[model] = 0
        return name

    def insert(self, plan: _Plan, value_lists: list[list[Any]], *, returning: bool) -> list[int] | None:
        model = plan.model
        qn = self.connection.ops.quote_name
        table = self._table(model)
        pk = model._meta.pk
        columns = [f.column for f in plan.fields]
        if pk in plan.fields:  # pragma: no cover - every imported model has an auto primary key
            raise TypeError(f"{model.__name__}: only rows with an auto primary key can be staged")
        start = self.counts[model]
        self.counts[model] = start + len(value_lists)
        ids = list(range(-start - 1, -start - len(value_lists) - 1, -1))
        columns.insert(0, pk.column)
        rows = ([pk_value, *values] for pk_value, values in zip(ids, value_lists, strict=True))
        sql = (
            f"INSERT INTO temp.{qn(table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608 - quoted model identifiers only; values are parameters
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        return ids if returning else None

    def _shifted(self, model) -> dict[str, Any]:
        """Column -> the staged model whose ids it holds: the primary key, foreign keys to staged models, and a
        history row's copy of its record's primary key (django-simple-history's `instance_type`)."""
        out: dict[str, Any] = {}
        record = getattr(model, "instance_type", None)
        for f in model._meta.concrete_fields:
            if f.primary_key:
                out[f.column] = model
            elif f.is_relation and f.related_model in self.tables:
                out[f.column] = f.related_model
            elif record is not None and record in self.tables and f.attname == record._meta.pk.attname:
                out[f.column] = record
        return out

    def _select(self, model, bases: dict[Any, int]) -> str:
        """The SELECT list copying `model`'s staged rows with their ids made real."""
        qn = self.connection.ops.quote_name
        shifted = self._shifted(model)
        exprs = []
        for f in model._meta.concrete_fields:
            target = shifted.get(f.column)
            if target is None:
                exprs.append(qn(f.column))
            else:  # a staged id -k becomes base + k; a positive id names an existing row
                exprs.append(
                    f"CASE WHEN {qn(f.column)} < 0 THEN {int(bases[target])} - {qn(f.column)} ELSE {qn(f.column)} END"
                )
        return ", ".join(exprs)

    def publish(self, *, app: str = "", chunk: int = PUBLISH_CHUNK) -> dict[Any, int]:
        """Copy every staged table into its real one, `chunk` rows per transaction; return each model's id
        offset. First one transaction reserves each table's id range (its AUTOINCREMENT sequence moved past
        it, so no one else takes those ids) and records the ranges in an ImportBatch row; each chunk then
        stamps the batch's heartbeat, and the last one deletes it. If a chunk fails, the rows already copied
        are deleted again (`discard_batch`); if the process dies, the batch left behind is discarded by the
        worker's sweep once its heartbeat is FAZHI_JOB_STALE_SECONDS old (`discard_stale_batches`)."""
        from ..models import ImportBatch

        qn = self.connection.ops.quote_name
        alias = self.connection.alias
        bases: dict[Any, int] = {}
        with transaction.atomic(using=alias), self.connection.cursor() as cursor:
            ranges = []
            for model, count in self.counts.items():  # under the write lock (BEGIN IMMEDIATE)
                db_table, pk_column = model._meta.db_table, model._meta.pk.column
                cursor.execute(f"SELECT MAX({qn(pk_column)}) FROM {qn(db_table)}")  # noqa: S608 - quoted model identifiers only; values are parameters
                highest = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [db_table])
                seq = cursor.fetchone()
                base = bases[model] = max(highest, (seq[0] if seq else 0) or 0)
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [base + count, db_table]
                )
                if not cursor.rowcount:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [db_table, base + count]
                    )
                ranges.append([db_table, pk_column, base + 1, base + count])
            batch = ImportBatch.objects.create(app=app, ranges=ranges, heartbeat_at=timezone.now())
        steps = [
            (model, table, first, min(first + chunk - 1, self.counts[model]))
            for model, table in self.tables.items()
            for first in range(1, self.counts[model] + 1, chunk)
        ]
        try:
            for i, (model, table, first, last) in enumerate(steps, 1):
                pk_column = qn(model._meta.pk.column)
                with transaction.atomic(using=alias), self.connection.cursor() as cursor:
                    cursor.execute(
                        f"INSERT INTO {qn(model._meta.db_table)} "  # noqa: S608 - quoted model identifiers only; values are parameters
                        f"({', '.join(qn(f.column) for f in model._meta.concrete_fields)}) "
                        f"SELECT {self._select(model, bases)} FROM temp.{qn(table)} "
                        f"WHERE {pk_column} BETWEEN %s AND %s ORDER BY {pk_column} DESC",
                        [-last, -first],
                    )
                    rows_added(model, list(range(bases[model] + first, bases[model] + last + 1)), using=alias)
                    if i < len(steps):
                        ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now())
                    else:  # the import is complete in the same commit that forgets the batch
                        ImportBatch.objects.filter(pk=batch.pk).delete()
            if not steps:
                ImportBatch.objects.filter(pk=batch.pk).delete()
        except BaseException:
            try:
                discard_batch(batch, using=alias)
            except DatabaseError:  # left for discard_stale_batches
                logger.exception("import batch %s: the rows already published could not be deleted", batch.pk)
            raise
        for objs in self.objects:
            for obj in objs:
                for f in obj._meta.concrete_fields:
                    target = f.model if f.primary_key else (f.related_model if f.is_relation else None)
                    value = obj.__dict__.get(f.attname)
                    if target in bases and isinstance(value, int) and value < 0:
                        obj.__dict__[f.attname] = bases[target] - value
        return bases

    def discard(self) -> None:
        qn = self.connection.ops.quote_name
        if self.connection.connection is None:  # the connection is gone, and its TEMP tables with it
            return
        with self.connection.cursor() as cursor:
            for table in self.tables.values():
                cursor.execute(f"DROP TABLE IF EXISTS temp.{qn(table)}")


def discard_batch(batch, *, using: str = "default") -> None:
    """Delete the rows of a partly published import (its ranges, last table first) and the batch, in one
    transaction."""
    from django.apps import apps
    from django.db import connections

    from ..models import ImportBatch

    qn = connections[using].ops.quote_name
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for db_table, pk_column, first, last in reversed(batch.ranges):
            model = next((m for m in apps.get_models() if m._meta.db_table == db_table), None)
            for w in ROW_WATCHERS:
                if model is not None and w.watches(model):
                    pks = model._base_manager.using(using).filter(pk__gte=first, pk__lte=last)
                    w.removing(model, list(pks.values_list("pk", flat=True)), using=using)
            cursor.execute(
                f"DELETE FROM {qn(db_table)} WHERE {qn(pk_column)} BETWEEN %s AND %s",  # noqa: S608 - quoted identifiers; values are parameters
                [first, last],
            )
        ImportBatch.objects.using(using).filter(pk=batch.pk).delete()


def discard_stale_batches(*, now: dt.datetime | None = None, using: str = "default") -> int:
    """Discard the partly published imports whose process died (no heartbeat for FAZHI_JOB_STALE_SECONDS);
    return how many. Safe to run twice and alongside imports: a live import stamps its batch every chunk."""
    from ..models import ImportBatch

    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.FAZHI_JOB_STALE_SECONDS)
    discarded = 0
    for batch in ImportBatch.objects.using(using).filter(heartbeat_at__lt=cutoff):
        logger.warning(
            "import batch %s (%s) was abandoned half published: deleting its rows", batch.pk, batch.app
        )
        discard_batch(batch, using=using)
        discarded += 1
    return discarded


def write_all_or_nothing(
    write: Callable[[], int], *, using: str = "default", app: str = "", staged: bool = True
) -> int:
    """Run `write` (bulk_insert / insert_audited / bulk_create_audited calls) so that all its rows are written
    or none. PostgreSQL: one transaction. SQLite: staged, then published in short transactions (above); with
    `staged=False` (a write that also updates existing rows, which staging cannot hold) one transaction too."""
    from django.db import connections

    connection = connections[using]
    if not staged or connection.vendor != "sqlite" or _STAGE.get() is not None:
        with transaction.atomic(using=using):
            return write()
    discard_stale_batches(using=using)  # an import killed while publishing, where no worker sweeps (CLI only)
    connection.ensure_connection()
    stage = _Stage(connection)
    token = _STAGE.set(stage)
    try:
        count = write()
    except BaseException:
        _STAGE.reset(token)
        stage.discard()
        raise
    _STAGE.reset(token)
    try:
        stage.publish(app=app)
    finally:
        stage.discard()
    return count
