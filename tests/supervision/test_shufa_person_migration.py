"""0006_shufa_person: existing 述法 are linked to the leader's system user by a unique name match (a member of
the leader's unit first); ambiguous names stay unlinked and are listed. Run on a new, empty database that gets
only the apps the migration needs (the `empty_database` fixture)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("supervision", "0005_scheme_evidence")]
AFTER = [("supervision", "0006_shufa_person")]


def test_existing_shufa_are_linked_by_unique_name_and_ambiguous_ones_listed(empty_database, capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Org = old.get_model("core", "Org")
    Role = old.get_model("core", "Role")
    User = old.get_model("auth", "User")
    Membership = old.get_model("core", "Membership")
    Shufa = old.get_model("supervision", "Shufa")
    city = Org.objects.create(code="990100", name="青城市人民政府", kind="city", path="/990100/")
    a = Org.objects.create(code="990100A", name="青城市市场监督管理局", kind="unit", path="/990100/990100A/")
    b = Org.objects.create(code="990100B", name="青城市公安局", kind="unit", path="/990100/990100B/")
    clerk = Role.objects.get_or_create(code="clerk", defaults={"name": "业务人员"})[0]
    wang_a = User.objects.create(username="wang_a", first_name="王建国")
    wang_b = User.objects.create(username="wang_b", first_name="王建国")
    li = User.objects.create(username="li", first_name="李明")
    Membership.objects.create(user=wang_a, org=a, role=clerk)
    Membership.objects.create(user=wang_b, org=b, role=clerk)

    def shufa(org, leader):
        return Shufa.objects.create(
            org=org, year=2024, leader=leader, title="局长", held_on=dt.date(2025, 1, 20), meeting="述法会"
        )

    in_a, in_b, at_city, unique, nobody = (
        shufa(a, "王建国"),  # two 王建国, one of them in unit A
        shufa(b, "王建国"),
        shufa(city, "王建国"),  # two 王建国, neither a member of the city: ambiguous
        shufa(city, "李明"),  # the one 李明 anywhere
        shufa(city, "张三"),  # no such user
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("supervision", "Shufa")
    linked = dict(new.objects.values_list("pk", "person_id"))
    assert linked == {
        in_a.pk: wang_a.pk,
        in_b.pk: wang_b.pk,
        at_city.pk: None,
        unique.pk: li.pk,
        nobody.pk: None,
    }
    out = capsys.readouterr().out
    assert f"述法#{at_city.pk} 2024年度 青城市人民政府 王建国：同名系统用户 wang_a、wang_b" in out
    assert f"述法#{in_a.pk}" not in out
