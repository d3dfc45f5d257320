"""矛盾纠纷 JSON API: the schemas; the endpoints are the casework kit's (casework.KIND)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from fazhi.core.casework.api import case_router
from fazhi.core.params import Day, DbId, Year
from fazhi.core.permissions import visible_orgs

from . import selectors, services
from .casework import KIND


class MediationDisputeOut(Schema):
    id: int
    number: str
    unit: str
    channel: str
    committee: str
    mediator: str
    organization_id: int | None
    mediator_record_id: int | None
    sweep_id: int | None
    source: str
    kind: str
    parties: str
    summary: str
    received_on: date
    handling_due: date | None
    status: str
    sessions: int
    outcome: str
    concluded_on: date | None
    agreement_effective_on: date | None
    confirmation_due: date | None
    confirmation_applied_on: date | None
    confirmation: str
    confirmed_on: date | None
    followed_up_on: date | None
    performance: str
    version: int

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class MediationPageOut(Schema):
    items: list[MediationDisputeOut]
    next_cursor: str | None


class MediationRegisterIn(Schema):
    unit_id: DbId
    source: str
    kind: str
    parties: str
    summary: str
    received_on: Day
    committee: str = ""
    channel: str = "people"
    mediator: str = ""
    organization_id: DbId | None = None
    mediator_record_id: DbId | None = None
    sweep_id: DbId | None = None


def _pick(qs, pk):
    return get_object_or_404(qs, pk=pk) if pk is not None else None


def register(request, payload: MediationRegisterIn):
    unit = get_object_or_404(visible_orgs(request.user), pk=payload.unit_id)
    return services.register_dispute(
        organization=_pick(selectors.organizations_for(request.user), payload.organization_id),
        mediator_record=_pick(selectors.mediators_for(request.user), payload.mediator_record_id),
        sweep=_pick(selectors.sweeps_for(request.user), payload.sweep_id),
        actor=request.user,
        unit=unit,
        committee=payload.committee,
        source=payload.source,
        kind=payload.kind,
        parties=payload.parties,
        summary=payload.summary,
        received_on=payload.received_on,
        channel=payload.channel,
        mediator=payload.mediator,
    )


router = case_router(
    KIND,
    module=__name__,
    tags=["矛盾纠纷"],
    case_out=MediationDisputeOut,
    page_out=MediationPageOut,
    filters={
        "q": (str, ""),
        "status": (str, ""),
        "channel": (str, ""),
        "year": (Year | None, None),
        "due": (str, ""),
    },
    register_in=MediationRegisterIn,
    create=register,
    action_doc="Runs a workflow action (session, conclude, apply, confirm, follow_up) with the page form's fields.",
)
