"""学法用法 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.education import services
from fazhi.education.models import StudySession
from tests.ladder import Action, Ladder


def record(tree, office):
    """Unit A's 法治专题讲座 of Tue 2025-09-16."""
    return services.register_session(
        actor=office,
        unit=tree.unit_a,
        kind="lecture",
        title="学习《中华人民共和国行政复议法》",
        held_on=date(2025, 9, 16),
        speaker="王伟",
    )


LADDER = Ladder(
    app="education",
    record=record,
    model=StudySession,
    pages=("/education/", "/education/new/", "/education/list/"),
    write_pages=("/import/education/",),
    detail="/education/{pk}/",
    api_list="/api/education/cases",
    api_detail="/api/education/cases/{pk}",
    action=Action(
        page="/education/{pk}/action/attendees/",
        api="/api/education/cases/{pk}/actions/attendees",
        data={"people": "李娜 副局长\n张强 科长"},
        done=lambda s: s.attendee_count == 3,
    ),
    writes={"clerk_a": ("done", 200)},
)
