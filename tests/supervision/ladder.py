"""督察问题 on the permission ladder (tests/ladder.py): unit A's problem found by the city's inspection."""

from __future__ import annotations

from datetime import date

from fazhi.supervision.models import Problem
from tests.ladder import Action, Ladder

from . import factories


def record(tree, office):
    insp = factories.inspection(office, tree)
    return factories.problem(office, tree.unit_a, insp=insp, found_on=date(2025, 5, 20))


LADDER = Ladder(
    app="supervision",
    record=record,
    model=Problem,
    pages=(
        "/supervision/",
        "/supervision/new/",
        "/supervision/inspections/",
        "/supervision/schemes/",
        "/supervision/shufa/",
        "/supervision/shufa/new/",
    ),
    write_pages=("/import/supervision/",),
    detail="/supervision/{pk}/",
    api_list="/api/supervision/cases",
    api_detail="/api/supervision/cases/{pk}",
    action=Action(
        page="/supervision/{pk}/action/plan/",
        api="/api/supervision/cases/{pk}/actions/plan",
        data={"measures": "修订执法文书格式，组织培训", "planned_on": "2025-05-25"},
        done=lambda p: p.status == "rectifying",
    ),
    # The responsible unit's own clerk rectifies.
    writes={"clerk_a": ("done", 200)},
)
