"""The 行政规范性文件 declared for the casework kit: pages and API from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Filing, Status

ACTIONS = {
    "publish": (forms.PublishForm, services.publish_document),
    "file": (forms.FileForm, services.file_document),
    "review": (forms.ReviewForm, services.review_filing),
    "expire": (forms.ExpireForm, services.expire_document),
}


class Normative(CaseKind):
    app = "normative"
    date_field = "registered_on"
    related = ("org", "issuer", "filed_to")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的规范性文件"
    edit_fields = ("title", "doc_number", "legality_review", "text")

    def require_handle(self, actor, record) -> None:
        services.require_handler(actor, record)

    def locked_fields(self, record) -> dict[str, str]:
        if record.government_filed_on or record.congress_filed_on:
            return {"doc_number": "已报送备案：发文字号不能再修改；确属登记错误的，请作废后重新登记"}
        return {}

    def after_edit(self, record, before: dict) -> None:
        record.provisional = rules.is_provisional(record.title)

    def shown_actions(self, user, record) -> list[str]:
        out = []
        for name in rules.allowed_actions(record):
            if name == "review":
                ok = can(user, record.filed_to, "normative.review")
            else:
                ok = can(user, record.org, "normative.handle") or can(user, record.issuer, "normative.handle")
            if ok:
                out.append(name)
        return out

    def create_initial(self) -> dict:
        return {"registered_on": timezone.localdate()}

    def action_initial(self, record) -> dict:
        open_ = rules.open_filings(record)
        return {"file": {"filing": open_[0]}} if open_ else {}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.register_document(
            actor=actor,
            issuer=d["issuer"],
            title=d["title"],
            registered_on=d["registered_on"],
            legality_review=d["legality_review"],
            text=d["text"],
            kind=d["kind"],
        )

    def created_message(self, record) -> str:
        return f"已登记{record.get_kind_display()}，统一登记编号 {record.registration_number}。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "issuers": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {
            "filings": [
                (Filing(f).label, getattr(record, f"{f}_filed_on"), rules.filing_deadline(record, f))
                for f in rules.filings(record)
            ],
            "government_document": rules.is_government_document(record),
            "is_rule": rules.is_rule(record),
            "effective": rules.effective_deadline(record),
            "cleanups": record.cleanups.select_related("campaign").order_by("campaign__started_on"),
        }


KIND = Normative()
