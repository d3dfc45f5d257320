from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def due_badge(due: date | None, today: date, open_: bool = True):
    """A due date coloured by urgency: overdue red, within 7 days amber."""
    if not due:
        return "—"
    if not open_:
        return f"{due:%Y-%m-%d}"
    days = (due - today).days
    if days < 0:
        return format_html('<span class="due-overdue">{}（已超期{}日）</span>', f"{due:%Y-%m-%d}", -days)
    if days <= 7:
        return format_html('<span class="due-soon">{}（剩{}日）</span>', f"{due:%Y-%m-%d}", days)
    return f"{due:%Y-%m-%d}"


STATUS_COLORS = {
    "received": "blue", "correction": "yellow", "hearing": "azure", "suspended": "orange", "decided": "green",
    "closed": "secondary", "rejected": "secondary", "abandoned": "secondary", "pending": "azure", "judged": "green",
}


@register.simple_tag
def status_badge(obj):
    color = STATUS_COLORS.get(obj.status, "secondary")
    return format_html('<span class="badge bg-{}-lt">{}</span>', color, obj.get_status_display())
