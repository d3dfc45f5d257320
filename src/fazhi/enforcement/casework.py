"""The 行政执法案件 declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fazhi.core import codelists
from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, can_any, visible_orgs

from . import forms, rules, selectors, services
from .choices import Leniency, PowerType, RectifyStatus, Status

ACTIONS = {
    "review": (forms.ReviewForm, services.record_legal_review),
    "decide": (forms.DecideForm, services.decide_case),
    "publish": (forms.PublishForm, services.publish_decision),
    "close": (forms.CloseForm, services.close_case),
}


class Enforcement(CaseKind):
    app = "enforcement"
    date_field = "filed_on"
    sorts = {"due": "decision_due"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.FileForm
    create_denied = "无权登记该单位的执法案件"
    edit_fields = ("case_number", "party", "facts", "legal_basis", "filed_on")

    def require_handle(self, actor, record) -> None:
        services.require_case(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.decided_on:
            return {
                "filed_on": "已作出决定：决定期限自立案之日起算（行政处罚法第六十条），不能再修改立案日期；"
                "确属登记错误的，请作废后重新登记"
            }
        return {}

    def validate(self, record) -> dict[str, str]:
        return rules.validate(record)

    def after_edit(self, record, before: dict) -> None:
        rules.derive(record)

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "enforcement.handle") or can(user, record.unit, "enforcement.handle")):
            return []
        return [
            n
            for n in rules.allowed_actions(record)
            if not (n == "publish" and record.published_on) and not (n == "review" and record.legal_review_on)
        ]

    def create_initial(self) -> dict:
        return {"filed_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.file_case(
            actor=actor,
            unit=d["unit"],
            case_number=d["case_number"],
            kind=d["kind"],
            domain=d["domain"],
            party=d["party"],
            facts=d["facts"],
            legal_basis=d["legal_basis"],
            filed_on=d["filed_on"],
            officers=d["officers"],
            major=d["major"],
            power_item=d.get("power_item"),
        )

    def created_message(self, record) -> str:
        due = f"，处罚决定期限 {record.decision_due:%Y年%m月%d日}" if record.decision_due else ""
        return f"已立案 {record.case_number}{due}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "kinds": PowerType.choices,
            "units": visible_orgs(request.user).filter(kind="unit").order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {
            "decision": rules.decision_deadline(record) if not record.decided_on else None,
            "publish": rules.publish_deadline(record) if not record.published_on else None,
            "officers": record.officers.order_by("name"),
            "leniency_label": Leniency(record.leniency).label if record.leniency else "",
            "domain_label": codelists.label(codelists.ENFORCEMENT_FIELD, record.domain),
        }


KIND = Enforcement()


# -- 案卷评查整改 -----------------------------------------------------------------------------------------

RECTIFY_ACTIONS = {
    "reply": (forms.ReplyForm, services.reply_rectification),
    "accept": (forms.AcceptForm, services.accept_rectification),
    "send_back": (forms.SendBackForm, services.send_back_rectification),
}


class RectificationKind(CaseKind):
    """评查整改 (pages under /enforcement/rectifications/, API under /api/enforcement/rectifications): opened by
    scoring a file, replied by the reviewed unit, accepted (销号) or sent back by the office."""

    app = "enforcement"
    date_field = "opened_on"
    sorts = {"due": "due"}
    related = ("org", "unit", "review__campaign", "review__case")
    selectors = SimpleNamespace(
        CaseFilters=selectors.RectifyFilters,
        visible_cases=selectors.visible_rectifications,
        filtered_cases=selectors.filtered_rectifications,
    )  # type: ignore[assignment]
    rules = SimpleNamespace(WORKFLOW=rules.RECTIFY_WORKFLOW)  # type: ignore[assignment]
    actions = RECTIFY_ACTIONS
    create_form = forms.RectifyCreateForm
    create_denied = "整改由案卷评分下发，不能直接登记"
    templates = {
        "list": "enforcement/rectify_list.html",
        "detail": "enforcement/rectify_detail.html",
        "create": "enforcement/rectify_create.html",
    }

    def url_name(self, name: str) -> str:
        return f"enforcement:rectify_{name}"

    def require_handle(self, actor, record) -> None:
        if not (
            can(actor, record.org, "enforcement.manage") or can(actor, record.unit, "enforcement.handle")
        ):
            raise PermissionDenied("无权办理该评查整改")

    def can_create(self, user) -> bool:
        return False

    def can_import(self, user) -> bool:
        return False

    def create(self, actor, form):
        raise PermissionDenied(self.create_denied)

    def created_message(self, record) -> str:  # pragma: no cover - never created on its page
        return ""

    def shown_actions(self, user, record) -> list[str]:
        allowed = rules.RECTIFY_WORKFLOW.allowed(record)
        unit = can(user, record.unit, "enforcement.handle")
        office = can(user, record.org, "enforcement.manage")
        return [n for n in allowed if (n == "reply" and unit) or (n != "reply" and office)]

    def action_initial(self, record) -> dict:
        today = timezone.localdate()
        return {
            "reply": {"replied_on": today},
            "accept": {"closed_on": today},
            "send_back": {"returned_on": today},
        }

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": RectifyStatus.choices,
            "units": visible_orgs(request.user).filter(kind="unit").order_by("path"),
            "can_manage": can_any(request.user, "enforcement.manage"),
        }

    def detail_context(self, request, record) -> dict:
        return {"review": record.review, "case_file": record.review.case}


RECTIFY = RectificationKind()
