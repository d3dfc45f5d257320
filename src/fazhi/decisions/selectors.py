"""Every org-scoped read of 重大行政决策 records, and the public catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import ADOPTING_ANSWERS, CatalogStatus, CommentStatus, Status
from .models import Decision, DecisionCatalog, PublicComment


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    sponsor: int | None = None
    year: int | None = None
    due: str = ""  # not used: kept for the shared filter widgets and API

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            sponsor=int_param(params, "sponsor"),
            year=year_param(params),
            due=params.get("due") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[Decision]:
    return Decision.objects.filter(org_filter(user, "org", "sponsor", capability="decisions.view"))


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Decision]:
    qs = search(visible_cases(user), f.q, ("title", "number"))
    qs = exact(qs, f, {"status": "status", "sponsor": "sponsor_id", "year": "catalog__year"})
    # the list's 收到意见: the portal's comment records where there are any (else the count typed on the step)
    records = (
        PublicComment.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("id"))
        .values("n")
    )
    return qs.annotate(comment_records=Coalesce(Subquery(records, output_field=IntegerField()), 0))


def get_case(user: Viewer, pk: int) -> Decision:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "sponsor", "catalog"))


def visible_comments(user: Viewer) -> QuerySet[PublicComment]:
    """The public comments on the decisions the user may see (the 公众意见台账)."""
    return PublicComment.objects.filter(
        org_filter(user, "decision__org", "decision__sponsor", capability="decisions.view"),
        decision__voided_at__isnull=True,
    )


def comments_of(d: Decision) -> QuerySet[PublicComment]:
    return d.public_comments.select_related("clause").order_by("clause__seq", "submitted_at", "id")


def published_comments(d: Decision) -> QuerySet[PublicComment]:
    """What the portal shows of the comments: the published ones (their text and the answer, never who wrote)."""
    return comments_of(d).filter(status=CommentStatus.PUBLISHED)


@dataclass
class Tally:
    received: int
    adopted: int
    pending: int
    answered: int
    from_records: bool  # False: the counts typed on the decision (no comment records)


def comment_tally(d: Decision) -> Tally:
    """收到/采纳 of a decision: from its comment records when it has any, else the counts typed on it."""
    rows = list(d.public_comments.values_list("status", "answer"))
    if not rows:
        return Tally(d.comments_received, d.comments_adopted, 0, 0, False)
    return Tally(
        received=len(rows),
        adopted=sum(1 for _, a in rows if a in ADOPTING_ANSWERS),
        pending=sum(1 for s, _ in rows if s == CommentStatus.PENDING),
        answered=sum(1 for _, a in rows if a),
        from_records=True,
    )


def visible_catalogs(user: Viewer) -> QuerySet[DecisionCatalog]:
    return DecisionCatalog.objects.filter(
        org_filter(user, "org", capability="decisions.view")
    ).select_related("org")


def public_catalog(org_id: int, year: int) -> QuerySet[Decision]:
    """The items of a published catalog, for anyone (the portal)."""
    return (
        Decision.objects.filter(
            catalog__org_id=org_id, catalog__year=year, catalog__status=CatalogStatus.PUBLISHED
        )
        .exclude(status=Status.WITHDRAWN)
        .select_related("sponsor")
        .order_by("number")
    )


def due_source() -> DueSource:
    """Hearing materials not yet served (第十六条第三款: 7日 before the hearing)."""

    def queryset(user: Viewer | None) -> QuerySet[Decision]:
        qs = visible_cases(user) if user is not None else Decision.objects.all()
        return qs.filter(status=Status.IN_PROGRESS, hearing_materials_served_on__isnull=True)

    return DueSource(
        key="decisions.hearing_materials",
        label="重大行政决策",
        queryset=queryset,
        due_field="hearing_materials_due",
        rule=rule_label("decisions.hearing_materials", "听证会材料送达"),
        org="sponsor",
        title=lambda d: f"{d.number} · {d.title}",
        url=lambda d: reverse("decisions:detail", args=[d.pk]),
    )
