"""学法用法 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND


class EducationSessionOut(Schema):
    id: int
    kind: str
    title: str
    held_on: date
    unit: str
    laws: str
    meeting: str
    speaker: str
    head_lectured: bool
    court: str
    court_case: str
    status: str
    attendee_count: int
    passed_count: int
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class EducationPageOut(Schema):
    items: list[EducationSessionOut]
    next_cursor: str | None


class EducationRegisterIn(Schema):
    unit_id: DbId
    kind: str
    title: str
    held_on: Day
    laws: str = ""
    meeting: str = ""
    speaker: str = ""
    head_lectured: bool = False
    place: str = ""
    court: str = ""
    court_case: str = ""


def register(request, payload: EducationRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.register_session(actor=request.user, unit=unit, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["学法用法"],
    case_out=EducationSessionOut,
    page_out=EducationPageOut,
    filters={"q": (str, ""), "kind": (str, ""), "year": (Year | None, None), "status": (str, "")},
    register_in=EducationRegisterIn,
    create=register,
    action_doc="Runs an action (attendees: people; scores: scores, pass_mark) with the page form's fields.",
)
