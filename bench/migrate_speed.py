"""How long the latest migrations take on a populated database (issue 17 §6): each is unapplied, then applied
again with the time measured, on the database FAZHI_DATABASE_URL names (the demo at a large --scale, e.g. the
cluster scripts/multiprocess-test leaves in var/multiprocess/pg).

    python bench/migrate_speed.py                  # the last migration of each app, newest 10 by git history
    python bench/migrate_speed.py --last 20
    python bench/migrate_speed.py reconsideration.0006_trgm_search enforcement.0002_trgm_search

For each migration: the time to apply it, the rows of the app's largest table, and whether it ran in one
transaction. A migration that cannot be unapplied (irreversible RunPython) is skipped and said so. Not for a real
database: unapplying drops what the migration added (columns, tables, indexes)."""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from _setup import django  # noqa: F401  (Django set up on import)
from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.exceptions import IrreversibleError  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def added_at(app: str, name: str) -> int:
    """When git first saw the migration file (0 when unknown)."""
    path = Path(apps.get_app_config(app).path) / "migrations" / f"{name}.py"
    out = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%ct", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return int(out[-1]) if out else 0


def latest(n: int) -> list[tuple[str, str]]:
    loader = MigrationLoader(connection)
    leaves = [
        (app, name)
        for app, name in loader.graph.leaf_nodes()
        if app in {c.label for c in apps.get_app_configs() if c.name.startswith("fazhi.")}
    ]
    return sorted(leaves, key=lambda key: added_at(*key), reverse=True)[:n]


def previous(loader: MigrationLoader, app: str, name: str) -> str:
    parents = [p for p in loader.graph.node_map[(app, name)].parents if p.key[0] == app]
    return parents[0].key[1] if parents else "zero"


def largest_table(app: str) -> tuple[str, int]:
    best = ("", 0)
    with connection.cursor() as cur:
        for model in apps.get_app_config(app).get_models():
            cur.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')
            n = cur.fetchone()[0]
            if n > best[1]:
                best = (model._meta.db_table, n)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("migrations", nargs="*", help="app.name (default: the latest --last)")
    ap.add_argument("--last", type=int, default=10)
    args = ap.parse_args()
    targets = [tuple(m.split(".", 1)) for m in args.migrations] or latest(args.last)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"{'migration':<58} {'apply ms':>9}  largest table of the app (rows)")
    for app, name in targets:
        loader = MigrationLoader(connection)
        migration = loader.get_migration(app, name)
        leaf = [n for a, n in loader.graph.leaf_nodes() if a == app][0]
        table, rows = largest_table(app)
        try:
            call_command("migrate", app, previous(loader, app, name), verbosity=0)
        except IrreversibleError as exc:
            print(f"{app}.{name:<50} skipped: {exc}")
            continue
        t = time.perf_counter()
        call_command("migrate", app, name, verbosity=0)
        ms = (time.perf_counter() - t) * 1000
        if leaf != name:
            call_command("migrate", app, leaf, verbosity=0)
        atomic = "" if getattr(migration, "atomic", True) else ", non-atomic"
        print(f"{app + '.' + name:<58} {ms:9.0f}  {table} ({rows:,}){atomic}")


if __name__ == "__main__":
    main()
