"""规范性文件库 on the jurisdiction's public portal (core/public.py): the published documents of its subtree."""

from __future__ import annotations

from django.http import Http404

from fazhi.core.public import PublicEntry, PublicSection, section_url
from fazhi.core.web import paged_list

from . import selectors

KEY = "normative"


def entries(org):
    return [
        PublicEntry(
            title=d.title,
            url=section_url(org, KEY, d.pk),
            on=d.published_on,
            summary=f"{d.doc_number}　{d.issuer.name}",
            text=d.text,
        )
        for d in selectors.public_documents(root=org).only(
            "title", "doc_number", "published_on", "text", "issuer__name"
        )
    ]


def page(request, org):
    f = selectors.PublicFilters.from_params(request.GET)
    return {**paged_list(request, selectors.public_documents(f, root=org), date_field="published_on"), "f": f}


def detail(request, org, pk: int):
    doc = selectors.public_document(pk)
    if doc is None or not doc.org.path.startswith(org.path):
        raise Http404("文件不存在或尚未公布")
    events = [e for e in doc.events.order_by("on", "id") if e.kind not in ("filed", "reviewed")]
    return {"doc": doc, "events": events, "item_title": doc.title}


SECTION = PublicSection(
    key=KEY,
    title="规范性文件库",
    order=20,
    intro="现行有效的行政规范性文件。未经公布的规范性文件不得作为行政管理依据。",
    entries=entries,
    page=page,
    template="normative/portal/list.html",
    detail=detail,
    detail_template="normative/portal/detail.html",
    changes_with=("normative.NormativeDocument",),
)
