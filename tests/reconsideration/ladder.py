"""行政复议 on the permission ladder (tests/ladder.py): its pages, API paths and one write."""

from __future__ import annotations

from datetime import date

from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories
from tests.ladder import Action, Ladder


def record(tree, office):
    """Unit A's 复议 case (accepted Mon 2025-01-27)."""
    return factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=date(2025, 1, 24),
        accepted_on=date(2025, 1, 27),
    )


LADDER = Ladder(
    app="reconsideration",
    record=record,
    model=ReconsiderationCase,
    pages=("/reconsideration/", "/reconsideration/new/"),
    write_pages=("/import/reconsideration/",),
    detail="/reconsideration/{pk}/",
    api_list="/api/reconsideration/cases",
    api_detail="/api/reconsideration/cases/{pk}",
    action=Action(
        page="/reconsideration/{pk}/action/serve_copy/",
        api="/api/reconsideration/cases/{pk}/actions/serve_copy",
        data={"received_on": "2025-02-05"},
        done=lambda case: case.copy_received_on is not None,
    ),
    # Serving the copy is the 复议机构's act: the respondent's own clerk is refused (only records the reply).
    writes={"clerk_a": ("refused", 403)},
    # Importing 复议 cases is casework too: clerks may not open the import page.
    write_pages_refused=("leader", "clerk_a", "clerk_b"),
)
