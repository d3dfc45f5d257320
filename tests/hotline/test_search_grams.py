"""Searching the 12345 list for one or two characters (张, 欧阳): on SQLite answered from the grams index of
caller and place (fazhi.core.grams, migration hotline 0005, kept by triggers), finding exactly the rows of the
substring search, over random texts and after tickets are added, changed (through the ORM and raw SQL) and
removed."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from fazhi.core import grams
from fazhi.hotline import selectors
from fazhi.hotline.choices import Status
from fazhi.hotline.models import Ticket

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
    check()
    if connection.vendor == "sqlite":
        sql, params = selectors.filtered_cases(office, selectors.CaseFilters(q="张")).query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(r[-1]) for r in cur.fetchall())
        assert "VIRTUAL TABLE" in plan and "hotline_ticket_grams" in plan, plan


def test_the_list_page_searches_a_surname(tree, office, login):
    a = factories.ticket(office, tree.city, number="S1", caller="欧阳明")
    factories.ticket(office, tree.city, number="S2", caller="张三")
    page = login(office).get("/hotline/", {"q": "欧阳"})
    assert page.status_code == 200
    assert [t.pk for t in page.context["page"].rows] == [a.pk] and page.context["total"] == 1
