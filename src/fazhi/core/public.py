"""The public portal's protocol (DESIGN.md: `portal` finds the apps through the app contract). A domain app
contributes sections of its jurisdiction's public site by naming `PublicSection` objects in its AppConfig's
`public_sections`; the portal (fazhi.portal) lays them out: home page, section pages, detail pages, search,
Atom feeds and the sitemap. A section gives only what anyone may see: published, non-personal data.

    SECTION = PublicSection(
        key="normative", title="规范性文件库", order=20,
        entries=public_entries,            # (org) -> newest-first PublicEntry list: home, feed, search, sitemap
        page=page_context, template="normative/portal/list.html",     # (request, org) -> context | response
        detail=detail_context, detail_template="normative/portal/detail.html",  # (request, org, pk) -> context
        changes_with=("normative.NormativeDocument",),   # what the search index watches to stay current
    )

`page` may accept POST (a public form; `accepts_post`), and so may `detail` (`detail_accepts_post`, e.g. a comment
on a draft); the portal then throttles the posts per address before calling it.
The templates are fragments: the portal renders them inside its own layout, with `org`, `section` and
`portal_url(name)` in the context."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from .contract import domain_apps, resolve
from .models import Org

PageResult = dict[str, Any] | HttpResponse


@dataclass(frozen=True)
class PublicEntry:
    """One public item of a section: its title, address on the portal, date, and searchable text."""

    title: str
    url: str
    on: date | None
    summary: str = ""
    text: str = ""


@dataclass(frozen=True)
class PublicSection:
    key: str  # URL segment under /gk/<org>/
    title: str
    order: int
    intro: str = ""
    entries: Callable[[Org], Iterable[PublicEntry]] | None = None
    page: Callable[[HttpRequest, Org], PageResult] | None = None
    template: str = ""
    detail: Callable[[HttpRequest, Org, int], PageResult] | None = None
    detail_template: str = ""
    accepts_post: bool = False  # `page` handles a public form (throttled per address by the portal)
    detail_accepts_post: bool = False  # `detail` handles a public form (throttled the same way)
    on_home: bool = True  # its latest entries are listed on the portal's home page
    # a list the home page shows first, under its own heading (e.g. 正在征求意见的决策草案)
    highlight: Callable[[Org], Iterable[PublicEntry]] | None = None
    highlight_title: str = ""
    # the models ("app_label.ModelName") whose saves and deletes can change `entries`: the portal's search index
    # refreshes the section when one of them changes (core.Org always counts); a section naming none is
    # re-read on every search
    changes_with: tuple[str, ...] = ()

    def url(self, org: Org) -> str:
        return section_url(org, self.key)

    def item_url(self, org: Org, pk: int) -> str:
        return section_url(org, self.key, pk)


def public_sections() -> list[PublicSection]:
    """The sections every installed domain app contributes, in their declared order."""
    found = [resolve(path) for cfg in domain_apps() for path in getattr(cfg, "public_sections", ())]
    return sorted(found, key=lambda s: (s.order, s.key))


def section_url(org: Org, key: str, pk: int | None = None) -> str:
    """The address of a section (or of one item of it) on `org`'s portal, without resolving any app's URLs."""
    return f"/gk/{org.code}/{key}/" + (f"{pk}/" if pk is not None else "")


def data_download(
    fmt: str, filename: str, *, body: dict[str, Any], header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An open-data file: `body` as JSON, or `header` and `rows` as CSV (UTF-8 with BOM, so that Excel reads it)."""
    if fmt == "json":
        resp = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
    else:
        resp = HttpResponse(content_type="text/csv; charset=utf-8")
        resp.write("\ufeff")
        w = csv.writer(resp)
        w.writerow(header)
        w.writerows(rows)
    resp["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return resp
