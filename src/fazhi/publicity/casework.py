"""The 普法 activity declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import ActivityKind, Status

ACTIONS = {"media": (forms.MediaForm, services.record_media)}


class Publicity(CaseKind):
    app = "publicity"
    date_field = "held_on"
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的普法活动"
    edit_fields = ("title", "place", "audience", "materials", "lecturers")

    def require_handle(self, actor, record) -> None:
        """修改基本信息 and 作废: whoever may handle the record in its jurisdiction or its unit."""
        services._require(actor, (record.org, record.unit))

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "publicity.handle") or can(user, record.unit, "publicity.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"held_on": timezone.localdate()}

    def create(self, actor, form):
        return services.register_activity(actor=actor, **form.cleaned_data)

    def created_message(self, record) -> str:
        return f"已登记普法活动“{record.title}”。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "kinds": ActivityKind.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }


KIND = Publicity()
