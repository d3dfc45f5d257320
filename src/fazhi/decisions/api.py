"""重大行政决策 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND


class DecisionOut(Schema):
    id: int
    number: str
    title: str
    year: int
    sponsor: str
    category: str
    status: str
    listed_on: date
    needs_public: bool
    needs_expert: bool
    needs_risk: bool
    needs_hearing: bool
    comment_start: date | None
    comment_end: date | None
    comment_earliest_end: date | None
    comments_received: int
    comments_adopted: int
    hearing_on: date | None
    hearing_materials_due: date | None
    expert_on: date | None
    risk_on: date | None
    legality_review: str
    legality_opinion: str
    discussed_on: date | None
    published_on: date | None
    archived_on: date | None
    evaluated_on: date | None
    version: int

    @staticmethod
    def resolve_sponsor(obj):
        return obj.sponsor.name

    @staticmethod
    def resolve_year(obj):
        return obj.catalog.year


class DecisionPageOut(Schema):
    items: list[DecisionOut]
    next_cursor: str | None


class DecisionListIn(Schema):
    sponsor_id: DbId
    title: str
    category: str
    year: Year
    listed_on: Day
    needs_public: bool = True
    needs_expert: bool = False
    needs_risk: bool = False
    needs_hearing: bool = False
    adjustment_reason: str = ""


def create(request, payload: DecisionListIn):
    sponsor = get_object_or_404(visible_orgs(request.user), pk=payload.sponsor_id)
    data = payload.dict()
    data.pop("sponsor_id")
    return services.list_decision(actor=request.user, sponsor=sponsor, **data)


router = case_router(
    KIND,
    module=__name__,
    tags=["重大行政决策"],
    case_out=DecisionOut,
    page_out=DecisionPageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None)},
    register_in=DecisionListIn,
    create=create,
    action_doc="Runs a step (comment, hearing, expert, risk, legality, decide, publish, archive, evaluate, withdraw).",
)
