"""依申请公开 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.disclosure import services
from fazhi.disclosure.models import Application
from tests.ladder import Action, Ladder


def record(tree, office):
    """Unit A's application received Mon 2025-09-22 (reply due 2025-10-24)."""
    return services.register_application(
        actor=office,
        unit=tree.unit_a,
        applicant="赵六",
        applicant_class="person",
        content="申请公开2024年食品抽检结果",
        channel="online",
        received_on=date(2025, 9, 22),
    )


LADDER = Ladder(
    app="disclosure",
    record=record,
    model=Application,
    pages=("/disclosure/", "/disclosure/new/"),
    write_pages=("/import/disclosure/",),
    detail="/disclosure/{pk}/",
    api_list="/api/disclosure/cases",
    api_detail="/api/disclosure/cases/{pk}",
    action=Action(
        page="/disclosure/{pk}/action/answer/",
        api="/api/disclosure/cases/{pk}/actions/answer",
        data={"answer": "disclosed", "answered_on": "2025-10-10"},
        done=lambda a: a.answer == "disclosed",
    ),
    writes={"clerk_a": ("done", 200)},
)
