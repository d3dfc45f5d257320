"""建议提案 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND


class ProposalOut(Schema):
    id: int
    kind: str
    session: str
    number: str
    title: str
    proposer: str
    unit: str
    co_units: str
    assigned_on: date
    due_on: date
    status: str
    answered_on: date | None
    category: str
    on_time: bool | None
    satisfaction: str
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class ProposalPageOut(Schema):
    items: list[ProposalOut]
    next_cursor: str | None


class ProposalAssignIn(Schema):
    unit_id: DbId
    kind: str
    session: str
    number: str
    title: str
    proposer: str
    assigned_on: Day
    co_units: str = ""


def register(request, payload: ProposalAssignIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.assign(actor=request.user, unit=unit, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["建议提案"],
    case_out=ProposalOut,
    page_out=ProposalPageOut,
    filters={"q": (str, ""), "kind": (str, ""), "status": (str, ""), "year": (Year | None, None)},
    register_in=ProposalAssignIn,
    create=register,
    action_doc="Runs an action (answer, feedback, close) with the page form's fields.",
)
