"""行政执法 on the permission ladder (tests/ladder.py): its pages, API paths and one write."""

from __future__ import annotations

from datetime import date

from fazhi.enforcement.models import EnforcementCase
from tests.enforcement import factories
from tests.ladder import Action, Ladder


def record(tree, office):
    """Unit A's penalty case, filed Tue 2025-04-01."""
    return factories.case(office, tree.unit_a, filed_on=date(2025, 4, 1))


LADDER = Ladder(
    app="enforcement",
    record=record,
    model=EnforcementCase,
    pages=("/enforcement/", "/enforcement/new/", "/enforcement/warnings/"),
    write_pages=("/import/enforcement/",),
    detail="/enforcement/{pk}/",
    api_list="/api/enforcement/cases",
    api_detail="/api/enforcement/cases/{pk}",
    action=Action(
        page="/enforcement/{pk}/action/decide/",
        api="/api/enforcement/cases/{pk}/actions/decide",
        data={"decided_on": "2025-05-20", "amount": "5000", "leniency": ""},
        done=lambda case: case.decided_on is not None,
    ),
    # The unit's own clerk keeps its ledger.
    writes={"clerk_a": ("done", 200)},
)
