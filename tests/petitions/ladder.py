"""信访 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.petitions.models import Petition
from tests.ladder import Action, Ladder
from tests.petitions import factories


def record(tree, office):
    """A petition to unit A, received Tue 2025-09-16."""
    return factories.petition(office, unit=tree.unit_a, received_on=date(2025, 9, 16))


LADDER = Ladder(
    app="petitions",
    record=record,
    model=Petition,
    pages=("/petitions/", "/petitions/new/", "/petitions/receptions/"),
    write_pages=("/import/petitions/", "/petitions/receptions/new/"),
    detail="/petitions/{pk}/",
    api_list="/api/petitions/cases",
    api_detail="/api/petitions/cases/{pk}",
    action=Action(
        page="/petitions/{pk}/action/accept/",
        api="/api/petitions/cases/{pk}/actions/accept",
        data={"accepted_on": "2025-09-20"},
        done=lambda p: p.accepted_on is not None,
    ),
    writes={"clerk_a": ("done", 200)},
)
