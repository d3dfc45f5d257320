"""Small helpers shared by the pages of every app: error text, paging links, indicator drill-downs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from .pagination import Page, keyset_page
from .permissions import visible_orgs


def error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def form_errors_text(form) -> str:
    parts = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'，'.join(errs)}" if label else "，".join(errs))
    return "；".join(parts)


def drilldown(request, qs):
    """?indicator=KEY&org=ID&period=TOKEN narrows `qs` to the records behind a figure (within scope)."""
    from fazhi.indicators.registry import Period, drilldown_records, registered

    key = request.GET.get("indicator")
    if not key:
        return qs, None
    org = visible_orgs(request.user).filter(pk=request.GET.get("org") or 0).first()
    if org is None:
        raise PermissionDenied("无权查看该机构的指标明细")
    period = Period.parse(request.GET.get("period", str(timezone.localdate().year)))
    ids = drilldown_records(key, org, period).values("id")
    return qs.filter(id__in=ids), f"{org.name} · {period.label} · {registered()[key].name}"


def paged_list(request, qs, *, date_field: str) -> dict:
    """The page of rows and the links a list template needs (next page, back to first, export query)."""
    page: Page = keyset_page(qs, date_field=date_field, cursor=request.GET.get("after"), size=50)
    params = request.GET.copy()
    params.pop("after", None)
    next_url = None
    if page.next_cursor:
        params["after"] = page.next_cursor
        next_url = "?" + params.urlencode()
        params.pop("after")
    return {
        "page": page,
        "next_url": next_url,
        "first_url": "?" + params.urlencode() if request.GET.get("after") else None,
        "export_query": urlencode({k: v for k, v in request.GET.items() if k != "after"}),
        "today": timezone.localdate(),
    }
