"""Extra databases of the test engine, made for a few slow tests, and a way to run code against one of them as if it
were the test database ("default" points at it, so the ORM, raw `connection` use, the test client's requests and
migrations' RunPython all go there).

- `empty_database`: a new, empty database (no migration applied): a migration test applies only the migrations its
  subject needs to it, instead of rolling all the apps of the test database back and forth.
- `clone_database`: a copy of the (migrated) test database: the session's demo city is built once into one
  (tests/conftest.py) and each test that reads it runs in a transaction rolled back at its end.

Both are SQLite files next to the test database, or PostgreSQL databases named after it, and are dropped after.

And the migrated template (`restore_template`, `save_template`): the test database as the migrations leave it,
before any test, kept per engine under a key of the source tree (every file the migrations could read: the
migrations, the code and data they import, the post-migrate handlers) and Django's version. A later session
of the same tree starts from a copy instead of applying the ~130 migrations again (2–4 minutes each time, almost
all of it Django's migration state): CI's RQ and browser runs reuse the PostgreSQL run's, and the tests that
start processes on a database file of their own copy the SQLite one. Any change under src/fazhi makes a new key,
so a template is never older than the code; the migrations themselves run at least once per engine and tree.
SQLite templates are files under var/test-templates/ (FAZHI_TEST_TEMPLATE_DIR), PostgreSQL ones databases
named fazhi_tpl_<key> in the test cluster (the previous key's are dropped when a new one is saved)."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

ALIAS = "default"
ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "fazhi"
# Neither decides what a migration writes: the pages' own files.
NOT_READ_BY_MIGRATIONS = {"static", "templates", "__pycache__"}


def _wrapper(name: str) -> BaseDatabaseWrapper:
    base = connections[ALIAS]
    settings = {**base.settings_dict, "NAME": name, "TEST": {**base.settings_dict["TEST"], "NAME": name}}
    return base.__class__(settings, ALIAS)


def _name(suffix: str) -> str:
    base = connections[ALIAS]
    test_name = base.settings_dict["TEST"].get("NAME")
    if base.settings_dict["NAME"] != test_name and not base.settings_dict["NAME"].startswith("test_"):
        # pytest-django sets up the test database only for a session with a test that asks for one (`db`).
        raise RuntimeError(
            f"not on the test database ({base.settings_dict['NAME']}): request the `db` fixture"
        )
    if base.vendor == "sqlite":
        return str(Path(base.settings_dict["NAME"]).with_name(f"{suffix}.sqlite3"))
    return f"{base.settings_dict['NAME']}_{suffix}"


@contextmanager
def use(wrapper: BaseDatabaseWrapper) -> Iterator[BaseDatabaseWrapper]:
    """Make `wrapper` the default connection while the block runs (this thread's); then put the test one back."""
    original = connections[ALIAS]
    connections[ALIAS] = wrapper
    try:
        yield wrapper
    finally:
        connections[ALIAS] = original


def _sqlite_snapshot(source: BaseDatabaseWrapper, path: str) -> None:
    """Copy the SQLite database of `source` to the file `path`. The backup API copies a consistent snapshot, the
    write-ahead log included (a file copy would not)."""
    source.ensure_connection()
    target = sqlite3.connect(path)
    try:
        source.connection.backup(target)
    finally:
        target.close()


def _drop(wrapper: BaseDatabaseWrapper) -> None:
    wrapper.close()
    wrapper.creation._destroy_test_db(wrapper.settings_dict["NAME"], verbosity=0)


@contextmanager
def empty_database(suffix: str) -> Iterator[BaseDatabaseWrapper]:
    """A new database with no table at all (the engine and credentials of the test database); dropped after."""
    wrapper = _wrapper(_name(suffix))
    wrapper.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield wrapper
    finally:
        _drop(wrapper)


@contextmanager
def clone_database(suffix: str) -> Iterator[BaseDatabaseWrapper]:
    """A copy of the test database as it is now (its schema and committed rows); dropped after."""
    source = connections[ALIAS]
    if source.in_atomic_block:
        raise RuntimeError("clone_database needs the test database outside a transaction")
    name = _name(suffix)
    wrapper = _wrapper(name)
    if source.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
        _sqlite_snapshot(source, name)
    else:
        # CREATE DATABASE … TEMPLATE: what Django's parallel runner does (it closes the connections to the source).
        source.creation._clone_test_db(suffix, verbosity=0)
    try:
        yield wrapper
    finally:
        _drop(wrapper)


# --- the migrated template -----------------------------------------------------------------------------------


@functools.cache
def template_key() -> str:
    """A digest of every file under src/fazhi a migration could read (pages' static files and templates left
    out) and of Django's version."""
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(SOURCE.rglob("*")):
        relative = path.relative_to(SOURCE)
        if (
            path.is_file()
            and not NOT_READ_BY_MIGRATIONS.intersection(relative.parts)
            and path.suffix != ".pyc"
        ):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _template_dir() -> Path:
    return Path(os.environ.get("FAZHI_TEST_TEMPLATE_DIR") or ROOT / "var" / "test-templates")


def _template_name(vendor: str) -> str:
    if vendor == "sqlite":
        return str(_template_dir() / f"{template_key()}.sqlite3")
    return f"fazhi_tpl_{template_key()}"


def sqlite_template() -> Path | None:
    """The migrated SQLite template of this tree, when a session has saved it (for tests that start processes on
    a database file of their own: a copy of it is what `fazhi migrate` would have made)."""
    path = Path(_template_name("sqlite"))
    return path if path.exists() else None


def _pg_databases(like: str) -> set[str]:
    with connections[ALIAS]._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [like])
        return {row[0] for row in cursor.fetchall()}


