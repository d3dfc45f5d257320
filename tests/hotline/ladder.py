"""12345热线 on the permission ladder (tests/ladder.py): its pages, API paths and one write (签收)."""

from __future__ import annotations

from datetime import date

from fazhi.hotline.models import Ticket
from tests.ladder import Action, Ladder

from . import factories


def record(tree, office):
    """A ticket of the city's hotline dispatched to unit A on Tue 2025-09-30."""
    return factories.dispatched(office, tree.city, tree.unit_a, on=date(2025, 9, 30))


LADDER = Ladder(
    app="hotline",
    record=record,
    model=Ticket,
    pages=("/hotline/", "/hotline/new/", "/hotline/evaluation/"),
    write_pages=("/import/hotline/",),
    detail="/hotline/{pk}/",
    api_list="/api/hotline/cases",
    api_detail="/api/hotline/cases/{pk}",
    action=Action(
        page="/hotline/{pk}/action/sign/",
        api="/api/hotline/cases/{pk}/actions/sign",
        data={"signed_on": "2025-10-09"},
        done=lambda t: t.signed_on is not None,
    ),
    # The unit the ticket is dispatched to signs it (its clerk holds hotline.handle in the unit).
    writes={"clerk_a": ("done", 200)},
)
