"""The plans pages' test of a share's state, so a template asks rules.py instead of restating its conditions."""

from __future__ import annotations

from django import template

from fazhi.plans import rules

register = template.Library()


@register.filter
def lagging(share, today) -> bool:
    """{% if c|lagging:today %}: 滞后 (时间过半、进度未过半), rules.is_lagging."""
    return rules.is_lagging(share, today)