def test_database_name() -> str:
    """The name pytest-django will give the test database (ask before it is set up: it then renames the alias)."""
    return connections[ALIAS].creation._get_test_db_name()


def test_database_exists(name: str) -> bool:
    base = connections[ALIAS]
    if base.vendor == "sqlite":
        return Path(name).exists()
    return name in _pg_databases(name)


def drop_test_database(name: str) -> None:
    base = connections[ALIAS]
    base.close()
    base.creation._destroy_test_db(name, verbosity=0)


def restore_template(name: str) -> bool:
    """Create the test database `name` as a copy of this tree's migrated template; False when there is none."""
    base = connections[ALIAS]
    template = _template_name(base.vendor)
    if base.vendor == "sqlite":
        if not Path(template).exists():
            return False
        shutil.copyfile(template, name)
        return True
    if template not in _pg_databases(template):
        return False
    with base._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return True


def save_template(name: str) -> None:
    """Keep the test database `name`, just migrated, as this tree's template (written under a new name, then
    renamed, so that a half-written template is never used)."""
    base = connections[ALIAS]
    template = _template_name(base.vendor)
    if base.vendor == "sqlite":
        partial = f"{template}.{os.getpid()}.partial"
        Path(template).parent.mkdir(parents=True, exist_ok=True)
        _sqlite_snapshot(base, partial)
        os.replace(partial, template)
        for old in Path(template).parent.glob("*.sqlite3"):
            if old.name != Path(template).name:
                old.unlink(missing_ok=True)
        return
    partial = f"{template}_{os.getpid()}"
    connections.close_all()  # CREATE DATABASE … TEMPLATE needs no one else on the source
    with base._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{partial}"')
        cursor.execute(f'CREATE DATABASE "{partial}" TEMPLATE "{name}"')
        if template in _pg_databases(template):  # another run saved the same tree's meanwhile
            cursor.execute(f'DROP DATABASE "{partial}"')
        else:
            cursor.execute(f'ALTER DATABASE "{partial}" RENAME TO "{template}"')
        for old in _pg_databases("fazhi\\_tpl\\_%") - {template}:
            cursor.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
