"""12345 tickets partitioned by year on PostgreSQL (../shared/DESIGN.md "Beyond one machine"); SQLite keeps one
table and every function here is a no-op there.

`hotline_ticket` is range-partitioned on `received_on` (受理日期): one partition a year (`hotline_ticket_y2025`,
from 1 January to the next 1 January) and a default partition for dates outside them. A partitioned table's
primary key and unique indexes must hold the partition key, so on PostgreSQL:

- the primary key is (id, received_on); `id` stays unique because only the sequence `hotline_ticket_id_seq`
  gives it (the column's default; the ORM, imports and bulk loads never set it), and every index that leads with
  the org (the lists', the figures', the scope counts') is built on each partition;
- the live (org, number) uniqueness of the model's `hotline_ticket_unique_org_number` is the primary key, of that
  name, of a narrow table `hotline_ticket_live_number` (org_id, number, ticket_id) that a trigger keeps: a row for
  each live ticket, added on insert, moved on a change of org, number or 作废, removed on delete, emptied when
  the ticket table is truncated (Django's flush). A real unique
  index across all the years, so concurrent writers of one number are serialised by PostgreSQL itself and the
  second fails with a unique_violation naming the constraint, as before. (A first version took an advisory lock
  per (org, number) and counted: a 20,000-row import ran out of lock slots, max_locks_per_transaction.)
- the three foreign keys to a ticket (hotline_assignment.ticket_id, hotline_ticketevent.case_id,
  hotline_ticket.merged_into_id) cannot reference a partitioned table without its partition key; they are
  constraint triggers, deferred to the commit as Django's foreign keys are: a referencing row needs a ticket of
  that id (locked FOR KEY SHARE, as a foreign key's check locks it), and a ticket cannot disappear while
  something references it (foreign_key_violation either way). Django still deletes children first
  (on_delete runs in the ORM), so nothing in the code changes.

The migration (0008_ticket_year_partitions) copies the table into the partitioned one and swaps them in one
transaction, with this year's and next year's partitions; `fazhi hotline-partitions` creates a coming year's
(run it each December from cron; until it runs, that year's tickets land in the default partition)."""

from __future__ import annotations

import datetime as dt

from django.db import connection as default_connection
from django.utils import timezone

from fazhi.core.indexes import partitioned

TABLE = "hotline_ticket"
KEY = "received_on"
SEQUENCE = "hotline_ticket_id_seq"
DEFAULT = f"{TABLE}_default"
UNIQUE = "hotline_ticket_unique_org_number"
NUMBERS = "hotline_ticket_live_number"
# the model's conditional unique constraint, as Django creates it on the plain table
UNIQUE_INDEX = (
    f"CREATE UNIQUE INDEX {UNIQUE} ON public.{TABLE} USING btree (org_id, number) WHERE (voided_at IS NULL)"
)
# (table, column, the model and field Django names the foreign key after)
REFERENCES = (
    ("hotline_assignment", "ticket_id", "Assignment", "ticket"),
    ("hotline_ticketevent", "case_id", "TicketEvent", "case"),
    (TABLE, "merged_into_id", "Ticket", "merged_into"),
)


def partition_name(year: int) -> str:
    return f"{TABLE}_y{year}"


def is_partitioned(cursor) -> bool:
    return partitioned(cursor, TABLE)


def years(cursor) -> list[int]:
    """The years that have a partition of their own, in order."""
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = to_regclass(%s) AND c.relname ~ %s",
        [TABLE, rf"^{TABLE}_y\d{{4}}$"],
    )
    return sorted(int(name[-4:]) for (name,) in cursor.fetchall())


def _bounds(year: int) -> tuple[str, str]:
    return dt.date(year, 1, 1).isoformat(), dt.date(year + 1, 1, 1).isoformat()


