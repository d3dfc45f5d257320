"""The 建议提案 declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Kind, Status

ACTIONS = {
    "answer": (forms.AnswerForm, services.answer),
    "feedback": (forms.FeedbackForm, services.feedback),
    "close": (forms.CloseForm, services.close),
}


class Proposals(CaseKind):
    app = "proposals"
    date_field = "assigned_on"
    sorts = {"due": "due_on"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.AssignForm
    create_denied = "无权交办建议提案"
    edit_fields = ("title", "proposer", "co_units")

    def require_handle(self, actor, record) -> None:
        """修改基本信息 and 作废: whoever may handle the record in its jurisdiction or its unit."""
        services._require(actor, (record.org, record.unit))

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "proposals.handle") or can(user, record.unit, "proposals.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"assigned_on": timezone.localdate()}

    def create(self, actor, form):
        return services.assign(actor=actor, **form.cleaned_data)

    def created_message(self, record) -> str:
        return f"已交办{record}，答复期限 {record.due_on:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "kinds": Kind.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }


KIND = Proposals()
