"""重大行政决策 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status

from fazhi.core.casework.api import case_router, id_page
from fazhi.core.params import Day, DbId, PageSize, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.personal import PersonalSchema, sees_full

from . import selectors, services
from .casework import KIND
from .choices import CommentStatus
from .models import PublicComment


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


# -- public comments on drafts (the 公众意见台账): list, one, 审核, 答复, 线下登记 --------------------------------------
class DecisionCommentOut(PersonalSchema):
    """A comment as the office sees it: the contact masked unless the user holds personal.view_full at the
    decision (logged), the name shortened to its first character likewise."""

    id: int
    decision_id: int
    decision_number: str
    clause_id: int
    clause: str
    submitted_on: date
    channel: str
    name: str
    contact: str
    text: str
    status: str
    withheld_reason: str
    moderated_on: date | None
    answer: str
    answer_reason: str
    answered_on: date | None

    @staticmethod
    def resolve_decision_number(obj):
        return obj.decision.number

    @staticmethod
    def resolve_clause(obj):
        return str(obj.clause)

    @staticmethod
    def resolve_name(obj, context):
        user = getattr((context or {}).get("request"), "user", None)
        if not obj.name or (user is not None and sees_full(user, obj)):
            return obj.name
        return obj.name[0] + "*" * (len(obj.name) - 1)


class DecisionCommentPageOut(Schema):
    items: list[DecisionCommentOut]
    next_cursor: int | None


class DecisionCommentModerateIn(Schema):
    publish: bool
    reason: str = ""


class DecisionCommentAnswerIn(Schema):
    answer: str
    reason: str


class DecisionOfflineCommentIn(Schema):
    clause_id: DbId
    received_on: Day
    channel: str
    text: str
    name: str = ""
    contact: str = ""


def _comment(request, comment_id: int) -> PublicComment:
    return get_object_or_404(
        selectors.visible_comments(request.user).select_related("decision", "clause"), pk=comment_id
    )


@router.get("/comments", response=DecisionCommentPageOut, operation_id="fazhi_decisions_api_list_comments")
def list_comments(
    request,
    decision_id: DbId | None = None,
    status: str = "",
    after: DbId | None = None,
    size: PageSize = 50,
):
    """The comments on the decisions the user may see, oldest first (keyset by id: `after` = the last id)."""
    qs = selectors.visible_comments(request.user).select_related("decision", "clause")
    if decision_id is not None:
        qs = qs.filter(decision_id=decision_id)
    if status:
        if status not in CommentStatus.values:
            raise BadRequest(f"未知的审核状态：{status}")
        qs = qs.filter(status=status)
    return id_page(qs, after, size)


@router.get(
    "/comments/{comment_id}", response=DecisionCommentOut, operation_id="fazhi_decisions_api_get_comment"
)
def get_comment(request, comment_id: DbId):
    return _comment(request, comment_id)


@router.post(
    "/comments/{comment_id}/moderate",
    response=DecisionCommentOut,
    operation_id="fazhi_decisions_api_moderate",
)
def moderate(request, comment_id: DbId, payload: DecisionCommentModerateIn):
    """审核: publish (公开) or withhold (不予公开, with the reason)."""
    return services.moderate_comment(
        comment=_comment(request, comment_id),
        actor=request.user,
        publish=payload.publish,
        reason=payload.reason,
    )


@router.post(
    "/comments/{comment_id}/answer", response=DecisionCommentOut, operation_id="fazhi_decisions_api_answer"
)
def answer(request, comment_id: DbId, payload: DecisionCommentAnswerIn):
    """答复: 采纳 (adopted) / 部分采纳 (partly) / 不采纳 (not_adopted), with the reason."""
    return services.answer_comment(
        comment=_comment(request, comment_id),
        actor=request.user,
        answer=payload.answer,
        reason=payload.reason,
    )


@router.post(
    "/cases/{case_id}/comments",
    response={201: DecisionCommentOut},
    operation_id="fazhi_decisions_api_record_offline_comment",
)
def record_offline_comment(request, case_id: DbId, payload: DecisionOfflineCommentIn):
    """A comment received offline (letter, email, fax, meeting, visit) during the comment period."""
    decision = KIND.get(request.user, case_id)
    return Status(
        201,
        services.record_offline_comment(decision=decision, actor=request.user, **payload.dict()),
    )
