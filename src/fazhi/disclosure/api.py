"""依申请公开 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

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


class DisclosureApplicationOut(PersonalSchema):
    id: int
    number: str
    unit: str
    applicant: str
    contact: str  # masked unless the user may see it (core.personal)
    applicant_class: str
    content: str
    form: str
    channel: str
    received_on: date
    status: str
    correction_requested_on: date | None
    corrected_on: date | None
    extension_days: int
    due_on: date | None
    answered_on: date | None
    answer: str
    on_time: bool | None
    review: str
    suit: str
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class DisclosurePageOut(Schema):
    items: list[DisclosureApplicationOut]
    next_cursor: str | None


class DisclosureRegisterIn(Schema):
    unit_id: DbId
    applicant: str
    applicant_class: str
    content: str
    channel: str
    received_on: Day
    form: str = "electronic"
    contact: str = ""


def register(request, payload: DisclosureRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.register_application(actor=request.user, unit=unit, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["依申请公开"],
    case_out=DisclosureApplicationOut,
    page_out=DisclosurePageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
        "answer": (str, ""),
    },
    register_in=DisclosureRegisterIn,
    create=register,
    action_doc=(
        "Runs an action (correction, corrected, consult, consulted, extend, answer, dispute) with the page "
        "form's fields."
    ),
)