def ensure_year(year: int, connection=default_connection) -> bool:
    """Create the partition of `year` unless it exists; True when it was created. Tickets of that year already in
    the default partition move into it (PostgreSQL refuses a partition whose rows the default still holds). Call
    it inside a transaction. A no-op (False) on SQLite or on an unpartitioned table."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        if not is_partitioned(cursor) or year in years(cursor):
            return False
        start, end = _bounds(year)
        # the year's rows in the default partition wait in a temporary table while the partition is created; the
        # reference triggers are deferred to the commit, when the tickets are back under the same ids
        cursor.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"CREATE TEMPORARY TABLE hotline_moving (LIKE {TABLE}) ON COMMIT DROP")
        cursor.execute(
            f"WITH moved AS (DELETE FROM {DEFAULT} WHERE {KEY} >= %s AND {KEY} < %s RETURNING *)"
            " INSERT INTO hotline_moving SELECT * FROM moved",
            [start, end],
        )
        cursor.execute(
            f"CREATE TABLE {partition_name(year)} PARTITION OF {TABLE} FOR VALUES FROM (%s) TO (%s)",
            [start, end],
        )
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM hotline_moving")
        cursor.execute("DROP TABLE hotline_moving")
    return True


def ensure_next_year(today: dt.date, connection=default_connection) -> list[int]:
    """This year's and next year's partitions, created when missing (the years created)."""
    return [y for y in (today.year, today.year + 1) if ensure_year(y, connection)]


# -- the swap (migration 0008) ---------------------------------------------------------------------------------


def _triggers_sql() -> list[str]:
    children = " OR ".join(f"EXISTS (SELECT 1 FROM {t} WHERE {c} = OLD.id)" for t, c, _m, _f in REFERENCES)
    return [
        f"""CREATE TABLE {NUMBERS} (org_id bigint NOT NULL, number varchar(40) NOT NULL, ticket_id bigint NOT NULL,
        CONSTRAINT {UNIQUE} PRIMARY KEY (org_id, number))""",
        f"INSERT INTO {NUMBERS} SELECT org_id, number, id FROM {TABLE} WHERE voided_at IS NULL",
        f"""CREATE OR REPLACE FUNCTION {TABLE}_keep_live_number() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND (OLD.org_id, OLD.number, OLD.voided_at IS NULL, OLD.id)
                IS NOT DISTINCT FROM (NEW.org_id, NEW.number, NEW.voided_at IS NULL, NEW.id) THEN
                RETURN NULL;  -- a save that rewrote the same values
            END IF;
            IF TG_OP <> 'INSERT' AND OLD.voided_at IS NULL THEN
                DELETE FROM {NUMBERS} WHERE org_id = OLD.org_id AND number = OLD.number AND ticket_id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.voided_at IS NULL THEN
                INSERT INTO {NUMBERS} VALUES (NEW.org_id, NEW.number, NEW.id);
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER {NUMBERS} AFTER INSERT OR DELETE OR UPDATE OF org_id, number, voided_at ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_keep_live_number()""",
        # Django's flush (TransactionTestCase, `fazhi flush`) truncates the models' tables, not this one
        f"""CREATE OR REPLACE FUNCTION {TABLE}_truncate_live_number() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {NUMBERS};
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER {NUMBERS}_truncate AFTER TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncate_live_number()""",
        f"""CREATE OR REPLACE FUNCTION {TABLE}_reference_exists() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            ref bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
            row_still_refers boolean;
        BEGIN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1 AND %I = $2)', TG_TABLE_NAME, TG_ARGV[0])
                INTO row_still_refers USING NEW.id, ref;
            -- checked at the commit: a row since deleted or pointed elsewhere is not (as PostgreSQL's own checks)
            IF ref IS NOT NULL AND row_still_refers THEN
                PERFORM 1 FROM {TABLE} WHERE id = ref FOR KEY SHARE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
                        TG_TABLE_NAME, TG_NAME
                        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME, TABLE = TG_TABLE_NAME,
                        DETAIL = format('Key (%s)=(%s) is not present in table "{TABLE}".', TG_ARGV[0], ref);
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION {TABLE}_not_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM {TABLE} WHERE id = OLD.id) AND ({children}) THEN
                RAISE EXCEPTION 'update or delete on table "{TABLE}" violates a foreign key constraint'
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME, TABLE = '{TABLE}',
                    DETAIL = format('Key (id)=(%s) is still referenced.', OLD.id);
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE CONSTRAINT TRIGGER {TABLE}_referenced AFTER DELETE OR UPDATE OF id ON {TABLE}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TABLE}_not_referenced()""",
        *(
            f"""CREATE CONSTRAINT TRIGGER {table}_{column}_fk AFTER INSERT OR UPDATE OF {column} ON {table}
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TABLE}_reference_exists('{column}')"""
            for table, column, _m, _f in REFERENCES
        ),
    ]


def _drop_triggers_sql() -> list[str]:
    return [
        *(f"DROP TRIGGER {table}_{column}_fk ON {table}" for table, column, _m, _f in REFERENCES),
        f"DROP TRIGGER {TABLE}_referenced ON {TABLE}",
        f"DROP TRIGGER {NUMBERS} ON {TABLE}",
        f"DROP TRIGGER {NUMBERS}_truncate ON {TABLE}",
        f"DROP TABLE {NUMBERS}",
        *(
            f"DROP FUNCTION {TABLE}_{name}()"
            for name in ("keep_live_number", "truncate_live_number", "reference_exists", "not_referenced")
        ),
    ]


def _copy_and_swap(cursor, partition_by: str) -> None:
    """Copy the ticket table into a new one (`partition_by`: the PARTITION BY clause or "") and swap it in: the
    columns, defaults and checks by LIKE (the `search_grams` column no model declares too, core.grams), the rows
    in one INSERT … SELECT, then the old table's indexes (the grams' GIN index, the covering scope-count ones),
    foreign keys and own triggers (the grams' BEFORE INSERT / UPDATE ones: on a partitioned table they fire for
    the rows of every partition) re-created by their own definitions, after the old table is gone (index names
    are the schema's)."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
        [TABLE, f"{TABLE}_pkey"],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = to_regclass(%s) AND contype = 'f' AND confrelid <> conrelid",
        [TABLE],
    )
    foreign_keys = cursor.fetchall()
    # the partitioned table's own triggers are dropped before (unpartition) or made after (partition) the swap
    cursor.execute(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal",
        [TABLE],
    )
    triggers = [definition for (definition,) in cursor.fetchall()]
    cursor.execute(
        f"CREATE TABLE {TABLE}_new (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        f" {partition_by}"
    )
    if partition_by:
        cursor.execute(f"SELECT DISTINCT extract(year FROM {KEY})::int FROM {TABLE}")
        today = timezone.localdate().year
        for year in sorted({y for (y,) in cursor.fetchall()} | {today, today + 1}):
            start, end = _bounds(year)
            cursor.execute(
                f"CREATE TABLE {partition_name(year)} PARTITION OF {TABLE}_new FOR VALUES FROM (%s) TO (%s)",
                [start, end],
            )
        cursor.execute(f"CREATE TABLE {DEFAULT} PARTITION OF {TABLE}_new DEFAULT")
    cursor.execute(f"INSERT INTO {TABLE}_new SELECT * FROM {TABLE}")
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {TABLE}")
    (next_id,) = cursor.fetchone()
    cursor.execute(f"DROP TABLE {TABLE}")  # the old identity's (or the owned) sequence goes with it
    cursor.execute(f"ALTER TABLE {TABLE}_new RENAME TO {TABLE}")
    for name, definition in foreign_keys:
        cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        if name != UNIQUE:  # the partitioned table's is the primary key of hotline_ticket_live_number
            cursor.execute(definition)
    if not partition_by:
        cursor.execute(UNIQUE_INDEX)
    for definition in triggers:  # after the rows: their grams were copied, not computed again
        cursor.execute(definition)
    if partition_by:
        cursor.execute(f"CREATE SEQUENCE {SEQUENCE} OWNED BY {TABLE}.id")
        cursor.execute("SELECT setval(%s, %s, false)", [SEQUENCE, next_id])
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{SEQUENCE}')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, {KEY})")
    else:
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", [TABLE, next_id])
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)")


def partition(apps, schema_editor) -> None:
    """Migration 0008 forwards: the ticket table becomes partitioned by year, every row kept."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if is_partitioned(cursor):
            return
        cursor.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint"
            " WHERE confrelid = to_regclass(%s) AND contype = 'f'",
            [TABLE],
        )
        for table, name in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        _copy_and_swap(cursor, f"PARTITION BY RANGE ({KEY})")
        for sql in _triggers_sql():
            cursor.execute(sql)


def unpartition(apps, schema_editor) -> None:
    """Migration 0008 backwards: one plain table again, with Django's foreign keys."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not is_partitioned(cursor):
            return
        for sql in _drop_triggers_sql():
            cursor.execute(sql)
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id DROP DEFAULT")
        _copy_and_swap(cursor, "")  # the sequence, owned by the id column, went with the partitioned table
    for _table, _column, model_name, field_name in REFERENCES:
        model = apps.get_model("hotline", model_name)
        field = model._meta.get_field(field_name)
        schema_editor.execute(schema_editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s"))
