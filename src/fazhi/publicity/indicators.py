"""普法 figures from the activities: the count is declared (fazhi.indicators.declare); the audience and the
materials are sums over the same activities (a sum has no row-for-row drill-down: the activities behind it are
the drill-down of publicity.events)."""

from __future__ import annotations

from django.db.models import Sum

from fazhi.indicators.declare import Count, declare
from fazhi.indicators.registry import Period, Value, count, indicator

from .models import Activity

activity = Count.of(Activity, jurisdiction="org", party="unit")
EVENTS = activity("held_on")

declare("publicity.events", EVENTS, formula="期间内开展的普法活动场次", source="publicity")


def _sum(field: str, org, period: Period) -> Value:
    got = EVENTS.records(org, period).aggregate(n=Sum(field))["n"]
    return count(got or 0)


@indicator("publicity.audience", formula="期间内普法活动受众人次之和", source="publicity")
def audience(org, period: Period) -> Value:
    return _sum("audience", org, period)


@indicator("publicity.materials", formula="期间内普法活动发放资料份数之和", source="publicity")
def materials(org, period: Period) -> Value:
    return _sum("materials", org, period)
