"""List totals (core.web.count_rows): exact up to the limit; beyond it, on PostgreSQL, the planner's estimate."""

from datetime import date, timedelta

from django.db import connection

from fazhi.core import web
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories


def test_exact_below_the_limit_estimate_beyond_on_postgresql(tree, office, monkeypatch):
    for i in range(8):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 1, 2) + timedelta(days=i)
        )
    qs = ReconsiderationCase.objects.filter(org=tree.city)
    assert web.count_rows(qs) == (8, False)
    monkeypatch.setattr(web, "COUNT_EXACT_LIMIT", 5)
    n, approximate = web.count_rows(qs)
    if connection.vendor == "postgresql":
        assert approximate and n >= 6  # shown as 约 N 条
    else:
        assert (n, approximate) == (8, False)  # SQLite counts 1M indexed rows in tens of milliseconds
