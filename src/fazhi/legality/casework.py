"""The record types of 合法性审核 declared for the casework kit (core.casework.kind.CaseKind): the review request
(KIND, pages under /legality/) and the 法律顾问/公职律师 register (COUNSEL, pages under /legality/counsel/)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, can_any, visible_orgs
from fazhi.core.web import action_forms

from . import forms, rules, selectors, services
from .choices import CounselKind, CounselStatus, Opinion, Status, SubjectKind
from .precheck import annotated, precheck

ACTIONS = {
    "start": (forms.StartForm, services.start_review),
    "return_materials": (forms.ReturnForm, services.return_materials),
    "resubmit": (forms.ResubmitForm, services.resubmit),
    "new_draft": (forms.NewDraftForm, services.upload_new_draft),
    "counsel": (forms.CounselOpinionForm, services.record_counsel_opinion),
    "give_opinion": (forms.OpinionForm, services.give_opinion),
    "close": (forms.CloseForm, services.close_request),
}


class Review(CaseKind):
    app = "legality"
    date_field = "received_on"
    sorts = {"due": "due_on"}  # the 期限 column
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权为该单位送审"
    edit_fields = ("title", "subject_kind", "subject_ref", "received_on", "requested_by", "draft_text")

    def require_handle(self, actor, record) -> None:
        services.require_review(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.opinion:
            return {
                "received_on": "已出具审核意见：办理期限和法定最短审查时间自收件日期起算，不能再修改；"
                "确属登记错误的，请作废后重新登记"
            }
        return {}

    def after_edit(self, record, before: dict) -> None:
        services.refresh_clocks(record, before)

    def can_create(self, user) -> bool:
        return can_any(user, "legality.submit")

    def shown_actions(self, user, record) -> list[str]:
        reviews = can(user, record.org, "legality.review")
        names = rules.allowed_actions(record)
        if reviews:
            return names
        # The submitting unit only brings back the materials it was asked for.
        return [
            n for n in names if n in ("resubmit", "new_draft") and can(user, record.unit, "legality.submit")
        ]

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_request(
            actor=actor,
            unit=d["unit"],
            title=d["title"],
            subject_kind=d["subject_kind"],
            subject_ref=d["subject_ref"],
            received_on=d["received_on"],
            requested_by=d["requested_by"],
            draft_text=d["draft_text"],
            draft_file=d.get("draft_file"),
        )

    def created_message(self, record) -> str:
        text = (
            f"已收件 {record.number}，办理期限 {record.due_on:%Y年%m月%d日}（{record.review_days}个工作日）。"
        )
        if record.draft_text:
            flags = precheck(record.draft_text)["flags"]
            text += f"草案预审提示 {len(flags)} 处，见“草案预审”（仅供审核参考）。"
        if record.short_notice:
            text += (
                f"注意：要求出具意见的日期早于法定最短审查时间届满日 {record.minimum_due:%Y年%m月%d日}"
                "（《重大行政决策程序暂行条例》第二十六条第二款：一般不少于7个工作日）。"
            )
        return text

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "kinds": SubjectKind.choices,
            "opinions": Opinion.choices,
            "units": visible_orgs(request.user).filter(kind="unit").order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        ctx: dict = {
            "minimum": rules.minimum_review(record.received_on),
            "office": rules.office_deadline(record.clock_from, record.review_days)
            if record.clock_from and record.review_days
            else None,
            "counsel_opinions": selectors.counsel_opinions(record),
            "points": record.points.all(),
            "allows": rules.allows(record.opinion) if record.opinion else None,
            "draft_clauses": annotated(record.draft_text) if record.draft_text else [],
        }
        ctx["draft_flag_count"] = sum(len(c["flags"]) for c in ctx["draft_clauses"])
        names = self.shown_actions(request.user, record)
        if "counsel" in names:
            # The counsel form lists the register of the request's jurisdiction only.
            built = action_forms(
                names,
                actions=self.actions,
                transitions=self.transitions,
                initial_extra=self.action_initial(record),
                version=record.version,
            )
            for item in built:
                if item["name"] == "counsel":
                    item["form"].fields["counsel"].queryset = selectors.counsel_choices(record)
            ctx["action_forms"] = built
        return ctx


KIND = Review()


# -- the 法律顾问/公职律师 register ------------------------------------------------------------------------

COUNSEL_ACTIONS = {
    "renew": (forms.RenewForm, services.renew_counsel),
    "end": (forms.EndForm, services.end_counsel),
}


class CounselKindDecl(CaseKind):
    app = "legality"
    date_field = "start_on"
    related = ("org", "unit")
    selectors = SimpleNamespace(
        CaseFilters=selectors.CounselFilters,
        visible_cases=selectors.visible_counsel,
        filtered_cases=selectors.filtered_counsel,
    )  # type: ignore[assignment]
    rules = SimpleNamespace(WORKFLOW=rules.COUNSEL_WORKFLOW)  # type: ignore[assignment]
    actions = COUNSEL_ACTIONS
    create_form = forms.CounselForm
    create_denied = "无权登记该单位的法律顾问、公职律师"
    edit_fields = ("name", "firm", "certificate_no", "start_on", "phone", "note")

    def require_handle(self, actor, record) -> None:
        services.require_counsel(actor, record.org, record.unit)

    def validate(self, record) -> dict[str, str]:
        return rules.validate_counsel(record)

    templates = {
        "list": "legality/counsel_list.html",
        "detail": "legality/counsel_detail.html",
        "create": "legality/counsel_create.html",
    }

    def url_name(self, name: str) -> str:
        return f"legality:counsel_{name}"

    def can_create(self, user) -> bool:
        return can_any(user, "legality.counsel")

    def can_import(self, user) -> bool:
        return False

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "legality.counsel") or can(user, record.unit, "legality.counsel")):
            return []
        return rules.COUNSEL_WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        return {"start_on": timezone.localdate()}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_counsel(
            actor=actor,
            unit=d["unit"],
            name=d["name"],
            kind=d["kind"],
            firm=d["firm"],
            certificate_no=d["certificate_no"],
            start_on=d["start_on"],
            end_on=d["end_on"],
            phone=d["phone"],
            note=d["note"],
        )

    def created_message(self, record) -> str:
        return f"已登记{record.get_kind_display()} {record.name}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": CounselStatus.choices,
            "kinds": CounselKind.choices,
            "units": visible_orgs(request.user).order_by("path"),
            # the register's own import (legality.importers.CounselImporter), not the reviews' one
            "can_import_counsel": can_any(request.user, "legality.import")
            and can_any(request.user, "legality.counsel"),
        }

    def detail_context(self, request, record) -> dict:
        # Only the reviews the reader may see (a unit's clerk: its own unit's).
        readable = selectors.visible_cases(request.user)
        opinions = record.opinions.filter(request__in=readable).select_related("request")
        return {"opinions": opinions.order_by("-given_on", "-id")[:200]}


COUNSEL = CounselKindDecl()
