"""行政应诉 on the permission ladder (tests/ladder.py): its pages, API paths and one write."""

from __future__ import annotations

from datetime import date

from fazhi.litigation.models import LitigationCase
from tests import factories
from tests.ladder import Action, Ladder


def record(tree, office):
    """Unit A's suit (complaint copy received Tue 2025-09-16)."""
    return factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初15号",
        complaint_received_on=date(2025, 9, 16),
    )


LADDER = Ladder(
    app="litigation",
    record=record,
    model=LitigationCase,
    pages=("/litigation/", "/litigation/new/"),
    write_pages=("/import/litigation/",),
    detail="/litigation/{pk}/",
    api_list="/api/litigation/cases",
    api_detail="/api/litigation/cases/{pk}",
    action=Action(
        page="/litigation/{pk}/action/answer/",
        api="/api/litigation/cases/{pk}/actions/answer",
        data={"answered_on": "2025-09-30"},
        done=lambda case: case.answered_on is not None,
    ),
    # The defendant's own clerk answers the suit (any role that may write in the unit handles it).
    writes={"clerk_a": ("done", 200)},
)
