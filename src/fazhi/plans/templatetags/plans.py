"""The plans pages' test of a share's state, so a template asks rules.py instead of restating its conditions."""

from __future__ import annotations

from django import template

from fazhi.plans.selectors import LagThresholds

register = template.Library()


@register.filter
def lagging(share, lag: LagThresholds) -> bool:
    """{% if c|lagging:lag %}: 滞后 (时间过半、进度未过半), rules.is_lagging against the thresholds the page read
    once (selectors.LagThresholds, the list's `lag`)."""
    return lag.lagging(share)
