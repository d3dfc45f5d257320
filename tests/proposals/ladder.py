"""建议提案 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.proposals import services
from fazhi.proposals.models import Proposal
from tests.ladder import Action, Ladder


def record(tree, office):
    return services.assign(
        actor=office,
        unit=tree.unit_a,
        kind="npc",
        number="12",
        session="市十七届人大三次会议",
        title="关于加强农贸市场食品安全监管的建议",
        proposer="王伟",
        assigned_on=date(2025, 3, 20),
    )


LADDER = Ladder(
    app="proposals",
    record=record,
    model=Proposal,
    pages=("/proposals/", "/proposals/new/"),
    write_pages=("/import/proposals/",),
    detail="/proposals/{pk}/",
    api_list="/api/proposals/cases",
    api_detail="/api/proposals/cases/{pk}",
    action=Action(
        page="/proposals/{pk}/action/answer/",
        api="/api/proposals/cases/{pk}/actions/answer",
        data={"answered_on": "2025-05-20", "category": "a"},
        done=lambda p: p.answered_on is not None,
    ),
    writes={"clerk_a": ("done", 200)},
)
