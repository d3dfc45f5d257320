"""行政复议 JSON API: schemas in, the same selectors and services as the pages."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema, Status

from fazhi.core.params import Day, DbId, PageSize, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.web import api_action_data, apply_action

from . import rules, selectors, services
from .views import ACTIONS

router = Router(tags=["行政复议"])


class ReconsiderationCaseOut(Schema):
    id: int
    number: str
    org: str
    respondent: str
    applicant_summary: str
    act_type: str
    act_description: str
    procedure: str
    status: str
    received_on: date
    accepted_on: date | None
    decision: str
    decided_on: date | None
    next_due: date | None
    acceptance_due: date | None
    reply_due: date | None
    decision_due: date | None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name

    @staticmethod
    def resolve_respondent(obj):
        return obj.respondent.name


class ReconsiderationPageOut(Schema):
    items: list[ReconsiderationCaseOut]
    next_cursor: str | None


class ReconsiderationDeadlineOut(Schema):
    rule: str
    start: str
    due: str | None
    citation: str
    text: str
    explanation: str
    warnings: list[str]


class ReconsiderationApplicantIn(Schema):
    name: str
    kind: str = "person"
    id_number: str = ""
    representative: str = ""


class ReconsiderationRegisterIn(Schema):
    org_id: DbId
    respondent_id: DbId
    received_on: Day
    applicants: list[ReconsiderationApplicantIn]
    act_type: str
    act_description: str
    act_field: str = ""
    channel: str = ""
    procedure: str = "ordinary"


@router.get("/cases", response=ReconsiderationPageOut)
def list_cases(
    request, q: str = "", status: str = "", year: Year | None = None, due: str = "", after: str | None = None, size: PageSize = 50
):
    f = selectors.CaseFilters(q=q, status=status, year=year, due=due)
    page = selectors.case_page(request.user, f, cursor=after, size=size)
    return {"items": page.rows, "next_cursor": page.next_cursor}


@router.get("/cases/{case_id}", response=ReconsiderationCaseOut)
def get_case(request, case_id: DbId):
    return selectors.get_case(request.user, case_id)


@router.get("/cases/{case_id}/deadlines", response=dict[str, ReconsiderationDeadlineOut])
def case_deadlines(request, case_id: DbId):
    case = selectors.get_case(request.user, case_id)
    return {k: d.as_dict() for k, d in rules.deadlines(case).items()}


@router.post("/cases", response={201: ReconsiderationCaseOut})
def register(request, payload: ReconsiderationRegisterIn):
    orgs = visible_orgs(request.user)
    org = get_object_or_404(orgs, pk=payload.org_id)
    respondent = get_object_or_404(orgs, pk=payload.respondent_id)  # as the page's form: within the user's scope
    case = services.register_application(
        actor=request.user,
        org=org,
        respondent=respondent,
        received_on=payload.received_on,
        applicants=[a.dict() for a in payload.applicants],
        act_type=payload.act_type,
        act_description=payload.act_description,
        act_field=payload.act_field,
        channel=payload.channel,
        procedure=payload.procedure,
    )
    return Status(201, case)


@router.post("/cases/{case_id}/actions/{action}", response=ReconsiderationCaseOut)
def act(request, case_id: DbId, action: str, payload: Body[dict]):
    """Runs a workflow action (accept, decide, suspend, …) with the same fields as the page's form."""
    case = selectors.get_case(request.user, case_id)
    apply_action(case=case, actor=request.user, actions=ACTIONS, action=action, data=api_action_data(request, payload))
    case.refresh_from_db()
    return case
