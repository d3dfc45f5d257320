"""12345 tickets partitioned by year on PostgreSQL (fazhi.hotline.partitions, migration 0008); SQLite keeps one
table. On PostgreSQL: the table is range-partitioned on received_on, a ticket lands in its year's partition, the
next-year command is idempotent and moves the year's tickets out of the default partition, the live number stays
unique across partitions and the references to a ticket are still checked; migrating a populated database keeps
every row (and back)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from fazhi.hotline import partitions
from fazhi.hotline.models import Ticket, TicketEvent

from . import factories

ON_PG = connection.vendor == "postgresql"
D = dt.date


def partition_of(ticket) -> str:
    with connection.cursor() as c:
        c.execute("SELECT tableoid::regclass::text FROM hotline_ticket WHERE id = %s", [ticket.pk])
        return c.fetchone()[0]


def run(*args, **kw) -> str:
    from io import StringIO

    out = StringIO()
    call_command("hotline_partitions", *args, stdout=out, **kw)
    return out.getvalue()


def tables() -> set[str]:
    return {t for t in connection.introspection.table_names() if t.startswith("hotline_ticket")}


@pytest.mark.django_db
def test_the_ticket_table_is_partitioned_by_year_on_postgresql_only():
    this = timezone.localdate().year
    if not ON_PG:
        assert "hotline_ticket" in tables() and not any(t.startswith("hotline_ticket_y") for t in tables())
        assert "不分区" in run()
        return
    with connection.cursor() as c:
        c.execute(
            "SELECT p.partstrat, a.attname FROM pg_partitioned_table p"
            " JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]"
            " WHERE p.partrelid = 'hotline_ticket'::regclass"
        )
        assert c.fetchall() == [("r", "received_on")]
        c.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
            " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'hotline_ticket'::regclass"
        )
        bounds = dict(c.fetchall())
        c.execute("SELECT pg_get_serial_sequence('hotline_ticket', 'id')")
        assert c.fetchone()[0] == "public.hotline_ticket_id_seq"
    assert bounds[f"hotline_ticket_y{this}"] == f"FOR VALUES FROM ('{this}-01-01') TO ('{this + 1}-01-01')"
    assert f"hotline_ticket_y{this + 1}" in bounds and bounds["hotline_ticket_default"] == "DEFAULT"


@pytest.mark.django_db
def test_a_ticket_lands_in_its_years_partition_and_the_command_is_idempotent(tree, office):
    early = factories.ticket(office, tree.city, received_on=D(2021, 3, 5))
    if not ON_PG:
        assert "不分区" in run(year=2021) and Ticket.objects.get(pk=early.pk).received_on == D(2021, 3, 5)
        return
    assert partition_of(early) == "hotline_ticket_default"  # no 2021 partition yet
    assert run(year=2021) == "hotline_ticket_y2021：已创建\n"
    assert partition_of(early) == "hotline_ticket_y2021"  # moved out of the default, same id
    later = factories.ticket(office, tree.city, received_on=D(2021, 12, 31))
    assert partition_of(later) == "hotline_ticket_y2021"
    assert (
        partition_of(factories.ticket(office, tree.city, received_on=D(2022, 1, 1)))
        == "hotline_ticket_default"
    )
    before = set(tables())
    assert run(year=2021) == "hotline_ticket_y2021：已存在\n"
    assert set(tables()) == before
    this = timezone.localdate().year
    assert run() == f"hotline_ticket_y{this}：已存在\nhotline_ticket_y{this + 1}：已存在\n"
    assert str(2021) in run(list=True).split()
    assert [t.pk for t in Ticket.objects.filter(pk__in=[early.pk, later.pk]).order_by("pk")] == [
        early.pk,
        later.pk,
    ]
    assert early.events.count() == 1  # its timeline followed it
    # the new partition has the grams trigger (moved and new rows alike) and every partitioned index
    assert "王芳" in _grams_of(early.pk) and "王芳" in _grams_of(later.pk)
    assert not any(_missing_on_partitions(name) for name in INDEXES)


@pytest.mark.django_db
def test_the_command_refuses_a_year_out_of_range():
    from django.core.management import CommandError

    if not ON_PG:
        assert "不分区" in run(year=10000)
        return
    with pytest.raises(CommandError, match="年份“10000”超出范围"):
        run(year=10000)


@pytest.mark.django_db
def test_the_live_number_stays_unique_across_years(tree, office):
    duplicate = "hotline_ticket_unique_org_number|UNIQUE constraint failed: hotline_ticket.org_id, hotline_ticket.number"
    a = factories.ticket(office, tree.city, received_on=D(2024, 5, 6))
    b = factories.ticket(office, tree.city, received_on=D(2026, 5, 6))  # another partition on PostgreSQL
    with pytest.raises(IntegrityError, match=duplicate), transaction.atomic():
        Ticket.objects.filter(pk=b.pk).update(number=a.number)
    with pytest.raises(IntegrityError, match=duplicate), transaction.atomic():
        Ticket.objects.bulk_create([Ticket(**{**_fields(a), "received_on": D(2027, 1, 2)})])
    Ticket.objects.filter(pk=a.pk).update(
        voided_at=timezone.now()
    )  # a voided ticket does not block its number
    Ticket.objects.filter(pk=b.pk).update(number=a.number)
    assert Ticket.all_objects.filter(number=a.number).count() == 2


@pytest.mark.django_db
def test_a_truncated_ticket_table_frees_its_numbers(tree, office):
    """Django's flush (TransactionTestCase) truncates the models' tables: the numbers go with the tickets."""
    a = factories.ticket(office, tree.city, received_on=D(2025, 5, 6))
    connection.check_constraints()  # PostgreSQL truncates no table with deferred checks pending (flush commits)
    with connection.cursor() as c:
        if ON_PG:
            c.execute("TRUNCATE hotline_ticket, hotline_assignment, hotline_ticketevent")
        else:  # Django's SQLite flush deletes
            for table in ("hotline_ticketevent", "hotline_assignment", "hotline_ticket"):
                c.execute(f"DELETE FROM {table}")  # noqa: S608 - constant table names
    Ticket.objects.bulk_create([Ticket(**_fields(a))])
    assert Ticket.objects.get().number == a.number


def _fields(t: Ticket) -> dict:
    return {f.attname: getattr(t, f.attname) for f in Ticket._meta.concrete_fields if f.attname != "id"}


@pytest.mark.django_db
def test_references_to_a_ticket_are_still_checked(tree, office):
    t = factories.ticket(office, tree.city)
    event = t.events.get()
    missing = Ticket.objects.order_by("-pk").first().pk + 1000
    with pytest.raises(IntegrityError), transaction.atomic():
        TicketEvent.objects.filter(pk=event.pk).update(case_id=missing)
        connection.check_constraints()  # the checks are deferred to the commit, as Django's foreign keys are
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=t.pk).update(merged_into_id=missing)
        connection.check_constraints()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "DELETE FROM hotline_ticket WHERE id = %s", [t.pk]
        )  # its events and assignment still point at it
        connection.check_constraints()
    t.delete()  # the ORM deletes what references it first
    connection.check_constraints()
    assert not TicketEvent.objects.filter(pk=event.pk).exists()


# -- migrating a populated database ------------------------------------------------------------------------------

BEFORE = [("hotline", "0005_search_grams")]
PLAIN = [
    ("hotline", "0007_scope_count_status")
]  # the latest plain table: grams column (0006), covering indexes
AFTER = [("hotline", "0008_ticket_year_partitions")]
GRAMS_TRIGGERS = {"hotline_ticket_grams_i", "hotline_ticket_grams_u"}
INDEXES = {
    "hotline_ticket_grams_idx",
    "hl_scope_org_s",
    "hl_scope_unit_s",
}  # 0006's GIN, 0007's covering ones


def _rows(apps) -> dict[str, list[tuple]]:
    out = {}
    for name in ("Ticket", "Assignment", "TicketEvent"):
        model = apps.get_model("hotline", name)
        names = [f.attname for f in model._meta.concrete_fields]
        out[name] = list(model.objects.order_by("pk").values_list(*names))
    return out


def _schema() -> dict:
    """PostgreSQL: what the copy-and-swap must carry besides the model's columns: the grams of each ticket (a column
    no model declares), the table's own triggers and its indexes (their definitions, ONLY aside)."""
    with connection.cursor() as c:
        c.execute("SELECT id, search_grams FROM hotline_ticket ORDER BY id")
        grams = c.fetchall()
        c.execute(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger"
            " WHERE tgrelid = 'hotline_ticket'::regclass AND NOT tgisinternal"
        )
        triggers = dict(c.fetchall())
        c.execute(
            "SELECT indexname, replace(indexdef, ' ON ONLY ', ' ON ') FROM pg_indexes WHERE tablename = %s",
            [partitions.TABLE],
        )
        indexes = dict(c.fetchall())
    return {"grams": grams, "triggers": triggers, "indexes": indexes}


