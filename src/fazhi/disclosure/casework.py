"""The 政府信息公开申请 declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Answer, Status

ACTIONS = {
    "correction": (forms.CorrectionForm, services.request_correction),
    "corrected": (forms.CorrectedForm, services.record_corrected),
    "consult": (forms.ConsultForm, services.start_consultation),
    "consulted": (forms.ConsultedForm, services.end_consultation),
    "extend": (forms.ExtendForm, services.extend),
    "answer": (forms.AnswerForm, services.answer),
    "dispute": (forms.DisputeForm, services.record_dispute),
}


class Disclosure(CaseKind):
    app = "disclosure"
    date_field = "received_on"
    sorts = {"due": "due_on"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该机关的政府信息公开申请"
    edit_fields = ("applicant", "applicant_class", "contact", "content", "form", "channel")

    def require_handle(self, actor, record) -> None:
        """修改基本信息 and 作废: whoever may handle the record in its jurisdiction or its unit."""
        services._require(actor, (record.org, record.unit))

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "disclosure.handle") or can(user, record.unit, "disclosure.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def create(self, actor, form):
        return services.register_application(actor=actor, **form.cleaned_data)

    def created_message(self, record) -> str:
        return f"已登记申请 {record.number}，答复期限 {record.due_on:%Y年%m月%d日}（条例第三十三条）。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "answers": Answer.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        consultations = list(record.consultations.all())
        return {
            "consultations": consultations,
            "deadline": rules.reply_deadline(record, consultations)
            if record.status != Status.ANSWERED
            else None,
            "correction_due": rules.correction_deadline(record),
        }


KIND = Disclosure()
