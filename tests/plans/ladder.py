"""工作要点 on the permission ladder (tests/ladder.py): unit A's share of a task, its pages, API and one write
(报送进展, which the unit's own clerk may do)."""

from __future__ import annotations

from fazhi.plans.models import Assignment
from tests.ladder import Action, Ladder
from tests.plans.factories import import_plan, share


def record(tree, office):
    """Unit A's share of task 2 of the city's 2025 plan (assigned 2025-03-01, due 2025-06-30)."""
    return share(import_plan(office, tree.city), 2, tree.unit_a)


LADDER = Ladder(
    app="plans",
    record=record,
    model=Assignment,
    pages=("/plans/", "/plans/new/", "/plans/plans/"),
    write_pages=("/plans/plans/import/",),
    detail="/plans/{pk}/",
    api_list="/api/plans/cases",
    api_detail="/api/plans/cases/{pk}",
    action=Action(
        page="/plans/{pk}/action/report/",
        api="/api/plans/cases/{pk}/actions/report",
        data={"reported_on": "2025-04-01", "percent": "40", "text": "已部署述法工作"},
        done=lambda a: a.reports.exists(),
    ),
    writes={"clerk_a": ("done", 200)},
    # the import page is the office's (plans.manage): reviewers and units' clerks are refused too
    write_pages_refused=("leader", "reviewer", "clerk_a", "clerk_b"),
)