def _missing_on_partitions(index: str) -> set[str]:
    """The partitions of the ticket table that hold no valid copy of the partitioned index `index`."""
    with connection.cursor() as c:
        c.execute(
            "SELECT p.inhrelid::regclass::text FROM pg_inherits p WHERE p.inhparent = 'hotline_ticket'::regclass"
            " AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid"
            " WHERE i.inhparent = %s::regclass AND x.indrelid = p.inhrelid AND x.indisvalid)",
            [index],
        )
        return {name for (name,) in c.fetchall()}


def _grams_of(pk: int) -> list[str]:
    with connection.cursor() as c:
        c.execute("SELECT search_grams FROM hotline_ticket WHERE id = %s", [pk])
        return c.fetchone()[0]


def _rerun(executor, name: str, previous: str) -> None:
    """Migration hotline `name` undone and done again, outside a transaction, as `migrate` runs it."""
    migration = executor.loader.get_migration("hotline", name)
    assert not connection.in_atomic_block
    with connection.schema_editor(atomic=False) as editor:  # both take the state before the migration
        migration.unapply(executor.loader.project_state([("hotline", previous)]), editor)
    with connection.schema_editor(atomic=False) as editor:
        migration.apply(executor.loader.project_state([("hotline", previous)]), editor)


def test_migrating_a_populated_database_keeps_every_row_and_back(empty_database):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Org = old.get_model("core", "Org")
    city = Org.objects.create(code="990100", name="青城市人民政府", kind="city", path="/990100/")
    unit = Org.objects.create(code="990100-1", name="青城市城管局", kind="unit", path="/990100/990100-1/")
    Ticket_ = old.get_model("hotline", "Ticket")
    made = []
    for i, day in enumerate([D(2019, 2, 1), D(2024, 12, 31), D(2025, 1, 1), D(2025, 6, 30), D(1990, 1, 1)]):
        made.append(
            Ticket_.objects.create(
                org=city, number=f"青城市热线〔{day.year}〕{i + 1}号", category="0203", caller=f"王芳{i}",
                content="占道经营", received_on=day, unit=unit if i % 2 else None, dispatched_on=day if i % 2 else None,
                merged_into=made[0] if i == 3 else None, location="欧阳路" if i % 2 else "",
            )
        )  # fmt: skip
    old.get_model("hotline", "Assignment").objects.create(
        ticket=made[1], unit=unit, dispatched_on=D(2024, 12, 31), due_on=D(2025, 1, 10)
    )
    Event = old.get_model("hotline", "TicketEvent")
    for t in made:
        Event.objects.create(case=t, on=t.received_on, kind="received")
    before = _rows(old)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(PLAIN)
    plain = _schema() if ON_PG else {}
    if ON_PG:
        assert GRAMS_TRIGGERS <= set(plain["triggers"]) and INDEXES <= set(plain["indexes"])
        assert all(g for _pk, g in plain["grams"]) and "欧阳" in _grams_of(made[1].pk)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    assert _rows(new) == before
    this = timezone.localdate().year
    if ON_PG:
        with connection.cursor() as c:
            assert partitions.is_partitioned(c)
            assert partitions.years(c) == sorted({1990, 2019, 2024, 2025, this, this + 1})
        swapped = _schema()
        assert swapped["grams"] == plain["grams"]
        assert {n: plain["triggers"][n] for n in GRAMS_TRIGGERS} == {
            n: swapped["triggers"][n] for n in GRAMS_TRIGGERS
        }
        unchanged = set(plain["indexes"]) - {partitions.UNIQUE, "hotline_ticket_pkey"}
        assert {n: plain["indexes"][n] for n in unchanged} == {n: swapped["indexes"][n] for n in unchanged}
        assert not any(_missing_on_partitions(name) for name in INDEXES)
        Ticket_new = new.get_model("hotline", "Ticket")

        def ticket(number: str, caller: str, day: dt.date):
            return Ticket_new.objects.create(
                org_id=city.pk, number=number, category="0203", caller=caller, content="x", received_on=day
            )

        nxt = ticket("新", "李四", D(this, 1, 2))
        assert nxt.pk == max(t.pk for t in made) + 1  # the sequence continues the old identity
        # the grams trigger fires on the partitioned table for the row of any partition, inserted or changed
        old_one = ticket("旧", "张三", D(1980, 1, 2))  # the default partition
        assert "李四" in _grams_of(nxt.pk) and "张三" in _grams_of(old_one.pk)
        Ticket_new.objects.filter(pk=made[1].pk).update(caller="罕见")
        assert "罕见" in _grams_of(made[1].pk) and "王芳" not in _grams_of(made[1].pk)
        Ticket_new.objects.filter(pk__in=[nxt.pk, old_one.pk]).delete()
        Ticket_new.objects.filter(pk=made[1].pk).update(caller="王芳1")

        # 0006 (GramsIndex) and 0007 (AddIndexOnline, RemoveIndexOnline) run on the partitioned table, outside a
        # transaction: PostgreSQL builds no index CONCURRENTLY there, so they build and drop plainly
        _rerun(executor, "0007_scope_count_status", "0006_search_grams_postgresql")
        _rerun(executor, "0006_search_grams_postgresql", "0005_search_grams")
        assert _schema() == swapped
        assert not any(_missing_on_partitions(name) for name in INDEXES)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(PLAIN)
    assert _rows(executor.loader.project_state(PLAIN).apps) == before
    if ON_PG:
        with connection.cursor() as c:
            assert not partitions.is_partitioned(c)
        assert _schema() == plain  # the grams, their triggers and every index back on the plain table

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    assert _rows(old) == before
    if ON_PG:
        with connection.cursor() as c:
            assert not partitions.is_partitioned(c)
            c.execute(
                "SELECT conrelid::regclass::text FROM pg_constraint"
                " WHERE confrelid = 'hotline_ticket'::regclass AND contype = 'f' ORDER BY 1"
            )
            assert [r[0] for r in c.fetchall()] == [
                "hotline_assignment",
                "hotline_ticket",
                "hotline_ticketevent",
            ]
