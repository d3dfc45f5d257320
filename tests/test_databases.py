"""tests/databases.py: a copy of the test database and an empty one stand in for it while a block runs (the ORM
and `connection` go there), and leave the test database as it was."""

from __future__ import annotations

from django.db import connection

from fazhi.core.models import Org
from tests import databases


def test_a_copy_and_an_empty_database_stand_in_for_the_test_database_and_leave_it_alone(transactional_db):
    test_db = connection.settings_dict["NAME"]
    with databases.clone_database("probe") as copy, databases.use(copy):
        assert connection.settings_dict["NAME"] == copy.settings_dict["NAME"] != test_db
        Org.objects.create(code="990199", name="探针市", kind="city", path="/990199/")
        assert Org.objects.filter(code="990199").exists()
    assert connection.settings_dict["NAME"] == test_db
    assert not Org.objects.filter(code="990199").exists()
    with databases.empty_database("probe") as empty, databases.use(empty):
        assert "core_org" not in connection.introspection.table_names()
    assert "core_org" in connection.introspection.table_names()


def test_the_template_key_follows_every_file_a_migration_could_read_and_nothing_else(tmp_path, monkeypatch):
    (tmp_path / "core" / "migrations").mkdir(parents=True)
    (tmp_path / "core" / "static").mkdir()
    (tmp_path / "core" / "templates").mkdir()
    migration = tmp_path / "core" / "migrations" / "0001_initial.py"
    migration.write_text("operations = []\n")
    (tmp_path / "core" / "seeds.json").write_text("[]")
    monkeypatch.setattr(databases, "SOURCE", tmp_path)

    def key() -> str:
        databases.template_key.cache_clear()
        return databases.template_key()

    try:
        first = key()
        assert key() == first
        (tmp_path / "core" / "static" / "app.js").write_text("1")
        (tmp_path / "core" / "templates" / "page.html").write_text("<p>")
        assert key() == first  # the pages' files are not read by migrations
        (tmp_path / "core" / "seeds.json").write_text('["新"]')
        assert key() != first  # data a RunPython may load
        second = key()
        migration.write_text("operations = [1]\n")
        assert key() != second
    finally:
        databases.template_key.cache_clear()


def test_the_session_database_is_the_migrations_end_state(db):
    """Whether it was migrated this session or copied from the tree's template, nothing is left to apply and the
    template of this tree exists (SQLite file or PostgreSQL database)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    if connection.vendor == "sqlite":
        assert databases.sqlite_template() is not None
    else:
        assert databases._template_name("postgresql") in databases._pg_databases("fazhi\\_tpl\\_%")
