"""The study session declared for the casework kit (core.casework.kind.CaseKind)."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import SessionKind, Status

ACTIONS = {
    "attendees": (forms.AttendeesForm, services.record_attendees),
    "scores": (forms.ScoresForm, services.record_scores),
}


class Education(CaseKind):
    app = "education"
    date_field = "held_on"
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.RegisterForm
    create_denied = "无权登记该单位的学法活动"
    edit_fields = ("title", "laws", "meeting", "speaker", "head_lectured", "place", "court", "court_case")

    def require_handle(self, actor, record) -> None:
        """修改基本信息 and 作废: whoever may handle the record in its jurisdiction or its unit."""
        services._require(actor, (record.org, record.unit))

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "education.handle") or can(user, record.unit, "education.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        return {"held_on": timezone.localdate()}

    def create(self, actor, form):
        return services.register_session(actor=actor, **form.cleaned_data)

    def created_message(self, record) -> str:
        return f"已登记{record.get_kind_display()}“{record.title}”，请登记参加人员。"

    def list_context(self, request, ctx) -> dict:
        return {
            "statuses": Status.choices,
            "kinds": SessionKind.choices,
            "units": visible_orgs(request.user).order_by("path"),
        }

    def detail_context(self, request, record) -> dict:
        return {"attendances": record.attendances.select_related("user")}


KIND = Education()
