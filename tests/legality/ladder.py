"""合法性审核 on the permission ladder (tests/ladder.py): its pages, API paths and one write."""

from __future__ import annotations

from datetime import date

from fazhi.legality.choices import Status
from fazhi.legality.models import ReviewRequest
from tests.ladder import Action, Ladder
from tests.legality import factories


def record(tree, office):
    """Unit A's draft, received Mon 2025-09-15."""
    return factories.review(office, unit=tree.unit_a, received_on=date(2025, 9, 15))


LADDER = Ladder(
    app="legality",
    record=record,
    model=ReviewRequest,
    pages=(
        "/legality/",
        "/legality/new/",
        "/legality/counsel/",
        "/legality/counsel/new/",
        "/legality/points/",
        "/legality/counsel-opinions/",
    ),
    write_pages=("/import/legality/",),
    detail="/legality/{pk}/",
    api_list="/api/legality/cases",
    api_detail="/api/legality/cases/{pk}",
    action=Action(
        page="/legality/{pk}/action/start/",
        api="/api/legality/cases/{pk}/actions/start",
        data={"started_on": "2025-09-16"},
        done=lambda r: r.status == Status.REVIEWING,
    ),
    # Reviewing is the 法制机构's work at the jurisdiction: the submitting unit's own clerk is refused.
    writes={"clerk_a": ("refused", 403)},
)
