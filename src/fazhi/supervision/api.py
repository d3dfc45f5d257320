"""督察, 考评 and 述法 JSON API: schemas; the endpoints are the casework kit's (list, detail, create, actions),
over the same selectors, forms and services as the pages. The 问题台账 is at /api/supervision/cases; 督察,
考评方案 and 述法 have their own sub-routers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import services
from .casework import EVIDENCE, INSPECTIONS, INTERVIEWS, PROBLEMS, SCHEMES, SHUFA
from .selectors import visible_cases, visible_inspections, visible_schemes


class SupervisionProblemOut(Schema):
    id: int
    jurisdiction: str
    org: str
    inspection_id: int | None
    source: str
    source_ref: str
    category: str
    description: str
    found_on: date
    rectify_due: date
    measures: str
    status: str
    applied_on: date | None
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name

    @staticmethod
    def resolve_jurisdiction(obj):
        return obj.jurisdiction.name


class SupervisionProblemPageOut(Schema):
    items: list[SupervisionProblemOut]
    next_cursor: str | None


class SupervisionProblemIn(Schema):
    org_id: DbId
    source: str
    description: str
    found_on: Day
    rectify_due: Day | None = None
    inspection_id: DbId | None = None
    source_ref: str = ""
    category: str = ""


def record_problem(request, payload: SupervisionProblemIn):
    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    inspection = None
    if payload.inspection_id:
        inspection = get_object_or_404(visible_inspections(request.user), pk=payload.inspection_id)
    return services.record_problem(
        actor=request.user,
        org=org,
        inspection=inspection,
        source=payload.source,
        source_ref=payload.source_ref,
        category=payload.category,
        description=payload.description,
        found_on=payload.found_on,
        rectify_due=payload.rectify_due,
    )


class SupervisionInspectionOut(Schema):
    id: int
    org: str
    title: str
    kind: str
    scope: str
    inspectors: str
    started_on: date
    ended_on: date | None
    status: str
    unit_ids: list[int]
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name

    @staticmethod
    def resolve_unit_ids(obj):
        return sorted(u.pk for u in obj.inspected_units.all())


class SupervisionInspectionPageOut(Schema):
    items: list[SupervisionInspectionOut]
    next_cursor: str | None


class SupervisionInspectionIn(Schema):
    org_id: DbId
    title: str
    kind: str
    started_on: Day
    unit_ids: list[DbId]
    scope: str = ""
    inspectors: str = ""


def start_inspection(request, payload: SupervisionInspectionIn):
    visible = visible_orgs(request.user)
    org = get_object_or_404(visible, pk=payload.org_id)
    units = list(visible.filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        from django.http import Http404

        raise Http404("被督察单位不存在或无权查看")
    return services.start_inspection(
        actor=request.user,
        org=org,
        title=payload.title,
        kind=payload.kind,
        scope=payload.scope,
        inspectors=payload.inspectors,
        units=units,
        started_on=payload.started_on,
    )


class SupervisionSchemeOut(Schema):
    id: int
    org: str
    year: int
    name: str
    revision: int
    status: str
    adopted_on: date
    published_on: date | None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name


class SupervisionSchemePageOut(Schema):
    items: list[SupervisionSchemeOut]
    next_cursor: str | None


class SupervisionSchemeIn(Schema):
    org_id: DbId
    year: Year
    name: str
    adopted_on: Day


def create_scheme(request, payload: SupervisionSchemeIn):
    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    return services.create_scheme(
        actor=request.user, org=org, year=payload.year, name=payload.name, adopted_on=payload.adopted_on
    )


class SupervisionShufaOut(Schema):
    id: int
    org: str
    year: int
    leader: str
    title: str
    held_on: date
    meeting: str
    summary: str
    status: str
    result: str
    comment: str
    reviewed_on: date | None
    person_id: int | None = None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name


class SupervisionShufaPageOut(Schema):
    items: list[SupervisionShufaOut]
    next_cursor: str | None


class SupervisionShufaIn(Schema):
    org_id: DbId
    year: Year
    leader: str
    title: str
    held_on: Day
    meeting: str
    summary: str = ""
    person_id: DbId | None = None


def record_shufa(request, payload: SupervisionShufaIn):
    from django.contrib.auth import get_user_model

    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    person = None
    if payload.person_id is not None:
        users = get_user_model().objects.filter(
            is_active=True, memberships__org__in=visible_orgs(request.user)
        )
        person = get_object_or_404(users.distinct(), pk=payload.person_id)
    return services.record_shufa(
        person=person,
        actor=request.user,
        org=org,
        year=payload.year,
        leader=payload.leader,
        title=payload.title,
        held_on=payload.held_on,
        meeting=payload.meeting,
        summary=payload.summary,
    )


class SupervisionInterviewOut(Schema):
    id: int
    jurisdiction: str
    org: str
    leader: str
    title: str
    held_on: date
    reason: str
    inspection_id: int | None
    problem_id: int | None
    requirements: str
    status: str
    outcome: str
    followed_on: date | None
    version: int

    @staticmethod
    def resolve_jurisdiction(obj):
        return obj.jurisdiction.name

    @staticmethod
    def resolve_org(obj):
        return obj.org.name


class SupervisionInterviewPageOut(Schema):
    items: list[SupervisionInterviewOut]
    next_cursor: str | None


class SupervisionInterviewIn(Schema):
    org_id: DbId
    leader: str
    title: str
    held_on: Day
    reason: str
    inspection_id: DbId | None = None
    problem_id: DbId | None = None
    requirements: str = ""


def record_interview(request, payload: SupervisionInterviewIn):
    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    inspection = problem = None
    if payload.inspection_id is not None:
        inspection = get_object_or_404(visible_inspections(request.user), pk=payload.inspection_id)
    if payload.problem_id is not None:
        problem = get_object_or_404(visible_cases(request.user), pk=payload.problem_id)
    return services.record_interview(
        actor=request.user,
        org=org,
        leader=payload.leader,
        title=payload.title,
        held_on=payload.held_on,
        reason=payload.reason,
        inspection=inspection,
        problem=problem,
        requirements=payload.requirements,
    )


class SupervisionScoreOut(Schema):
    unit_id: int
    unit: str
    tier: str
    rank: int
    total: Decimal


class SupervisionEvidenceOut(Schema):
    id: int
    org: str
    scheme_id: int
    item_id: int
    item: str
    note: str
    link: str
    submitted_on: date
    status: str
    comment: str
    reviewed_on: date | None
    version: int

    @staticmethod
    def resolve_org(obj):
        return obj.org.name

    @staticmethod
    def resolve_scheme_id(obj):
        return obj.item.scheme_id

    @staticmethod
    def resolve_item(obj):
        return obj.item.name


class SupervisionEvidencePageOut(Schema):
    items: list[SupervisionEvidenceOut]
    next_cursor: str | None


class SupervisionEvidenceIn(Schema):
    item_id: DbId
    org_id: DbId
    note: str
    submitted_on: Day
    link: str = ""


def submit_evidence(request, payload: SupervisionEvidenceIn):
    """The unit's 考评材料 for a scored item of a scheme it may read (the service checks the unit's right)."""
    from .models import SchemeItem

    item = get_object_or_404(
        SchemeItem.objects.filter(scheme__in=visible_schemes(request.user)), pk=payload.item_id
    )
    org = get_object_or_404(visible_orgs(request.user), pk=payload.org_id)
    return services.submit_evidence(
        actor=request.user,
        item=item,
        org=org,
        note=payload.note,
        link=payload.link,
        submitted_on=payload.submitted_on,
    )


router: Router = case_router(
    PROBLEMS,
    module=__name__,
    tags=["督察问题"],
    case_out=SupervisionProblemOut,
    page_out=SupervisionProblemPageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "source": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
    },
    register_in=SupervisionProblemIn,
    create=record_problem,
    action_doc="Runs a 整改 action (plan, progress, apply, approve, refuse, reopen) with the page form's fields.",
)
router.add_router(
    "/inspections",
    case_router(
        INSPECTIONS,
        module=f"{__name__}.inspections",
        tags=["法治督察"],
        case_out=SupervisionInspectionOut,
        page_out=SupervisionInspectionPageOut,
        filters={"q": (str, ""), "status": (str, ""), "kind": (str, ""), "year": (Year | None, None)},
        register_in=SupervisionInspectionIn,
        create=start_inspection,
        action_doc="Runs conclude with the page form's fields.",
    ),
)
schemes = case_router(
    SCHEMES,
    module=f"{__name__}.schemes",
    tags=["考评"],
    case_out=SupervisionSchemeOut,
    page_out=SupervisionSchemePageOut,
    filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None)},
    register_in=SupervisionSchemeIn,
    create=create_scheme,
    action_doc="Runs item, score, compute or publish with the page form's fields.",
)


@schemes.get(
    "/cases/{case_id}/ranking", response=list[SupervisionScoreOut], operation_id="supervision_ranking"
)
def scheme_ranking(request, case_id: DbId):
    """Totals and ranks per peer group (政府 / 部门)."""
    from .selectors import ranking

    scheme = SCHEMES.get(request.user, case_id)
    return [
        {"unit_id": r.unit.pk, "unit": r.unit.name, "tier": group.tier, "rank": r.rank, "total": r.total}
        for group in ranking(scheme)
        for r in group.rows
    ]


router.add_router("/schemes", schemes)
router.add_router(
    "/shufa",
    case_router(
        SHUFA,
        module=f"{__name__}.shufa",
        tags=["述法"],
        case_out=SupervisionShufaOut,
        page_out=SupervisionShufaPageOut,
        filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None)},
        register_in=SupervisionShufaIn,
        create=record_shufa,
        action_doc="Runs review with the page form's fields.",
    ),
)
router.add_router(
    "/interviews",
    case_router(
        INTERVIEWS,
        module=f"{__name__}.interviews",
        tags=["约谈"],
        case_out=SupervisionInterviewOut,
        page_out=SupervisionInterviewPageOut,
        filters={"q": (str, ""), "status": (str, ""), "year": (Year | None, None)},
        register_in=SupervisionInterviewIn,
        create=record_interview,
        action_doc="Runs follow (跟踪落实) with the page form's fields.",
    ),
)
router.add_router(
    "/evidence",
    case_router(
        EVIDENCE,
        module=f"{__name__}.evidence",
        tags=["考评材料"],
        case_out=SupervisionEvidenceOut,
        page_out=SupervisionEvidencePageOut,
        filters={
            "q": (str, ""),
            "status": (str, ""),
            "scheme": (DbId | None, None),
            "item": (DbId | None, None),
            "org": (DbId | None, None),
            "year": (Year | None, None),
        },
        register_in=SupervisionEvidenceIn,
        create=submit_evidence,
        action_doc="Runs review (审阅) with the page form's fields.",
    ),
)
