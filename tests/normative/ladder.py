"""行政规范性文件 on the permission ladder (tests/ladder.py): its pages, API paths and one write."""

from __future__ import annotations

from datetime import date

from fazhi.normative.models import NormativeDocument
from tests.ladder import Action, Ladder

from . import factories


def record(tree, office):
    """Unit A's document, published Tue 2025-09-16 (filed with the city government)."""
    return factories.published(
        office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法", doc_number="青市监规〔2025〕1号"
    )


LADDER = Ladder(
    app="normative",
    record=record,
    model=NormativeDocument,
    pages=("/normative/", "/normative/new/"),
    write_pages=("/import/normative/",),
    detail="/normative/{pk}/",
    api_list="/api/normative/cases",
    api_detail="/api/normative/cases/{pk}",
    action=Action(
        page="/normative/{pk}/action/file/",
        api="/api/normative/cases/{pk}/actions/file",
        data={"filing": "government", "filed_on": "2025-09-30"},
        done=lambda doc: doc.government_filed_on == date(2025, 9, 30),
    ),
    # The issuing unit's clerk files its own document.
    writes={"clerk_a": ("done", 200)},
)
