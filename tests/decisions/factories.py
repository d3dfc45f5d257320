"""Builders of 重大行政决策 records, through the services."""

from __future__ import annotations

from datetime import date

from fazhi.decisions import services
from fazhi.decisions.choices import CatalogStatus, Category, LegalityOpinion, Meeting


def listed(
    actor, *, sponsor, title="青城市城区集中供热价格调整", listed_on=date(2025, 1, 15), year=2025, **kw
):
    return services.list_decision(
        actor=actor, sponsor=sponsor, title=title, category=kw.pop("category", Category.POLICY), year=year,
        listed_on=listed_on, **kw,
    )  # fmt: skip


def decided(actor, *, sponsor, comment=(date(2025, 3, 3), date(2025, 4, 7)), on=date(2025, 5, 20), **kw):
    d = listed(actor, sponsor=sponsor, **kw)
    if comment:
        d = services.record_comment(
            case=d, actor=actor, comment_start=comment[0], comment_end=comment[1], comments_received=12,
            comments_adopted=4,
        )  # fmt: skip
    d = services.record_legality(
        case=d, actor=actor, legality_review="青法审〔2025〕决1号", legality_on=date(2025, 5, 6),
        opinion=LegalityOpinion.APPROVE,
    )  # fmt: skip
    return services.record_decision(
        case=d, actor=actor, discussed_on=on, meeting=Meeting.EXECUTIVE, decision_text="原则通过"
    )


DRAFT = """青城市城区集中供热价格调整方案（征求意见稿）
第一章　总则
第一条　为规范城区集中供热价格，制定本方案。
第二条　本方案适用于城区集中供热区域。
第二章　价格
第三条　居民供热价格按建筑面积每平方米每月调整为5.2元。
低保家庭免予调整。
"""


def open_for_comment(actor, *, sponsor, start=date(2025, 3, 3), end=date(2025, 4, 7), text=DRAFT, **kw):
    """A matter in the city's published 2025 catalog whose draft is open for comment from `start` to `end`."""
    catalog = services.catalog_for(sponsor.jurisdiction(), kw.get("year", 2025))
    if catalog.status != CatalogStatus.DRAFT:
        kw.setdefault("adjustment_reason", "目录调整增列")
    d = listed(actor, sponsor=sponsor, **kw)
    if catalog.status == CatalogStatus.DRAFT:
        services.approve_catalog(catalog=d.catalog, actor=actor, approved_on=date(2025, 1, 25))
        services.publish_catalog(catalog=d.catalog, actor=actor, published_on=date(2025, 2, 1))
    return services.publish_draft(case=d, actor=actor, draft_text=text, comment_start=start, comment_end=end)
