"""A unit's share of a work-plan task declared for the casework kit: its list, 分解下达 form, page and actions
(报送进展, 采纳, 退回, 督办) and API come from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, can_any, require, visible_orgs
from fazhi.indicators.registry import Period, catalog, compute

from . import forms, rules, selectors, services
from .choices import Status

ACTIONS = {
    "report": (forms.ReportForm, services.report_progress),
    "accept": (forms.AcceptForm, services.accept_report),
    "return": (forms.ReturnForm, services.return_report),
    "urge": (forms.UrgeForm, services.urge),
}
OFFICE_ACTIONS = {"accept", "return", "urge"}


class Plans(CaseKind):
    app = "plans"
    date_field = "assigned_on"
    sorts = {"due": "due"}  # the 期限 column
    related = ("org", "unit", "task", "task__plan")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.AssignForm
    create_denied = "只有法治办可以分解下达任务"
    edit_fields = ("deadline", "lead")

    def require_handle(self, actor, record) -> None:
        require(actor, record.org, "plans.manage", message="只有本级或上级法治办可以修改或作废任务分工")

    def can_create(self, user) -> bool:
        return can_any(user, "plans.manage")

    def can_import(self, user) -> bool:
        return can_any(user, "plans.manage")

    def locked_fields(self, record) -> dict[str, str]:
        if record.status == Status.DONE:
            return {"deadline": "任务已完成，完成时限不再修改"}
        return {}

    def after_edit(self, record, before: dict) -> None:
        # the current due date follows a changed deadline, unless an unanswered 督办 has set a reply deadline
        if "deadline" in before and not rules.awaiting_reply(record):
            record.due = record.deadline

    def shown_actions(self, user, record) -> list[str]:
        office = can(user, record.org, "plans.manage")
        unit = can(user, record.unit, "plans.report")
        return [
            n
            for n in rules.allowed_actions(record)
            if (n in OFFICE_ACTIONS and office) or (n == "report" and (unit or office))
        ]

    def create_initial(self) -> dict:
        return {}

    def action_initial(self, record) -> dict:
        today = timezone.localdate()
        return {
            "report": {"reported_on": today, "percent": record.percent},
            "accept": {"reviewed_on": today},
            "return": {"reviewed_on": today},
            "urge": {"urged_on": today},
        }

    def create(self, actor, form):
        d = form.cleaned_data
        return services.assign_task(
            actor=actor,
            task=d["task"],
            unit=d["unit"],
            lead=d["lead"],
            deadline=d["deadline"],
            on=timezone.localdate(),
        )

    def created_message(self, record) -> str:
        return f"已向{record.unit.name}下达任务，完成时限 {record.deadline:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": [*Status.choices, ("lagging", "滞后"), ("overdue", "逾期")],
            "units": visible_orgs(request.user).exclude(kind="city").order_by("path"),
            "plans": selectors.visible_plans(request.user).order_by("-year"),
            "lag": selectors.LagThresholds(ctx["today"]),
        }

    def detail_context(self, request, record) -> dict:
        today = timezone.localdate()
        task = record.task
        targets = list(task.targets.all())
        keys = [t.indicator for t in targets if t.indicator]
        values = compute(record.org, Period.year(task.plan.year), keys) if keys else {}
        names = catalog()
        for t in targets:
            v = values.get(t.indicator)
            t.figure = v  # type: ignore[attr-defined]
            t.figure_name = names.get(t.indicator, {}).get("zh", "")  # type: ignore[attr-defined]
            t.met = rules.met(t.op, v.value if v else None, t.value)  # type: ignore[attr-defined]
        return {
            "shown_status": rules.shown_status(record, today),
            "targets": targets,
            "reports": record.reports.select_related("reported_by"),
            "urgings": record.urgings.all(),
            "awaiting_reply": rules.awaiting_reply(record),
        }


KIND = Plans()
