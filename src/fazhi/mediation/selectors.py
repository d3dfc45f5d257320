"""Every org-scoped read of 矛盾纠纷 records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from django.db.models import Count, DecimalField, Model, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import Status
from .models import Dispute, MediationOrg, Mediator, Sweep, Training


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    channel: str = ""
    kind: str = ""
    source: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": disputes still being mediated, by the 调结 time limit
    organization: int | None = (
        None  # the registers' links: an organisation's, a mediator's, a 排查's disputes
    )
    mediator: int | None = None
    sweep: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            channel=params.get("channel") or "",
            kind=params.get("kind") or "",
            source=params.get("source") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            organization=int_param(params, "organization"),
            mediator=int_param(params, "mediator"),
            sweep=int_param(params, "sweep"),
        )


def visible_cases(user: Viewer) -> QuerySet[Dispute]:
    return Dispute.objects.filter(
        org_filter(user, "org", "unit", capability="mediation.view", owner="created_by")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Dispute]:
    qs = search(visible_cases(user), f.q, ("number", "parties", "summary", "committee"))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "channel": "channel",
            "kind": "kind",
            "source": "source",
            "unit": "unit_id",
            "year": "received_on__year",
            "organization": "organization_id",
            "mediator": "mediator_record_id",
            "sweep": "sweep_id",
        },
    )
    today = timezone.localdate()
    open_ = qs.filter(status=Status.MEDIATING)
    if f.due == "soon":
        qs = open_.filter(handling_due__gte=today, handling_due__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = open_.filter(handling_due__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Dispute:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit"))


def due_source() -> DueSource:
    """调结 of every dispute still being mediated (the local time limit), owed by the mediating unit."""

    def queryset(user: Viewer | None) -> QuerySet[Dispute]:
        qs = visible_cases(user) if user is not None else Dispute.objects.all()
        return qs.filter(status=Status.MEDIATING)

    return DueSource(
        key="mediation.handling",
        label="矛盾纠纷调处",
        queryset=queryset,
        due_field="handling_due",
        rule="调结期限（《人民调解工作若干规定》第三十三条“一般在一个月内调结”，本级设置）",
        org="unit",
        title=lambda d: f"{d.number} · {d.parties}",
        url=lambda d: reverse("mediation:detail", args=[d.pk]),
    )


# -- the registers ---------------------------------------------------------------------------------------


M = TypeVar("M", bound=Model)


def _scoped(model: type[M], user: Viewer | None) -> QuerySet[M]:
    qs = model._default_manager.all()
    if user is None:
        return qs
    return qs.filter(org_filter(user, "org", "unit", capability="mediation.view", owner="created_by"))


def visible_organizations(user: Viewer | None) -> QuerySet[MediationOrg]:
    return _scoped(MediationOrg, user)


def visible_mediators(user: Viewer | None) -> QuerySet[Mediator]:
    return _scoped(Mediator, user)


def visible_trainings(user: Viewer | None) -> QuerySet[Training]:
    return _scoped(Training, user)


def visible_sweeps(user: Viewer | None) -> QuerySet[Sweep]:
    return _scoped(Sweep, user)


def _search(qs: QuerySet[M], q: str, fields: tuple[str, ...]) -> QuerySet[M]:
    if not q:
        return qs
    cond = Q()
    for f in fields:
        cond |= Q(**{f"{f}__icontains": q})
    return qs.filter(cond)


def organizations_list(user: Viewer, q: str = "") -> QuerySet[MediationOrg]:
    return _search(visible_organizations(user), q, ("name",)).annotate(
        mediator_count=Count("mediators", filter=Q(mediators__left_on__isnull=True), distinct=True)
    )


def mediators_list(user: Viewer, q: str = "") -> QuerySet[Mediator]:
    """Mediators with the training hours they attended (all years) and how many disputes name them."""
    hours = (
        Training.objects.filter(attendees=OuterRef("pk"))
        .order_by()
        .values("attendees")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return (
        _search(visible_mediators(user), q, ("name", "organization__name", "qualifications"))
        .select_related("organization", "unit")
        .annotate(
            training_hours=Coalesce(
                Subquery(hours), Value(0), output_field=DecimalField(max_digits=7, decimal_places=1)
            )
        )
    )


def trainings_list(user: Viewer, q: str = "") -> QuerySet[Training]:
    return _search(visible_trainings(user), q, ("title",)).annotate(attendee_count=Count("attendees"))


def sweeps_list(user: Viewer, q: str = "") -> QuerySet[Sweep]:
    return _search(visible_sweeps(user), q, ("area", "note", "organization__name")).annotate(
        dispute_count=Count("disputes", filter=Q(disputes__voided_at__isnull=True))
    )


def organizations_for(user: Viewer) -> QuerySet[MediationOrg]:
    """The organisations a dispute or a sweep may name: visible and not dissolved."""
    return visible_organizations(user).filter(dissolved_on__isnull=True).order_by("unit__path", "name")


def mediators_for(user: Viewer) -> QuerySet[Mediator]:
    return visible_mediators(user).filter(left_on__isnull=True).select_related("organization")


def sweeps_for(user: Viewer) -> QuerySet[Sweep]:
    return visible_sweeps(user).order_by("-held_on", "-id")
