"""Builders of 行政规范性文件 records, through the services."""

from __future__ import annotations

from datetime import date

from fazhi.normative import services


def document(
    actor,
    *,
    issuer,
    title="青城市城市供热管理办法",
    registered_on=date(2025, 9, 1),
    review="青法审〔2025〕1号",
):
    return services.register_document(
        actor=actor, issuer=issuer, title=title, registered_on=registered_on, legality_review=review
    )


def published(
    actor, *, published_on=date(2025, 9, 16), effective_on=None, doc_number="青城市政规〔2025〕1号", **kw
):
    doc = document(actor, **kw)
    return services.publish_document(
        case=doc,
        actor=actor,
        doc_number=doc_number,
        published_on=published_on,
        effective_on=effective_on or published_on,
    )
