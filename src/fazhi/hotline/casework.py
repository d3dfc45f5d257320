"""The 12345 工单 declared for the casework kit (core.casework.kind.CaseKind): list, 受理, detail and the closed
loop's action pages and API endpoints are built from KIND."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Channel, Status, Urgency
from .models import Ticket

_UNIT_ACTIONS = {"sign", "bounce", "reply"}


def _on_ticket(service: Callable[..., Ticket]) -> Callable[..., Ticket]:
    """The kit calls services with `case=`; the hotline's name their record `ticket`."""

    def call(*, case: Ticket, **kwargs: Any) -> Ticket:
        return service(ticket=case, **kwargs)

    call.__name__ = service.__name__
    return call


def _merge(*, case: Ticket, actor, into: str, merged_on, note: str = "") -> Ticket:
    target = Ticket.objects.filter(org=case.org, number=into.strip()).first()
    if target is None:
        raise ValidationError({"into": f"本热线没有编号为「{into}」的工单"})
    return services.merge_ticket(ticket=case, actor=actor, into=target, merged_on=merged_on, note=note)


ACTIONS = {
    "dispatch": (forms.DispatchForm, _on_ticket(services.dispatch_ticket)),
    "sign": (forms.SignForm, _on_ticket(services.sign_ticket)),
    "bounce": (forms.BounceForm, _on_ticket(services.bounce_ticket)),
    "review": (forms.ReviewForm, _on_ticket(services.review_bounce)),
    "reply": (forms.ReplyForm, _on_ticket(services.reply_ticket)),
    "supervise": (forms.SuperviseForm, _on_ticket(services.supervise_ticket)),
    "close": (forms.CloseForm, _on_ticket(services.close_ticket)),
    "visit": (forms.VisitForm, _on_ticket(services.visit_ticket)),
    "merge": (forms.MergeForm, _merge),
}


class Hotline(CaseKind):
    app = "hotline"
    date_field = "received_on"
    sorts = {"due": "due_on"}  # the 期限 column
    sorted_read = True  # the overdue tickets, a unit's deep pages: bench/hotline_list_speed.py
    related = ("org", "unit")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.ReceiveForm
    create_denied = "无权受理该热线工单"
    # 修改基本信息 (core.casework.editing): what the caller said; the category and urgency set the clock, the
    # dates are the steps' own (作废 and a new 受理 correct them)
    edit_fields = ("caller", "phone", "location", "content", "channel", "request_type")

    def shown_actions(self, user, record) -> list[str]:
        office = can(user, record.org, "hotline.handle")
        unit = record.unit_id is not None and can(user, record.unit, "hotline.handle")
        return [n for n in rules.allowed_actions(record) if (office or (unit and n in _UNIT_ACTIONS))]

    def create_initial(self) -> dict:
        return {"received_on": timezone.localdate(), "channel": Channel.PHONE, "urgency": Urgency.NORMAL}

    def action_initial(self, record) -> dict:
        today = timezone.localdate()
        names = ("dispatched_on", "signed_on", "bounced_on", "reviewed_on", "replied_on")
        names += ("supervised_on", "closed_on", "visited_on", "merged_on")
        return {a: {f: today} for a, f in zip(ACTIONS, names, strict=True)}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.receive_ticket(
            actor=actor,
            org=d["org"],
            channel=d["channel"],
            request_type=d["request_type"],
            category=d["category"],
            urgency=d["urgency"],
            caller=d["caller"],
            phone=d["phone"],
            location=d["location"],
            content=d["content"],
            received_on=d["received_on"],
        )

    def created_message(self, record) -> str:
        return f"已受理工单 {record.number}，请派单。"

    def list_context(self, request, ctx) -> dict:
        cats = selectors.categories()
        for t in ctx["page"].rows:
            t.category_label = cats.get(t.category, t.category)
        return {
            "statuses": Status.choices,
            "units": visible_orgs(request.user).filter(kind="unit").order_by("path"),
            "categories": cats,
        }

    def detail_context(self, request, record) -> dict:
        cats = selectors.categories()
        return {
            "category_label": cats.get(record.category, record.category),
            "assignments": record.assignments.select_related("unit"),
            "merged": record.merged.only("id", "number", "received_on"),
            "limits": rules.TimeLimits.of(record.org) if record.status == Status.RECEIVED else None,
        }


KIND = Hotline()
