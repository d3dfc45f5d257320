"""Indicator values over the API, with the same scope rules as the dashboard."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.params import DbId, period_param
from fazhi.core.permissions import visible_orgs

from .registry import compute

router = Router(tags=["指标"])


class IndicatorValueOut(Schema):
    value: int | float | None
    unit: str
    numerator: int | None
    denominator: int | None


class IndicatorValuesOut(Schema):
    org: str
    period: str
    indicators: dict[str, IndicatorValueOut]


@router.get("/values", response=IndicatorValuesOut)
def values(request, org_id: DbId, period: str):
    """`period`: 2024, 2024Q3, 2024-05 or 2024-01-01..2024-12-31."""
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    p = period_param({"period": period})
    return {
        "org": org.code,
        "period": period,
        "indicators": {k: v.as_dict() for k, v in compute(org, p).items()},
    }
