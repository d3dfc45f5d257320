"""行政应诉 JSON API: schemas in, the same selectors and services as the pages."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema, Status

from fazhi.core.params import Day, DbId, PageSize, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.web import api_action_data, apply_action
from fazhi.reconsideration.selectors import visible_cases as visible_reconsiderations

from . import selectors, services
from .views import ACTIONS

router = Router(tags=["行政应诉"])


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


@router.get("/cases", response=LitigationPageOut)
def list_cases(
    request, q: str = "", status: str = "", year: Year | None = None, due: str = "", after: str | None = None, size: PageSize = 50
):
    f = selectors.CaseFilters(q=q, status=status, year=year, due=due)
    page = selectors.case_page(request.user, f, cursor=after, size=size)
    return {"items": page.rows, "next_cursor": page.next_cursor}


@router.get("/cases/{case_id}", response=LitigationCaseOut)
def get_case(request, case_id: DbId):
    return selectors.get_case(request.user, case_id)


@router.post("/cases", response={201: LitigationCaseOut})
def register(request, payload: LitigationRegisterIn):
    defendant = get_object_or_404(visible_orgs(request.user), pk=payload.defendant_id)
    recon = None
    if payload.reconsideration_id:
        recon = get_object_or_404(visible_reconsiderations(request.user), pk=payload.reconsideration_id)
    case = services.register_case(
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
    return Status(201, case)


@router.post("/cases/{case_id}/actions/{action}", response=LitigationCaseOut)
def act(request, case_id: DbId, action: str, payload: Body[dict]):
    """Runs a workflow action (answer, hearing, judge, appeal, close) with the page form's fields."""
    case = selectors.get_case(request.user, case_id)
    apply_action(case=case, actor=request.user, actions=ACTIONS, action=action, data=api_action_data(request, payload))
    case.refresh_from_db()
    return case
