"""List pages of records seen through several org columns, before and after the kit's scope filter, side by side.

    FAZHI_VAR_DIR=./var .venv/bin/python bench/normative_speed.py --generate 100000   # and/or
    FAZHI_VAR_DIR=./var .venv/bin/python bench/mediation_speed.py --n 100000          # (mediation, petitions)
    FAZHI_VAR_DIR=./var .venv/bin/python bench/scope_speed.py

For every domain model with two or more foreign keys to Org that holds rows (规范性文件, 调解, 信访, 12345, ...),
the app's list page is timed for a city office (the whole tree), a county office and a unit clerk, once with
the plain definition of the scope (`col_1 IN ids OR col_2 IN ids ...`, as before) and once with the kit's
(core.permissions._org_in), in the same process on the same data; then the plans of the page's COUNT and page
of rows (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) for the city office, both ways."""

from __future__ import annotations

import argparse
import statistics
from unittest import mock

from _setup import timed
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.core import permissions
from fazhi.core.choices import OrgKind
from fazhi.core.contract import domain_apps
from fazhi.core.models import Membership, Org


def plain(name: str, ids: frozenset[int], outside: frozenset[int]) -> Q:
    return Q(**{f"{name}_id__in": sorted(ids)})


def several_org_models() -> list[tuple[str, type]]:
    labels = {cfg.label for cfg in domain_apps()}
    found = []
    for model in apps.get_models():
        fks = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Org]
        if model._meta.app_label in labels and len(fks) > 1 and model._default_manager.exists():
            found.append((model._meta.app_label, model))
    return found


def persona(username: str, org: Org, role: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    Membership.objects.get_or_create(user=user, org=org, role=role)
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    return c


def plans(c: Client, url: str, table: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200, url
    out = []
    for q in ctx.captured_queries:
        sql = q["sql"]
        if f'FROM "{table}"' not in sql or not ("COUNT(" in sql or "LIMIT" in sql):
            continue
        kind = "count" if "COUNT(" in sql else "page "
        with connection.cursor() as cur:
            if connection.vendor == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + sql)
                plan = " | ".join(str(r[-1]) for r in cur.fetchall())
            else:
                cur.execute("EXPLAIN " + sql)
                rows = [r[0].strip() for r in cur.fetchall()]
                # the top node and how the records' table is read (the joined orgs are primary-key lookups)
                plan = " | ".join([rows[0], *(r for r in rows[1:] if f" on {table}" in r)])
        out.append(f"{kind} {float(q['time']) * 1000:8.1f} ms  {plan[:220]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    assert root is not None, "no org tree: generate data with an app's bench first"
    county = root.children.filter(kind=OrgKind.COUNTY).order_by("code").first() or root
    unit = (
        Org.objects.filter(kind=OrgKind.UNIT, path__startswith=county.path).order_by("code").first() or county
    )
    users = {
        "city office": persona("bench-office", root, "office"),
        "county office": persona("bench-county", county, "office"),
        "unit clerk": persona("bench-unit-clerk", unit, "clerk"),
    }
    print(f"database: {connection.vendor}; orgs {Org.objects.count()}; median of {args.repeat} page loads")
    print(f"{'list page':<34}{'user':<15}{'rows':>9}{'OR (before)':>14}{'kit (after)':>14}{'ratio':>8}")
    found = several_org_models()
    for label, model in found:
        url = f"/{label}/"
        n = model._default_manager.count()
        for who, c in users.items():
            with mock.patch.object(permissions, "_org_in", plain):
                before = statistics.median(timed(lambda c=c, url=url: c.get(url), args.repeat))
            after = statistics.median(timed(lambda c=c, url=url: c.get(url), args.repeat))
            print(
                f"{url + ' ' + model.__name__:<34}{who:<15}{n:>9,}{before:>11.1f} ms{after:>11.1f} ms"
                f"{before / after:>7.1f}x"
            )
    for label, model in found:
        for name, patch in (("OR (before)", mock.patch.object(permissions, "_org_in", plain)), ("kit", None)):
            print(f"-- /{label}/ city office, {name}:")
            if patch:
                with patch:
                    lines = plans(users["city office"], f"/{label}/", model._meta.db_table)
            else:
                lines = plans(users["city office"], f"/{label}/", model._meta.db_table)
            for line in lines:
                print("   ", line)


if __name__ == "__main__":
    main()
