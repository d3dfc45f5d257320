"""行政应诉 JSON API: the schemas; the endpoints are the casework kit's, over the same selectors and services as
the pages (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import services
from .casework import KIND


class LitigationCaseOut(Schema):
    id: int
    case_number: str
    court: str
    stage: str
    plaintiff: str
    defendant: str
    act_type: str
    act_description: str
    reconsideration_id: int | None
    status: str
    complaint_received_on: date
    answer_due: date | None
    answered_on: date | None
    head_appeared: bool
    hearing_count: int
    result: str
    judged_on: date | None
    lost: bool
    version: int

    @staticmethod
    def resolve_defendant(obj):
        return obj.defendant.name


class LitigationPageOut(Schema):
    items: list[LitigationCaseOut]
    next_cursor: str | None


class LitigationRegisterIn(Schema):
    defendant_id: DbId
    court: str
    case_number: str
    plaintiff: str
    act_type: str
    act_description: str
    complaint_received_on: Day
    stage: str = "first"
    reconsideration_id: DbId | None = None


def register(request, payload: LitigationRegisterIn):
    defendant = get_object_or_404(visible_orgs(request.user), pk=payload.defendant_id)
    recon = None
    if payload.reconsideration_id:
        recon = get_object_or_404(visible_reconsiderations(request.user), pk=payload.reconsideration_id)
    return services.register_case(
        actor=request.user,
        defendant=defendant,
        court=payload.court,
        case_number=payload.case_number,
        plaintiff=payload.plaintiff,
        act_type=payload.act_type,
        act_description=payload.act_description,
        complaint_received_on=payload.complaint_received_on,
        stage=payload.stage,
        reconsideration=recon,
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["行政应诉"],
    case_out=LitigationCaseOut,
    page_out=LitigationPageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None), "due": (str, "")},
    register_in=LitigationRegisterIn,
    create=register,
    action_doc="Runs a workflow action (answer, hearing, judge, appeal, close) with the page form's fields.",
)
