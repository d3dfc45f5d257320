"""普法 figures from the records, declared once (fazhi.indicators.declare). The audience (受众人次) and the
materials (资料份数) are recorded on each activity, but their yearly sums stay 统计填报 figures for now: a sum has no
row-for-row drill-down, and every computed figure must list exactly as many records as it counts."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, declare
from fazhi.indicators.registry import Period

from .choices import VillageLevel
from .models import Activity, CultureSite, LegalLiterate, ModelVillage

activity = Count.of(Activity, jurisdiction="org", party="unit")
site = Count.of(CultureSite, jurisdiction="org", party="unit")
village = Count.of(ModelVillage, jurisdiction="org", party="unit")
literate = Count.of(LegalLiterate, jurisdiction="org", party="unit")

EVENTS = activity("held_on")


def _sites_at_end(period: Period) -> Q:
    """Built by the period's end and not removed by then (截至期末)."""
    return Q(built_on__lte=period.end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=period.end))


def _literates_at_end(period: Period) -> Q:
    """Confirmed by the period's end and not withdrawn by then (截至期末)."""
    return Q(registered_on__lte=period.end) & (Q(left_on__isnull=True) | Q(left_on__gt=period.end))


# the catalog's definition: 获评国家、省、市级 (a county's own naming is registered but not counted here)
NAMED_ABOVE_COUNTY = Q(level__in=(VillageLevel.NATIONAL, VillageLevel.PROVINCIAL, VillageLevel.CITY))

declare("publicity.events", EVENTS, formula="期间内开展的普法活动场次", source="publicity")
declare(
    "publicity.culture_sites",
    site(None, where=_sites_at_end),
    formula="期末已建成且未撤除的法治文化阵地数",
    source="publicity",
)
declare(
    "governance.model_villages",
    village("named_on", where=NAMED_ABOVE_COUNTY),
    formula="期间内获全国、省级、市级命名的民主法治示范村（社区）数",
    source="publicity",
)
declare(
    "governance.legal_literates",
    literate(None, where=_literates_at_end),
    formula="期末在册的“法律明白人”人数",
    source="publicity",
)
