"""The 矛盾纠纷 record declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Channel, DisputeKind, Source, Status

ACTIONS = {
    "session": (forms.SessionForm, services.record_session),
    "conclude": (forms.ConcludeForm, services.conclude),
    "apply": (forms.ApplyForm, services.apply_confirmation),
    "confirm": (forms.ConfirmForm, services.record_confirmation),
    "follow_up": (forms.FollowUpForm, services.follow_up),
}


class Mediation(CaseKind):
    app = "mediation"
    date_field = "received_on"
    sorts = {"due": "handling_due"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的矛盾纠纷"
    edit_fields = ("channel", "committee", "mediator", "source", "kind", "parties", "summary", "received_on")

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.outcome:
            return {"received_on": "调解已终结，登记日期不能再修改；确属登记错误的，请作废后重新登记"}
        return {}

    def after_edit(self, record, before: dict) -> None:
        record.handling_due = rules.handling_due(record)

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "mediation.handle") or can(user, record.unit, "mediation.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_dispute(
            actor=actor,
            unit=d["unit"],
            channel=d["channel"],
            committee=d["committee"] or "",
            mediator=d["mediator"] or "",
            organization=d.get("organization"),
            mediator_record=d.get("mediator_record"),
            sweep=d.get("sweep"),
            source=d["source"],
            kind=d["kind"],
            parties=d["parties"],
            summary=d["summary"],
            received_on=d["received_on"],
        )

    def created_message(self, record) -> str:
        return f"已登记矛盾纠纷 {record.number}，调结期限 {record.handling_due:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "channels": Channel.choices,
            "kinds": DisputeKind.choices,
            "sources": Source.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {"confirmation_deadline": rules.confirmation_deadline(record)}


KIND = Mediation()
