"""Searching the 12345 list for one or two characters (张, 欧阳): answered from the grams index of caller and place
(fazhi.core.grams: an FTS5 table on SQLite, migration hotline 0005; a trigger-kept array column with a GIN index on
PostgreSQL, 0006), finding exactly the rows of the substring search, over random texts and after tickets are
added (one by one, in bulk and by raw SQL), changed (through the ORM and raw SQL) and removed."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from fazhi.core import grams
from fazhi.core.grams import GramsIndex
from fazhi.hotline import selectors
from fazhi.hotline.choices import Status
from fazhi.hotline.models import Ticket
from tests.grams import index_plan

from . import factories

pytestmark = pytest.mark.django_db
ALPHABET = "张王欧阳罕三路号12aBb，。 -"
TERMS = [
    "张",
    "罕",
    "张三",
    "欧阳",
    "阳路",
    "1",
    "12",
    "a",
    "A",
    "b",
    "Bb",
    "三1",
    "，",
    "-",
    "号，",
    "张王欧",
]


def test_grams_of_caller_and_place_do_not_span_the_two():
    assert grams.grams_of("张三\n欧阳路") == "张 三 张三 欧 阳 欧阳 路 阳路"
    assert grams.indexed_short("欧阳") and not grams.indexed_short("欧阳路") and not grams.indexed_short("，")


def test_short_terms_find_exactly_what_a_substring_search_finds(tree, office, monkeypatch):
    rng = random.Random(14)  # noqa: S311  # reproducible test data, not secrets

    def text(n: int) -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))

    for i in range(60):
        factories.ticket(office, tree.city, number=f"G{i:03d}", caller=text(5) or "某", location=text(12))

    def check() -> None:
        rows = list(Ticket.objects.values_list("pk", "caller", "location"))
        for q in TERMS:
            f = selectors.CaseFilters(q=q)
            with monkeypatch.context() as m:
                m.setattr(grams, "indexed_short", lambda t: False)
                scan = set(selectors.filtered_cases(office, f).values_list("pk", flat=True))
            found = set(selectors.filtered_cases(office, f).values_list("pk", flat=True))
            # SQLite's LIKE folds ASCII letters (a finds A); PostgreSQL's does not
            fold = str.lower if connection.vendor == "sqlite" else str
            by_hand = {pk for pk, c, loc in rows if fold(q) in fold(c) or fold(q) in fold(loc)}
            assert found == scan == by_hand, q

    check()
    pks = list(Ticket.objects.values_list("pk", flat=True))
    Ticket.objects.filter(pk=pks[0]).update(caller="欧阳罕")  # changed through the ORM
    with connection.cursor() as c:  # and behind Django's back
        c.execute("UPDATE hotline_ticket SET location = %s WHERE id = %s", ["张三路12号", pks[1]])
    Ticket.objects.filter(pk=pks[2]).update(status=Status.CLOSED)  # a column the index does not read
    Ticket.objects.filter(pk__in=pks[3:6]).delete()
    factories.ticket(office, tree.city, number="G999", caller="Ab张", location="阳路")
    model = Ticket.objects.get(pk=pks[6])  # written in bulk, as imports and the demo do
    bulk = [
        Ticket(
            **{
                f.attname: getattr(model, f.attname)
                for f in Ticket._meta.concrete_fields
                if not f.primary_key
            },
        )
        for _ in range(8)
    ]
    for i, t in enumerate(bulk):
        t.number, t.caller, t.location = f"B{i}", text(5) or "某", text(12)
    Ticket.objects.bulk_create(bulk)
    bulk[0].caller, bulk[1].location = "罕", "欧阳路"
    Ticket.objects.bulk_update(bulk[:2], ["caller", "location"])
    with connection.cursor() as c:  # a copy of a ticket by raw SQL
        names = [f.column for f in Ticket._meta.concrete_fields if f.column not in ("id", "number", "caller")]
        c.execute(
            f"INSERT INTO hotline_ticket (number, caller, {', '.join(names)}) "  # noqa: S608  # constant names
            f"SELECT 'R1', '欧阳张', {', '.join(names)} FROM hotline_ticket WHERE id = %s",
            [pks[7]],
        )
    check()
    if connection.vendor == "sqlite":  # PostgreSQL's GIN plan: bench/hotline_list_speed.py at 1M tickets
        assert index_plan(
            Ticket.objects.filter(grams.holding("hotline_ticket", selectors.GRAMS_TABLE, ["张"]))
        )


def test_the_migration_fills_the_grams_of_existing_tickets_in_batches(tree, office):
    """PostgreSQL: tickets written before the column existed get their grams from the migration (batch by batch),
    tickets written after it from the trigger. SQLite (0005's triggers keep its index): every ticket is found."""
    op = GramsIndex("hotline_ticket", ("caller", "location"), batch=2)
    for i in range(5):
        factories.ticket(office, tree.city, number=f"M{i}", caller=f"欧阳{i}", location="罕路")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:  # the tickets' deferred checks, or ALTER TABLE refuses
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with connection.schema_editor() as editor:
            op.database_backwards("hotline", editor, None, None)
            factories.ticket(office, tree.city, number="M9", caller="欧阳九", location="罕路")  # no trigger
            op.database_forwards("hotline", editor, None, None)
    else:  # SQLite's schema editor does not open inside a test's transaction; the operation returns at once
        factories.ticket(office, tree.city, number="M9", caller="欧阳九", location="罕路")
    factories.ticket(office, tree.city, number="M10", caller="欧阳十", location="罕路")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM hotline_ticket WHERE search_grams IS NULL")
            assert cur.fetchone()[0] == 0
    found = selectors.filtered_cases(office, selectors.CaseFilters(q="欧阳")).values_list("number", flat=True)
    assert sorted(found) == sorted([f"M{i}" for i in range(5)] + ["M9", "M10"])


def test_the_list_page_searches_a_surname(tree, office, login):
    a = factories.ticket(office, tree.city, number="S1", caller="欧阳明")
    factories.ticket(office, tree.city, number="S2", caller="张三")
    page = login(office).get("/hotline/", {"q": "欧阳"})
    assert page.status_code == 200
    assert [t.pk for t in page.context["page"].rows] == [a.pk] and page.context["total"] == 1
