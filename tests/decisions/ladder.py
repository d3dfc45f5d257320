"""重大行政决策 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.decisions.models import Decision
from tests.ladder import Action, Ladder

from . import factories


def record(tree, office):
    """A matter sponsored by unit A in the city's 2025 catalog."""
    return factories.listed(office, sponsor=tree.unit_a)


LADDER = Ladder(
    app="decisions",
    record=record,
    model=Decision,
    pages=("/decisions/", "/decisions/new/"),
    write_pages=("/import/decisions/",),
    detail="/decisions/{pk}/",
    api_list="/api/decisions/cases",
    api_detail="/api/decisions/cases/{pk}",
    action=Action(
        page="/decisions/{pk}/action/expert/",
        api="/api/decisions/cases/{pk}/actions/expert",
        data={"expert_on": "2025-03-10", "summary": "必要、可行"},
        done=lambda d: d.expert_on == date(2025, 3, 10),
    ),
    # The sponsoring unit's clerk records the steps it runs.
    writes={"clerk_a": ("done", 200)},
)
