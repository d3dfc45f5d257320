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
