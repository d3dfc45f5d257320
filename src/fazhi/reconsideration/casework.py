"""行政复议 as a record type of the casework kit: its selectors, filters, ACTIONS, registration and page context.

The pages (core.casework.views, via urls.py) and the API (core.casework.api, via api.py) are built from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs
from fazhi.law.choices import ActType

from . import forms, rules, selectors, services
from .choices import Status

# action name -> (form class, service): the page's action forms and the API's action endpoint
ACTIONS = {
    "request_correction": (forms.CorrectionForm, services.request_correction),
    "receive_correction": (forms.ReceiveCorrectionForm, services.receive_correction),
    "abandon": (forms.AbandonForm, services.mark_abandoned),
    "accept": (forms.AcceptForm, services.accept_case),
    "reject": (forms.RejectForm, services.reject_application),
    "serve_copy": (forms.CopyServedForm, services.record_copy_served),
    "reply": (forms.ReplyForm, services.record_reply),
    "hear": (forms.HearForm, services.record_hearing),
    "convert_to_ordinary": (forms.ConvertForm, services.convert_to_ordinary),
    "suspend": (forms.SuspendForm, services.suspend_case),
    "resume": (forms.ResumeForm, services.resume_case),
    "extend": (forms.ExtendForm, services.extend_case),
    "decide": (forms.DecideForm, services.decide_case),
    "close": (forms.CloseForm, services.close_case),
}


class Reconsideration(CaseKind):
    app = "reconsideration"
    date_field = "received_on"
    sorts = {"due": "next_due"}  # the 期限 column
    related = ("org", "respondent")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该复议机关的案件"
    edit_fields = ("received_on", "act_type", "act_description")

    def require_handle(self, actor, record) -> None:
        services.require_caseworker(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.accepted_on or record.rejected_on:
            return {
                "received_on": "已作出受理或不予受理决定：审查期限和审理期限自收到申请之日起算（行政复议法第三十条、"
                "第六十二条），不能再修改；确属登记错误的，请作废后重新登记"
            }
        return {}

    def after_edit(self, record, before: dict) -> None:
        services.recompute_deadlines(record)

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_application(
            actor=actor,
            org=d["org"],
            respondent=d["respondent"],
            received_on=d["received_on"],
            applicants=form.applicants(),
            act_type=d["act_type"],
            act_field=d["act_field"],
            act_description=d["act_description"],
            channel=d["channel"],
            procedure=d["procedure"],
        )

    def created_message(self, record) -> str:
        return f"已登记复议申请 {record.number}，受理审查期限 {record.acceptance_due:%Y年%m月%d日}。"

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def shown_actions(self, user, record) -> list[str]:
        """The 复议机关's staff see every allowed action; the respondent's only 答复."""
        writable = can(user, record.org, "reconsideration.handle")
        if not (
            writable
            or can(user, record.respondent, "reconsideration.reply")
            or can(user, record.org, "reconsideration.reply")
        ):
            return []
        return [n for n in rules.allowed_actions(record) if writable or n == "reply"]

    def action_initial(self, record) -> dict:
        return {"accept": {"procedure": record.procedure}}

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "act_types": ActType.choices,
            "respondents": visible_orgs(request.user).filter(kind="unit").order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {
            "deadlines": rules.deadlines(record),
            "applicants": record.applicants.all(),
            "suspensions": record.suspensions.all(),
            "litigations": _linked_litigations(request.user, record),
            "corrected": rules.is_corrected(record.decision) if record.decision else None,
        }


def _linked_litigations(user, case):
    """The suits brought after this case that the user may read (a suit against the 复议机关 itself is outside a
    respondent's scope: its number and court are not shown)."""
    if not hasattr(case, "litigations"):  # the litigation app is not installed
        return []
    from fazhi.litigation.selectors import visible_cases

    return visible_cases(user).filter(reconsideration=case).order_by("complaint_received_on", "id")


KIND = Reconsideration()
