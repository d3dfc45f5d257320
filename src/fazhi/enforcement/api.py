"""行政执法 JSON API: the schemas; the endpoints are the casework kit's, over the same selectors and services as
the pages (casework.KIND)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND, RECTIFY
from .selectors import visible_officers


class EnforcementCaseOut(Schema):
    id: int
    case_number: str
    unit: str
    kind: str
    domain: str
    party: str
    status: str
    filed_on: date
    decision_due: date | None
    major: bool
    legal_review_on: date | None
    decided_on: date | None
    amount: Decimal
    leniency: str
    publish_due: date | None
    published_on: date | None
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class EnforcementPageOut(Schema):
    items: list[EnforcementCaseOut]
    next_cursor: str | None


class EnforcementFileIn(Schema):
    unit_id: DbId
    case_number: str
    kind: str
    filed_on: Day
    officer_ids: list[DbId]
    domain: str = ""
    party: str = ""
    facts: str = ""
    legal_basis: str = ""
    major: bool = False


def file(request, payload: EnforcementFileIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    officers = list(visible_officers(request.user).filter(pk__in=payload.officer_ids))
    if len(officers) != len(set(payload.officer_ids)):
        raise ValidationError({"officer_ids": "执法人员不存在或无权查看"})
    return services.file_case(
        actor=request.user,
        unit=unit,
        case_number=payload.case_number,
        kind=payload.kind,
        filed_on=payload.filed_on,
        officers=officers,
        domain=payload.domain,
        party=payload.party,
        facts=payload.facts,
        legal_basis=payload.legal_basis,
        major=payload.major,
    )


cases_router = case_router(
    KIND,
    module=__name__,
    tags=["行政执法"],
    case_out=EnforcementCaseOut,
    page_out=EnforcementPageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "kind": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
    },
    register_in=EnforcementFileIn,
    create=file,
    action_doc="Runs a workflow action (review, decide, publish, close) with the page form's fields.",
)


class EnforcementRectificationOut(Schema):
    id: int
    number: str
    unit: str
    case_number: str
    campaign: str
    problems: str
    opened_on: date
    due: date
    status: str
    reply: str
    replied_on: date | None
    returned_note: str
    returns: int
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name

    @staticmethod
    def resolve_case_number(obj):
        return obj.review.case.case_number

    @staticmethod
    def resolve_campaign(obj):
        return obj.review.campaign.name


class EnforcementRectificationPageOut(Schema):
    items: list[EnforcementRectificationOut]
    next_cursor: str | None


class EnforcementRectificationIn(Schema):
    """Not accepted: a 整改 is opened by scoring a file."""

    review_id: DbId


def open_rectification(request, payload: EnforcementRectificationIn):
    raise ValidationError({"review_id": "整改由案卷评分下发，不能直接登记"})


router = Router()
router.add_router("", cases_router)
router.add_router(
    "/rectifications",
    case_router(
        RECTIFY,
        module=f"{__name__}.rectify",
        tags=["案卷评查整改"],
        case_out=EnforcementRectificationOut,
        page_out=EnforcementRectificationPageOut,
        filters={
            "q": (str, ""),
            "status": (str, ""),
            "unit": (DbId | None, None),
            "campaign": (DbId | None, None),
        },
        register_in=EnforcementRectificationIn,
        create=open_rectification,
        action_doc="Runs a 整改 action (reply by the unit; accept or send_back by the office) with the page form's fields.",
    ),
)
