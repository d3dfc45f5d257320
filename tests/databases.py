"""Extra databases of the test engine, made for a few slow tests, and a way to run code against one of them as if it
were the test database ("default" points at it, so the ORM, raw `connection` use, the test client's requests and
migrations' RunPython all go there).

- `empty_database`: a new, empty database (no migration applied): a migration test applies only the migrations its
  subject needs to it, instead of rolling all the apps of the test database back and forth.
- `clone_database`: a copy of the (migrated) test database: the session's demo city is built once into one
  (tests/conftest.py) and each test that reads it runs in a transaction rolled back at its end.

Both are SQLite files next to the test database, or PostgreSQL databases named after it, and are dropped after."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

ALIAS = "default"


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
        # The backup API copies a consistent snapshot, the write-ahead log included (a file copy would not).
        Path(name).unlink(missing_ok=True)
        source.ensure_connection()
        target = sqlite3.connect(name)
        try:
            source.connection.backup(target)
        finally:
            target.close()
    else:
        # CREATE DATABASE … TEMPLATE: what Django's parallel runner does (it closes the connections to the source).
        source.creation._clone_test_db(suffix, verbosity=0)
    try:
        yield wrapper
    finally:
        _drop(wrapper)
