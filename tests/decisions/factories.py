"""Builders of 重大行政决策 records, through the services."""

from __future__ import annotations

from datetime import date

from fazhi.decisions import services
from fazhi.decisions.choices import Category, LegalityOpinion, Meeting


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
