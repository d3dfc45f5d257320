"""0003_apitoken_hashed: plain-text keys are hashed and keep working; empty keys (the admin bug) are deleted.

Run on a new, empty database of the test engine (the `empty_database` fixture) that gets only core (and auth)
up to the state before, real rows, then the migration under test."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0002_importjob")]
AFTER = [("core", "0003_apitoken_hashed")]


def test_existing_keys_are_hashed_and_empty_ones_deleted(empty_database):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="machine")
    Token = old.get_model("core", "ApiToken")
    Token.objects.create(user=user, key="", name="空令牌")
    Token.objects.create(user=user, key="a1" * 20, name="")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = list(new.get_model("core", "ApiToken").objects.values("prefix", "key_hash", "name", "expires_at"))
    assert len(rows) == 1
    assert rows[0]["key_hash"] == hashlib.sha256(("a1" * 20).encode()).hexdigest()
    assert rows[0]["prefix"] == ("a1" * 20)[:12] and rows[0]["name"] and rows[0]["expires_at"]
