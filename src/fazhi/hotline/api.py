"""12345 工单 JSON API: the schemas; the endpoints are the casework kit's, over the same selectors and services as
the pages (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.personal import PersonalSchema

from . import services
from .casework import KIND


class HotlineTicketOut(PersonalSchema):
    id: int
    number: str
    org: str
    channel: str
    request_type: str
    category: str
    urgency: str
    caller: str
    phone: str  # masked unless the user may see it (core.personal)
    location: str
    content: str
    received_on: date
    unit_id: int | None
    status: str
    dispatched_on: date | None
    due_on: date | None
    signed_on: date | None
    replied_on: date | None
    on_time: bool | None
    closed_on: date | None
    visited_on: date | None
    satisfaction: str
    merged_into_id: int | None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name


class HotlinePageOut(Schema):
    items: list[HotlineTicketOut]
    next_cursor: str | None


class HotlineReceiveIn(Schema):
    org_id: DbId
    caller: str
    category: str
    content: str
    received_on: Day
    channel: str = "phone"
    request_type: str = "help"
    urgency: str = "normal"
    phone: str = ""
    location: str = ""


def receive(request, payload: HotlineReceiveIn):
    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    return services.receive_ticket(
        actor=request.user,
        org=org,
        caller=payload.caller,
        category=payload.category,
        content=payload.content,
        received_on=payload.received_on,
        channel=payload.channel,
        request_type=payload.request_type,
        urgency=payload.urgency,
        phone=payload.phone,
        location=payload.location,
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["12345热线"],
    case_out=HotlineTicketOut,
    page_out=HotlinePageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
        "category": (str, ""),
    },
    register_in=HotlineReceiveIn,
    create=receive,
    action_doc="Runs a step of the closed loop (dispatch, sign, bounce, review, reply, supervise, close, visit, "
    "merge) with the page form's fields.",
)
