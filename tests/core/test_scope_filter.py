"""The org scope filter over several org columns (core.permissions.org_filter) keeps exactly the records of
its plain definition, `col_1 IN ids OR col_2 IN ids ...`, in every app whose records are seen through more
than one org (规范性文件: drafting unit, issuing org, filing org; 调解, 信访, 12345, ...), and its list page
lets SQLite walk indexes instead of fetching every record through each column's index (MULTI-INDEX OR)."""

from __future__ import annotations

import random
from functools import reduce
from operator import or_

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Org
from fazhi.core.permissions import _not_outside, _org_in, org_filter, scope_for
from tests.ladder import ladders


def org_columns(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Org]


#: apps whose ladder record is seen through several org columns
SEVERAL = sorted(app for app, lad in ladders().items() if len(org_columns(lad.model)) > 1)
# apps whose list count is summed from disjoint pieces (hotline: hl_scope_org_s, hl_scope_unit_s)
PIECEWISE = {"hotline": ("org", "unit")}


def test_several_org_column_apps_are_found():
    assert {"normative", "mediation", "petitions", "hotline", "legality", "proposals"} <= set(SEVERAL)


def move(rows, orgs: dict[str, int | None]) -> bool:
    """Point the rows' org columns at `orgs`; False where the app's own constraints refuse the combination
    (e.g. one 工作要点 task assigned twice to one unit)."""
    try:
        with transaction.atomic():
            rows.update(**{f"{f}_id": org for f, org in orgs.items()})
    except IntegrityError:
        return False
    return True


def plain(fields: list[str], ids: frozenset[int]) -> Q:
    return reduce(or_, (Q(**{f"{name}_id__in": sorted(ids)}) for name in fields))


def scopes(rng: random.Random, everything: list[int]):
    """Org id sets from empty through one org and a few to all but one and all: both forms of the filter."""
    n = len(everything)
    for size in (0, 1, 2, n // 3, n // 2, n // 2 + 1, n - 2, n - 1, n):
        for _ in range(3):
            yield frozenset(rng.sample(everything, max(0, size)))


@pytest.mark.parametrize("app", SEVERAL)
def test_scope_filter_keeps_what_the_or_definition_keeps(app, tree, office):
    lad = ladders()[app]
    record = lad.record(tree, office)
    model = type(record)
    fields = org_columns(model)
    nullable = {f: model._meta.get_field(f).null for f in fields}
    everything = list(Org.objects.values_list("id", flat=True))
    rng = random.Random(app)  # noqa: S311  # reproducible test data, not secrets
    rows = model._base_manager.filter(pk=record.pk)
    for ids in scopes(rng, everything):
        outside = frozenset(everything) - ids
        for _ in range(4):
            # the record's org columns point anywhere in the tree (or nowhere, where the column may be empty)
            if not move(
                rows,
                {f: None if nullable[f] and rng.random() < 0.25 else rng.choice(everything) for f in fields},
            ):
                continue
            want = rows.filter(plain(fields, ids)).exists()
            kit = reduce(or_, (_org_in(f, ids, outside) for f in fields))
            assert rows.filter(kit).exists() == want, (app, ids)
            if ids:
                wide = reduce(or_, (_not_outside(f, ids, outside) for f in fields))
                assert rows.filter(wide).exists() == want, (app, ids)


@pytest.mark.parametrize("app", SEVERAL)
def test_every_persona_sees_through_org_filter_what_the_or_definition_shows(app, tree, personas, office):
    lad = ladders()[app]
    model = lad.model
    fields = org_columns(model)
    lad.record(tree, office)
    everything = list(Org.objects.values_list("id", flat=True))
    rng = random.Random(app)  # noqa: S311  # reproducible test data, not secrets
    rows = model._base_manager.all()
    for pk in rows.values_list("pk", flat=True):
        move(rows.filter(pk=pk), {f: rng.choice(everything) for f in fields})
    for name in ("office", "reviewer", "leader", "clerk_a", "clerk_b", "county_office"):
        user = getattr(personas, name)
        ids = scope_for(user).ids(f"{app}.view")
        got = set(
            rows.filter(org_filter(user, *fields, capability=f"{app}.view")).values_list("pk", flat=True)
        )
        assert got == set(rows.filter(plain(fields, ids)).values_list("pk", flat=True)), (app, name)


def query_plans(client, url: str, table: str) -> list[tuple[str, str]]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    plans = []
    for q in ctx.captured_queries:
        sql = q["sql"]
        if f'FROM "{table}"' not in sql or not ("COUNT(" in sql or "LIMIT" in sql):
            continue
        with connection.cursor() as c:
            c.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql)
            plans.append((sql, " | ".join(str(r[-1]) for r in c.fetchall())))
    return plans


@pytest.mark.parametrize("app", SEVERAL)
def test_office_list_page_counts_and_pages_without_multi_index_or(app, tree, office, login):
    """SQLite: the COUNT and the page of rows of the office's list page use no MULTI-INDEX OR. PostgreSQL
    plans the plain OR with its statistics (bench/scope_speed.py prints its EXPLAIN), so it is kept there."""
    lad = ladders()[app]
    lad.record(tree, office)
    table = lad.model._meta.db_table
    plans = query_plans(login(office), lad.pages[0], table)
    assert plans, app
    for sql, plan in plans:
        if connection.vendor == "sqlite":
            assert "MULTI-INDEX OR" not in plan, (app, sql, plan)
        else:
            assert f'NOT ("{table}".' not in sql, (app, sql)


@pytest.mark.parametrize("app", SEVERAL)
def test_unit_clerk_keeps_the_short_in_lists(app, tree, office, clerk_a, login):
    """A scope of a few orgs stays `col IN (...)` on every column (index lookups), as before."""
    lad = ladders()[app]
    lad.record(tree, office)
    table = lad.model._meta.db_table
    with CaptureQueriesContext(connection) as ctx:
        assert login(clerk_a).get(lad.pages[0]).status_code == 200
    scoped = [q["sql"] for q in ctx.captured_queries if f'FROM "{table}"' in q["sql"] and "LIMIT" in q["sql"]]
    assert scoped, app
    for sql in scoped:
        if "COUNT(" in sql and any(f"{name}_id" in sql for name in PIECEWISE.get(app, ())):
            # a model with scope-count indexes (core.permissions.scoped_count) counts disjoint pieces: "unit in
            # scope AND NOT org in scope" is the second piece, read from its covering index
            # (tests/core/test_scoped_count.py: the pieces sum to the plain count); each column stays a short IN
            for name in org_columns(lad.model):
                assert f'"{table}"."{name}_id" IN (' in sql, (app, sql)
            continue
        for name in org_columns(lad.model):
            assert f'NOT ("{table}"."{name}_id"' not in sql, (app, sql)
