"""行政复议 JSON API: the schemas; the endpoints are the casework kit's, over the same selectors and services as
the pages (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import rules, services
from .casework import KIND


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


def register(request, payload: ReconsiderationRegisterIn):
    orgs = visible_orgs(request.user)
    org = get_object_or_404(orgs, pk=payload.org_id)
    respondent = get_object_or_404(
        orgs, pk=payload.respondent_id
    )  # as the page's form: within the user's scope
    return services.register_application(
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


router = case_router(
    KIND,
    module=__name__,
    tags=["行政复议"],
    case_out=ReconsiderationCaseOut,
    page_out=ReconsiderationPageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None), "due": (str, "")},
    register_in=ReconsiderationRegisterIn,
    create=register,
    action_doc="Runs a workflow action (accept, decide, suspend, …) with the same fields as the page's form.",
)


@router.get("/cases/{case_id}/deadlines", response=dict[str, ReconsiderationDeadlineOut])
def case_deadlines(request, case_id: DbId):
    case = KIND.get(request.user, case_id)
    return {k: d.as_dict() for k, d in rules.deadlines(case).items()}
