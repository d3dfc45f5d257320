"""A NUL in a query string never reaches the database. PostgreSQL refuses "\\x00" in a query's text (a 500), and
many views read a parameter straight from request.GET (q, status, kind, unit…), outside any form's
ProhibitNullCharactersValidator. The edge drops the NUL from every query parameter, as the kit's API lists did
for their own filters, so each page, export, API list and Open311 read answers as for the text without it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.middleware import without_nul
from tests import factories

pytestmark = pytest.mark.django_db

PARAMS = {
    "q": "张\x00三",
    "status": "\x00",
    "state": "\x00",
    "kind": "\x00",
    "type": "\x00",
    "unit": "\x00",
    "source": "\x00",
    "format": "\x00",
    "tab": "\x00",
    "key": "\x00",
    "list": "\x00",
    "service_code": "\x00",
    "service_request_id": "\x00",
    "jurisdiction_id": "\x00",
}


def _paths(resolver=None, prefix: str = "") -> list[str]:
    """Every URL of the project that takes no argument (list pages, exports, API lists, Open311 reads)."""
    out: list[str] = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(?P" in route or "^" in route.lstrip("^").rstrip("$"):
            continue
        if isinstance(entry, URLResolver):
            out += _paths(entry, route)
        elif isinstance(entry, URLPattern):
            out.append("/" + route.lstrip("^").rstrip("$"))
    skip = ("/admin/", "/logout/", "/static/", "/media/", "/healthz", "/readyz", "/metrics")
    return sorted({p for p in out if not p.startswith(skip)})


def test_the_edge_drops_a_nul_from_the_query_only():
    assert without_nul("q=%E5%BC%A0%00%E4%B8%89&a=1") == "q=%E5%BC%A0%E4%B8%89&a=1"
    assert without_nul("q=%e5%bc%a0%00") == "q=%e5%bc%a0"
    assert without_nul("q=%2500") == "q=%2500"  # an encoded percent sign followed by 00 is text, not a NUL
    assert without_nul("q=a%00%00b") == "q=ab"


def test_no_page_or_api_answers_500_for_a_nul_in_its_query(office, indicator_data):
    paths = _paths()
    assert len(paths) > 80, paths
    client = Client(raise_request_exception=False)
    client.force_login(office)
    token = factories.make_token(office, name="NUL").key
    failures = []
    for path in paths:
        headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") else {}
        response = client.get(path, PARAMS, headers=headers)
        if response.status_code >= 500:
            failures.append((path, response.status_code))
    assert not failures, f"{len(failures)} of {len(paths)}: {failures}"


def test_a_search_with_a_nul_finds_what_the_text_without_it_finds(client, office, indicator_data):
    from fazhi.reconsideration.models import ReconsiderationCase

    number = ReconsiderationCase.objects.order_by("pk").first().number
    client.force_login(office)
    plain = client.get("/reconsideration/", {"q": number})
    with_nul = client.get("/reconsideration/", {"q": number[:2] + "\x00" + number[2:]})
    assert plain.status_code == with_nul.status_code == 200
    assert with_nul.context["page"].rows == plain.context["page"].rows != []
