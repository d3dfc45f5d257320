"""普法 figures from the activities, declared once (fazhi.indicators.declare). The audience (受众人次) and the
materials (资料份数) are recorded on each activity, but their yearly sums stay 统计填报 figures for now: a sum has no
row-for-row drill-down, and every computed figure must list exactly as many records as it counts."""

from __future__ import annotations

from fazhi.indicators.declare import Count, declare

from .models import Activity

activity = Count.of(Activity, jurisdiction="org", party="unit")
EVENTS = activity("held_on")

declare("publicity.events", EVENTS, formula="期间内开展的普法活动场次", source="publicity")
