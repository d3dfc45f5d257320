"""The 行政应诉 case declared for the casework kit (core.casework.kind.CaseKind); urls.py and api.py build the
pages and the endpoints from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import forms, rules, selectors, services
from .choices import Status

# the workflow actions of a suit: form of the page and the API, service that records it
ACTIONS = {
    "answer": (forms.AnswerForm, services.record_answer),
    "hearing": (forms.HearingForm, services.record_hearing),
    "judge": (forms.JudgmentForm, services.record_judgment),
    "appeal": (forms.AppealForm, services.record_appeal),
    "close": (forms.CloseForm, services.close_case),
}


class Litigation(CaseKind):
    app = "litigation"
    date_field = "complaint_received_on"
    sorts = {"due": "answer_due"}  # the 期限 column
    related = ("org", "defendant", "reconsideration")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的应诉案件"
    edit_fields = (
        "court",
        "case_number",
        "plaintiff",
        "act_type",
        "act_description",
        "complaint_received_on",
    )

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.answered_on:
            return {
                "complaint_received_on": "已提交答辩：答辩期限自收到起诉状副本之日起算（行政诉讼法第六十七条），"
                "不能再修改；确属登记错误的，请作废后重新登记"
            }
        return {}

    def after_edit(self, record, before: dict) -> None:
        deadline = rules.answer_deadline(record)
        record.answer_due = deadline.due if deadline else record.answer_due

    def shown_actions(self, user, record) -> list[str]:
        if not (
            can(user, record.org, "litigation.handle") or can(user, record.defendant, "litigation.handle")
        ):
            return []
        return [n for n in rules.allowed_actions(record) if not (n == "answer" and record.answered_on)]

    def create_initial(self) -> dict:
        return {"complaint_received_on": timezone.localdate()}

    def create(self, actor, form):
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

    def created_message(self, record) -> str:
        return f"已登记应诉案件 {record.case_number}，答辩期限 {record.answer_due:%Y年%m月%d日}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "defendants": visible_orgs(request.user).filter(kind="unit").order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {
            # The linked reconsideration case only when the user may read it; otherwise the page says 是 only.
            "reconsideration": visible_reconsiderations(request.user)
            .filter(pk=record.reconsideration_id)
            .first()
            if record.reconsideration_id
            else None,
            "answer": rules.answer_deadline(record),
            "hearings": record.hearings.all(),
        }


KIND = Litigation()
