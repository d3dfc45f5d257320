"""行政规范性文件 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import KIND


class NormativeDocumentOut(Schema):
    id: int
    registration_number: str
    kind: str
    title: str
    doc_number: str
    issuer: str
    legality_review: str
    status: str
    registered_on: date
    published_on: date | None
    effective_on: date | None
    effective_earliest: date | None
    effective_exception: str
    effective_reason: str
    expires_on: date | None
    congress_due: date | None
    congress_filed_on: date | None
    government_due: date | None
    government_filed_on: date | None
    state_council_due: date | None
    state_council_filed_on: date | None
    province_congress_due: date | None
    province_congress_filed_on: date | None
    filed_on_time: bool | None
    review_result: str
    reviewed_on: date | None
    cleanup_outcome: str
    version: int

    @staticmethod
    def resolve_issuer(obj):
        return obj.issuer.name


class NormativePageOut(Schema):
    items: list[NormativeDocumentOut]
    next_cursor: str | None


class NormativeRegisterIn(Schema):
    issuer_id: DbId
    title: str
    registered_on: Day
    legality_review: str = ""
    text: str = ""
    kind: str = "normative"


def register(request, payload: NormativeRegisterIn):
    issuer = get_object_or_404(visible_orgs(request.user), pk=payload.issuer_id)
    return services.register_document(
        actor=request.user,
        issuer=issuer,
        title=payload.title,
        registered_on=payload.registered_on,
        legality_review=payload.legality_review,
        text=payload.text,
        kind=payload.kind,
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["行政规范性文件"],
    case_out=NormativeDocumentOut,
    page_out=NormativePageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None), "due": (str, "")},
    register_in=NormativeRegisterIn,
    create=register,
    action_doc="Runs a workflow action (publish, file, review, expire) with the page form's fields.",
)
