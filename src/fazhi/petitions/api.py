"""信访 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND, and casework.RECEPTIONS for the
领导接访 under /receptions)."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs
from fazhi.core.personal import PersonalSchema

from . import services
from .casework import KIND, RECEPTIONS
from .selectors import visible_cases


class PetitionOut(PersonalSchema):
    id: int
    number: str
    unit: str
    channel: str
    petitioner: str
    phone: str  # masked unless the user may see it (core.personal)
    people: int
    representatives: int
    category: str
    subject: str
    received_on: date
    repeat_of_id: int | None
    status: str
    notice_due: date | None
    route: str
    route_reason: str
    reconsideration_case_id: int | None
    litigation_case_id: int | None
    accepted_on: date | None
    extension_days: int
    handling_due: date | None
    answered_on: date | None
    answer: str
    review_requested_on: date | None
    review_due: date | None
    reviewed_on: date | None
    recheck_requested_on: date | None
    recheck_due: date | None
    rechecked_on: date | None
    due_on: date | None
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PetitionPageOut(Schema):
    items: list[PetitionOut]
    next_cursor: str | None


class PetitionRegisterIn(Schema):
    unit_id: DbId
    channel: str
    petitioner: str
    category: str
    subject: str
    received_on: Day
    content: str = ""
    phone: str = ""
    people: int = 1
    representatives: int = 0
    received_by: str = ""


def register(request, payload: PetitionRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    return services.register_petition(
        actor=request.user,
        unit=unit,
        channel=payload.channel,
        petitioner=payload.petitioner,
        category=payload.category,
        subject=payload.subject,
        received_on=payload.received_on,
        content=payload.content,
        phone=payload.phone,
        people=payload.people,
        representatives=payload.representatives,
        received_by=payload.received_by,
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["信访"],
    case_out=PetitionOut,
    page_out=PetitionPageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "category": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
    },
    register_in=PetitionRegisterIn,
    create=register,
    action_doc="Runs a workflow action (accept, route, link, extend, answer, request_review, review, request_recheck, recheck).",
)


# -- 领导接访 ------------------------------------------------------------------------------------------------


class ReceptionOut(Schema):
    id: int
    unit: str
    leader: str
    leader_title: str
    held_on: date
    place: str
    visitors: int
    matters: str
    petition_ids: list[int]
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name

    @staticmethod
    def resolve_petition_ids(obj):
        return sorted(obj.petitions.values_list("pk", flat=True))


class ReceptionPageOut(Schema):
    items: list[ReceptionOut]
    next_cursor: str | None


class ReceptionRegisterIn(Schema):
    unit_id: DbId
    leader: str
    leader_title: str
    held_on: Day
    place: str
    matters: str
    visitors: int = 0
    petition_ids: list[DbId] = []


def register_reception(request, payload: ReceptionRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    petitions = list(visible_cases(request.user).filter(pk__in=payload.petition_ids))
    if len(petitions) != len(set(payload.petition_ids)):
        raise Http404("关联的信访事项不存在或无权查看")
    return services.record_reception(
        actor=request.user,
        unit=unit,
        leader=payload.leader,
        leader_title=payload.leader_title,
        held_on=payload.held_on,
        place=payload.place,
        matters=payload.matters,
        visitors=payload.visitors,
        petitions=petitions,
    )


router.add_router(
    "/receptions",
    case_router(
        RECEPTIONS,
        module=f"{__name__}.receptions",
        tags=["信访"],
        case_out=ReceptionOut,
        page_out=ReceptionPageOut,
        filters={"q": (str, ""), "year": (Year | None, None)},
        register_in=ReceptionRegisterIn,
        create=register_reception,
        action_doc="领导接访 has no workflow actions: every action is refused.",
    ),
)
