"""0006_number_sequences + reconsideration 0004_number_sequences + 0007_remove_org_case_number_prefix: each
复议机关's prefix moves from Org.case_number_prefix into its NumberSequence rows, the counter at the highest seq
of each year, so the next number is the one the old code would have given.

Run on a new, empty database of the test engine (the `empty_database` fixture) that gets only core and
reconsideration up to the state before, real rows, then the migrations under test: rolling the test database's
seventeen apps back and forth took minutes."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("core", "0005_notice"), ("reconsideration", "0003_version")]
AFTER = [("core", "0007_remove_org_case_number_prefix"), ("reconsideration", "0004_number_sequences")]


def test_prefixes_and_counters_move_into_number_sequences(empty_database):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Org = old.get_model("core", "Org")
    city = Org.objects.create(
        code="990100", name="青城市人民政府", kind="city", path="/990100/", case_number_prefix="青府复"
    )
    county = Org.objects.create(
        code="990121", name="青城县人民政府", kind="county", path="/990121/", case_number_prefix="青县府复"
    )
    plain = Org.objects.create(code="990122", name="青山县人民政府", kind="county", path="/990122/")
    unit = Org.objects.create(code="990100-1", name="青城市公安局", kind="unit", path="/990100/990100-1/")
    Case = old.get_model("reconsideration", "ReconsiderationCase")
    for seq in (1, 2, 5):
        Case.objects.create(
            org=city, year=2024, seq=seq, number=f"青府复〔2024〕{seq}号", respondent=unit, act_type="penalty",
            act_description="罚款", applicant_summary="张三", received_on=dt.date(2024, 3, seq),
        )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = {
        (r.org_id, r.year): (r.app, r.prefix, r.last)
        for r in new.get_model("core", "NumberSequence").objects.all()
    }
    this_year = timezone.localdate().year  # the migration gives a prefix without cases this year's row
    assert rows == {
        (city.pk, 2024): ("reconsideration", "青府复", 5),
        (county.pk, this_year): ("reconsideration", "青县府复", 0),
    }
    assert plain.pk not in {org_id for org_id, _ in rows}
