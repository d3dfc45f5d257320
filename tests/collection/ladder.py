"""统计填报 on the permission ladder (tests/ladder.py): unit A's task of the city's 2025 form, already filled in by
the office, and one write (提交, which needs `collection.fill` at unit A: services.submit_task)."""

from __future__ import annotations

from datetime import date

from fazhi.collection import services
from fazhi.collection.models import CollectionTask
from fazhi.indicators.registry import Period
from tests.ladder import Action, Ladder

HELD = "reconsideration.hearings_held"


def record(tree, office):
    """Unit A's task (due 2026-01-31), with 听证次数 saved, ready to be submitted."""
    form = services.create_form(
        actor=office,
        owner=tree.city,
        name="2025年度法治政府建设统计表",
        period=Period.year(2025),
        keys=[HELD],
    )
    (task,) = services.assign_form(form=form, actor=office, orgs=[tree.unit_a], due_on=date(2026, 1, 31))
    return services.save_values(task=task, actor=office, values={HELD: "12"})


LADDER = Ladder(
    app="collection",
    record=record,
    model=CollectionTask,
    pages=("/indicators/tasks/", "/indicators/forms/", "/indicators/tasks/late/"),
    # defining a form is collection.manage's (the offices): reviewers and units' clerks are refused too
    write_pages=("/indicators/forms/new/",),
    write_pages_refused=("leader", "reviewer", "clerk_a", "clerk_b"),
    detail="/indicators/tasks/{pk}/",
    api_list="/api/collection/tasks",
    api_detail="/api/collection/tasks/{pk}",
    action=Action(
        page="/indicators/tasks/{pk}/submit/",
        api="/api/collection/tasks/{pk}/actions/submit",
        data={},
        done=lambda t: t.status == CollectionTask.Status.SUBMITTED,
    ),
    writes={
        # unit A's clerk fills and submits the own unit's figures (collection.fill at unit A)
        "clerk_a": ("done", 200),
        # the page refuses a reader before any service (views.task_action: PermissionDenied), as the API does
        "leader": (403, 403),
    },
)
