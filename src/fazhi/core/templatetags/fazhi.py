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
    "received": "blue",
    "correction": "yellow",
    "hearing": "azure",
    "suspended": "orange",
    "decided": "green",
    "closed": "secondary",
    "rejected": "secondary",
    "abandoned": "secondary",
    "pending": "azure",
    "judged": "green",
}


@register.simple_tag
def status_badge(obj):
    color = STATUS_COLORS.get(obj.status, "secondary")
    return format_html('<span class="badge bg-{}-lt">{}</span>', color, obj.get_status_display())


@register.inclusion_tag("core/_attachments.html", takes_context=True)
def attachments_panel(context, record):
    """The 附件 tab of a record page: its files (served through the permission-checked view) and, for users who
    may change the record, the upload form."""
    from django.urls import reverse

    from fazhi.core.attachments import ALLOWED_TYPES, attachments_of
    from fazhi.core.permissions import can

    request = context["request"]
    meta = record._meta
    return {
        "items": attachments_of(record),
        "can_change": can(request.user, record.org, f"{meta.app_label}.handle"),
        "upload_url": reverse("core-attachment-upload", args=[meta.app_label, meta.model_name, record.pk]),
        "accept": ",".join(ALLOWED_TYPES),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def code_label(code: str, key: str) -> str:
    """The 字典 label of a stored code: {{ case.act_field|code_label:"enforcement_field" }} → 公安."""
    from fazhi.core import codelists

    return codelists.label(codelists.get(key), code)


@register.simple_tag(takes_context=True)
def sort_th(context, label: str, name: str, css: str = ""):
    """A column header that sorts the list by `name` (core.web.sort_links), with an arrow for the current
    direction; a plain header where the list does not sort by that column."""
    from django.utils.html import format_html

    link = (context.get("sort_links") or {}).get(name)
    cls = format_html(' class="{}"', css) if css else ""
    if link is None:
        return format_html("<th{}>{}</th>", cls, label)
    arrow = {"asc": " ↑", "desc": " ↓"}.get(link["dir"], "")
    title = "点击按此列排序" if not link["dir"] else "点击反向排序"
    return format_html(
        '<th{} aria-sort="{}"><a class="sort-link text-reset" href="{}" title="{}">{}{}</a></th>',
        cls,
        {"asc": "ascending", "desc": "descending"}.get(link["dir"], "none"),
        link["url"],
        title,
        label,
        arrow,
    )


@register.filter
def masked(value) -> str:
    """A phone or ID number (or text holding them) masked: {{ t.phone|masked }} → 138****5678 (core.personal)."""
    from fazhi.core.personal import mask

    return mask(value)


@register.inclusion_tag("core/_personal.html", takes_context=True)
def personal(context, record, field: str):
    """A personal field of a record page: masked, with a 查看完整 button for a holder of `personal.view_full`
    (an explicit POST, logged, core.personal_views.reveal_view)."""
    from django.urls import reverse

    from fazhi.core.personal import mask, sees_full

    request = context["request"]
    value = getattr(record, field) or ""
    meta = record._meta
    return {
        "value": mask(value),
        "field": field,
        "dom_id": f"personal-{meta.model_name}-{record.pk}-{field}",
        "can_reveal": bool(value) and mask(value) != value and sees_full(request.user, record),
        "reveal_url": reverse(
            "core-personal-reveal", args=[meta.app_label, meta.model_name, record.pk, field]
        ),
        "csrf_token": context.get("csrf_token"),
    }
