"""普法 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND


class PublicityActivityOut(Schema):
    id: int
    kind: str
    title: str
    held_on: date
    unit: str
    place: str
    audience: int
    materials: int
    lecturers: str
    media: str
    status: str
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PublicityPageOut(Schema):
    items: list[PublicityActivityOut]
    next_cursor: str | None


class PublicityRegisterIn(Schema):
    unit_id: DbId
    kind: str
    title: str
    held_on: Day
    place: str
    audience: int = 0
    materials: int = 0
    lecturers: str = ""
    media: str = ""


def register(request, payload: PublicityRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.register_activity(actor=request.user, unit=unit, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["普法"],
    case_out=PublicityActivityOut,
    page_out=PublicityPageOut,
    filters={"q": (str, ""), "kind": (str, ""), "year": (Year | None, None), "status": (str, "")},
    register_in=PublicityRegisterIn,
    create=register,
    action_doc="Runs an action (media: links, one a line) with the page form's fields.",
)
