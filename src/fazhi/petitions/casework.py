"""The 信访事项 record declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs
from fazhi.core.workflow import Workflow

from . import forms, rules, selectors, services
from .choices import Category, Channel, Status

ACTIONS = {
    "accept": (forms.AcceptForm, services.accept),
    "route": (forms.RouteForm, services.route),
    "link": (forms.LinkForm, services.link_case),
    "extend": (forms.ExtendForm, services.extend),
    "answer": (forms.AnswerForm, services.answer),
    "request_review": (forms.RequestForm, services.request_review),
    "review": (forms.ReviewForm, services.review),
    "request_recheck": (forms.RequestForm, services.request_recheck),
    "recheck": (forms.RecheckForm, services.recheck),
}


class Petitions(CaseKind):
    app = "petitions"
    date_field = "received_on"
    sorts = {"due": "due_on"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的信访事项"
    edit_fields = (
        "channel",
        "petitioner",
        "phone",
        "people",
        "representatives",
        "received_by",
        "category",
        "subject",
        "content",
        "received_on",
    )

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.disposed_on:
            return {
                "received_on": "已受理告知或导入法定途径：告知期限自收到信访事项之日起算（信访工作条例第二十三条），"
                "不能再修改；确属登记错误的，请作废后重新登记"
            }
        return {}

    def after_edit(self, record, before: dict) -> None:
        rules.derive(record)

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "petitions.handle") or can(user, record.unit, "petitions.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_petition(
            actor=actor,
            unit=d["unit"],
            channel=d["channel"],
            petitioner=d["petitioner"],
            phone=d["phone"],
            people=d["people"],
            representatives=d["representatives"],
            received_by=d["received_by"],
            category=d["category"],
            subject=d["subject"],
            content=d["content"],
            received_on=d["received_on"],
        )

    def created_message(self, record) -> str:
        msg = f"已登记信访事项 {record.number}，书面告知期限 {record.notice_due:%Y年%m月%d日}。"
        return msg + (f"{rules.repeat_note(record.repeat_of)}。" if record.repeat_of_id else "")

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "channels": Channel.choices,
            "categories": Category.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        repeat = (
            selectors.visible_cases(request.user).filter(pk=record.repeat_of_id).first()
            if record.repeat_of_id
            else None
        )
        return {
            "repeat": repeat,
            "repeat_note": rules.repeat_note(record.repeat_of) if record.repeat_of_id else "",
            "routed_case": selectors.linked_case(request.user, record),
            "case_choices": selectors.case_choices(request.user, record),
        }


KIND = Petitions()


# -- 领导接访: its list and registration form are petitions.views'; the kit gives its record page (details,
# 附件, 修改历史), 修改基本信息 and 作废 under /petitions/receptions/<id>/, and its API (petitions.api).


class Receptions(CaseKind):
    app = "petitions"
    date_field = "held_on"
    related = ("org", "unit")
    selectors = SimpleNamespace(  # type: ignore[assignment]
        CaseFilters=selectors.ReceptionFilters,
        visible_cases=selectors.visible_receptions,
        filtered_cases=selectors.filtered_receptions,
    )
    rules = SimpleNamespace(WORKFLOW=Workflow(status=None, transitions_list=()))  # type: ignore[assignment]
    actions: dict = {}
    create_form = forms.ReceptionForm
    create_denied = "无权登记领导接访"
    templates = {"detail": "petitions/reception_detail.html"}
    edit_fields = ("leader", "leader_title", "held_on", "place", "visitors", "matters")

    def url_name(self, name: str) -> str:
        return {"list": "petitions:receptions"}.get(name, f"petitions:reception_{name}")

    def shown_actions(self, user, record) -> list[str]:
        return []

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, (record.org, record.unit))

    def validate(self, record) -> dict[str, str]:
        return rules.validate_reception(record, record.petitions.all())

    def create(self, actor, form):
        return services.record_reception(actor=actor, **form.cleaned_data)

    def created_message(self, record) -> str:
        return f"已登记领导接访：{record}"

    def detail_context(self, request, record) -> dict:
        readable = selectors.visible_cases(request.user)  # only the petitions the reader may see
        return {
            "linked": record.petitions.filter(pk__in=readable.values("pk")).order_by("-received_on", "-id")
        }


RECEPTIONS = Receptions()
