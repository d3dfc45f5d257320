"""The public portal's pages (no login): one site per jurisdiction under /gk/<org code>/, laid out from the sections
(fazhi.portal.sections: its own and the domain apps' through core/public.py). Works without JavaScript; the
large-text mode (适老化) is a cookie set by a plain link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.choices import JURISDICTION_KINDS
from fazhi.core.models import Org

from . import search as searching
from . import throttle
from .sections import all_sections, section

HOME_ITEMS = 5
LARGE_COOKIE = "fz_large_text"


def portal_orgs():
    return Org.objects.filter(kind__in=JURISDICTION_KINDS, is_active=True).order_by("path")


def portal_org(code: str) -> Org:
    return get_object_or_404(portal_orgs(), code=code)


def _large(request) -> bool:
    flag = request.GET.get("large")
    if flag in ("0", "1"):
        return flag == "1"
    return request.COOKIES.get(LARGE_COOKIE) == "1"


def _render(request, template: str, org: Org | None, ctx: dict, status: int = 200) -> HttpResponse:
    base = {
        "org": org,
        "portal_sections": all_sections() if org else [],
        "large_text": _large(request),
        "here": request.get_full_path(),
    }
    return render(request, template, {**base, **ctx}, status=status)


def _throttled(request, org: Org, s) -> HttpResponse:
    return _render(
        request, "portal/throttled.html", org, {"section": s, "limit": throttle.limit()}, status=429
    )


@require_GET
def index(request):
    orgs = list(portal_orgs())
    return _render(request, "portal/index.html", None, {"orgs": orgs})


@require_GET
def home(request, org_code: str):
    org = portal_org(org_code)
    blocks, highlights = [], []
    for s in all_sections():
        if s.highlight is not None:
            items = list(s.highlight(org))[:HOME_ITEMS]
            if items:
                highlights.append({"section": s, "title": s.highlight_title, "items": items})
        if s.on_home and s.entries is not None:
            blocks.append({"section": s, "items": list(s.entries(org))[:HOME_ITEMS]})
    return _render(request, "portal/home.html", org, {"blocks": blocks, "highlights": highlights})


@require_http_methods(["GET", "HEAD", "POST"])
def section_page(request, org_code: str, key: str):
    org = portal_org(org_code)
    s = section(key)
    if s.page is None:
        return HttpResponseRedirect(f"/gk/{org.code}/")
    if request.method == "POST":
        if not s.accepts_post:
            raise PermissionDenied
        if not throttle.allow(request, s.key):
            return _throttled(request, org, s)
    result = s.page(request, org)
    if isinstance(result, HttpResponse):
        return result
    return _render(request, "portal/section.html", org, {"section": s, **result})


@require_http_methods(["GET", "HEAD", "POST"])
def item(request, org_code: str, key: str, pk: int):
    org = portal_org(org_code)
    s = section(key)
    if s.detail is None:
        return HttpResponseRedirect(s.url(org))
    if request.method == "POST":
        if not s.detail_accepts_post:
            raise PermissionDenied
        if not throttle.allow(request, s.key):
            return _throttled(request, org, s)
    result = s.detail(request, org, pk)
    if isinstance(result, HttpResponse):
        return result
    return _render(request, "portal/item.html", org, {"section": s, **result})


@require_GET
def search(request, org_code: str):
    org = portal_org(org_code)
    q = (request.GET.get("q") or "").strip()[:100]
    hits = []
    if q:
        hits = searching.search(org, q)
    return _render(request, "portal/search.html", org, {"q": q, "hits": hits})


@require_GET
def text_size(request):
    """适老化: switch the large-text mode on or off (a cookie for a year) and go back to the page."""
    large = request.GET.get("large") == "1"
    target = request.GET.get("next") or "/gk/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/gk/"
    resp = HttpResponseRedirect(target)
    resp.set_cookie(
        LARGE_COOKIE, "1" if large else "0", max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return resp
