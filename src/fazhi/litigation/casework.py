"""行政应诉 as a record type of the casework kit: its selectors, filters, ACTIONS, registration and page context.

The pages (core.casework.views, via urls.py) and the API (core.casework.api, via api.py) are built from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can_write, visible_orgs
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import forms, rules, selectors, services
from .choices import Status

# action name -> (form class, service): the page's action forms and the API's action endpoint
ACTIONS = {
    "answer": (forms.AnswerForm, services.record_answer),
    "hearing": (forms.HearingForm, services.record_hearing),
    "judge": (forms.JudgmentForm, services.record_judgment),
    "appeal": (forms.AppealForm, services.record_appeal),
    "close": (forms.CloseForm, services.close_case),
}


def shown_actions(user, case) -> list[str]:
    if not can_write(user, case.org, case.defendant):
        return []
    return [n for n in rules.allowed_actions(case) if not (n == "answer" and case.answered_on)]


def register(actor, form):
    d = form.cleaned_data
    return services.register_case(
        actor=actor,
        defendant=d["defendant"],
        court=d["court"],
        case_number=d["case_number"],
        plaintiff=d["plaintiff"],
        act_type=d["act_type"],
        act_description=d["act_description"],
        complaint_received_on=d["complaint_received_on"],
        stage=d["stage"],
        reconsideration=d["reconsideration_number"],
    )


def list_context(request, ctx) -> dict:
    return {"statuses": Status.choices, "defendants": visible_orgs(request.user).filter(kind="unit").order_by("path")}


def detail_context(request, case) -> dict:
    return {
        # The linked reconsideration case only when the user may read it; otherwise the page says 是 only.
        "reconsideration": visible_reconsiderations(request.user).filter(pk=case.reconsideration_id).first()
        if case.reconsideration_id
        else None,
        "answer": rules.answer_deadline(case),
        "hearings": case.hearings.all(),
    }


KIND = CaseKind(
    app="litigation",
    date_field="complaint_received_on",
    related=("org", "defendant", "reconsideration"),
    filters=selectors.CaseFilters,
    visible=selectors.visible_cases,
    filtered=selectors.filtered_cases,
    actions=ACTIONS,
    transitions=rules.TRANSITIONS,
    shown_actions=shown_actions,
    create_form=forms.RegisterForm,
    create=register,
    create_initial=lambda: {"complaint_received_on": timezone.localdate()},
    created_message=lambda case: f"已登记应诉案件 {case.case_number}，答辩期限 {case.answer_due:%Y年%m月%d日}。",
    create_denied="无权登记该单位的应诉案件",
    list_context=list_context,
    detail_context=detail_context,
)
