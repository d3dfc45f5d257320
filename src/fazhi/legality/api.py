"""合法性审核 JSON API: the schemas; the endpoints are the casework kit's, over the same selectors and services as
the pages. Review requests at /api/legality/cases, the 法律顾问/公职律师 register at /api/legality/counsel/cases."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import COUNSEL, KIND


class LegalityReviewOut(Schema):
    id: int
    number: str
    title: str
    subject_kind: str
    subject_ref: str
    unit: str
    status: str
    received_on: date
    requested_by: date | None
    minimum_due: date | None
    short_notice: bool
    review_days: int
    due_on: date | None
    counsel_consulted: bool
    opinion: str
    opinion_text: str
    points_count: int
    opinion_on: date | None
    on_time: bool | None
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class LegalityReviewPageOut(Schema):
    items: list[LegalityReviewOut]
    next_cursor: str | None


class LegalityReviewIn(Schema):
    unit_id: DbId
    title: str
    subject_kind: str
    received_on: Day
    requested_by: Day | None = None
    subject_ref: str = ""
    draft_text: str = ""


def register(request, payload: LegalityReviewIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    return services.register_request(
        actor=request.user,
        unit=unit,
        title=payload.title,
        subject_kind=payload.subject_kind,
        received_on=payload.received_on,
        requested_by=payload.requested_by,
        subject_ref=payload.subject_ref,
        draft_text=payload.draft_text,
    )


class LegalityCounselOut(Schema):
    id: int
    name: str
    kind: str
    unit: str
    firm: str
    certificate_no: str
    start_on: date
    end_on: date | None
    status: str
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class LegalityCounselPageOut(Schema):
    items: list[LegalityCounselOut]
    next_cursor: str | None


class LegalityCounselIn(Schema):
    unit_id: DbId
    name: str
    kind: str
    start_on: Day
    end_on: Day | None = None
    firm: str = ""
    certificate_no: str = ""
    phone: str = ""
    note: str = ""


def register_counsel(request, payload: LegalityCounselIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return services.register_counsel(actor=request.user, unit=unit, **data)


router = Router()
router.add_router(
    "",
    case_router(
        KIND,
        module=__name__,
        tags=["合法性审核"],
        case_out=LegalityReviewOut,
        page_out=LegalityReviewPageOut,
        filters={
            "q": (str, ""),
            "status": (str, ""),
            "kind": (str, ""),
            "year": (Year | None, None),
            "due": (str, ""),
        },
        register_in=LegalityReviewIn,
        create=register,
        action_doc=(
            "Runs a workflow action (start, return_materials, resubmit, counsel, give_opinion, close) with the "
            "page form's fields."
        ),
    ),
)
router.add_router(
    "/counsel",
    case_router(
        COUNSEL,
        module=f"{__name__}.counsel",
        tags=["法律顾问、公职律师"],
        case_out=LegalityCounselOut,
        page_out=LegalityCounselPageOut,
        filters={"q": (str, ""), "kind": (str, ""), "status": (str, "")},
        register_in=LegalityCounselIn,
        create=register_counsel,
        action_doc="Runs a register action (renew, end) with the page form's fields.",
    ),
)
