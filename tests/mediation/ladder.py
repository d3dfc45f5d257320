"""矛盾纠纷 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.mediation.models import Dispute
from tests.ladder import Action, Ladder
from tests.mediation import factories


def record(tree, office):
    """Unit A's dispute, registered Mon 2025-09-01."""
    return factories.dispute(office, unit=tree.unit_a, received_on=date(2025, 9, 1))


LADDER = Ladder(
    app="mediation",
    record=record,
    model=Dispute,
    pages=(
        "/mediation/",
        "/mediation/new/",
        "/mediation/organizations/",
        "/mediation/mediators/",
        "/mediation/trainings/",
        "/mediation/sweeps/",
    ),
    write_pages=(
        "/import/mediation/",
        "/import/mediation_mediators/",
        "/mediation/organizations/new/",
        "/mediation/mediators/new/",
        "/mediation/trainings/new/",
        "/mediation/sweeps/new/",
    ),
    detail="/mediation/{pk}/",
    api_list="/api/mediation/cases",
    api_detail="/api/mediation/cases/{pk}",
    action=Action(
        page="/mediation/{pk}/action/session/",
        api="/api/mediation/cases/{pk}/actions/session",
        data={"held_on": "2025-09-03", "note": "首次调解"},
        done=lambda d: d.sessions == 1,
    ),
    # The mediating unit's own clerk records the mediation.
    writes={"clerk_a": ("done", 200)},
)
