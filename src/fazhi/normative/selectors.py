"""Every org-scoped read of the 行政规范性文件 register, and the public list of the documents in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.casework.kind import exact, get_visible, search
from fazhi.core.due import DueSource, rule_label
from fazhi.core.models import Org
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter
from fazhi.core.types import Viewer

from .choices import DocKind, Status
from .models import NO_OPEN_FILING, CleanupCampaign, NormativeDocument, open_filing_due

#: the longest notice period an office may configure (normative.expiry_notice_months), for the due list
MAX_NOTICE_DAYS = 366


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    issuer: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": open filings
    review: str = ""  # "pending" (filed to the user's level, not reviewed) | "corrected"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            issuer=int_param(params, "issuer"),
            year=year_param(params),
            due=params.get("due") or "",
            review=params.get("review") or "",
        )


def visible_cases(user: Viewer) -> QuerySet[NormativeDocument]:
    """The documents of the user's units and jurisdictions, and those filed with them (备案审查)."""
    return NormativeDocument.objects.filter(
        org_filter(user, "org", "issuer", "filed_to", capability="normative.view")
    )


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[NormativeDocument]:
    qs = search(visible_cases(user), f.q, ("title", "doc_number", "registration_number"))
    qs = exact(qs, f, {"status": "status", "issuer": "issuer_id", "year": "registered_on__year"})
    today = timezone.localdate()
    if f.due in ("soon", "overdue"):  # an open filing; one past its due day (the indexed open_filing_due)
        qs = qs.alias(open_due=open_filing_due()).filter(
            open_due__lt=today if f.due == "overdue" else NO_OPEN_FILING
        )
    if f.review == "pending":
        qs = qs.filter(government_filed_on__isnull=False, review_result="")
    elif f.review:
        qs = qs.filter(review_result=f.review)
    return qs


def get_case(user: Viewer, pk: int) -> NormativeDocument:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "issuer", "filed_to"))


def visible_campaigns(user: Viewer) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(org_filter(user, "org", capability="normative.view"))


# -- the public library (no login; the portal lists it) -----------------------------------------------------
@dataclass
class PublicFilters:
    q: str = ""
    issuer: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> PublicFilters:
        return cls(
            q=(params.get("q") or "").strip()[:100],
            issuer=(params.get("issuer") or "").strip()[:100],
            year=year_param(params),
        )


def public_documents(
    f: PublicFilters | None = None, *, root: Org | None = None
) -> QuerySet[NormativeDocument]:
    """The documents in force, for anyone: searchable by title, 文号, issuing org and year (公布年份)."""
    f = f or PublicFilters()
    qs = NormativeDocument.objects.filter(status=Status.IN_FORCE, published_on__isnull=False)
    if root is not None:
        qs = qs.filter(org__path__startswith=root.path)
    qs = search(qs, f.q, ("title", "doc_number", "registration_number"))
    if f.issuer:
        qs = qs.filter(issuer__name__icontains=f.issuer)
    if f.year:
        qs = qs.filter(published_on__year=f.year)
    return qs.select_related("issuer").order_by("-published_on", "-id")


def public_document(pk: int) -> NormativeDocument | None:
    """One published document (in force or not: its status history is public); None for an unpublished one."""
    return (
        NormativeDocument.objects.filter(pk=pk, published_on__isnull=False).select_related("issuer").first()
    )


# -- the due-date protocol ----------------------------------------------------------------------------------
def _filing_source(filing: str, label: str, kind: str = DocKind.NORMATIVE) -> DueSource:
    """The open filings `filing` of documents of `kind`: a 规范性文件's under the local rule, a 规章's under
    立法法 第一百零九条 (their own rule names, normative.rule_filing_*)."""
    rule = f"normative.filing_{filing}" if kind == DocKind.NORMATIVE else f"normative.rule_filing_{filing}"

    def queryset(user: Viewer | None) -> QuerySet[NormativeDocument]:
        qs = visible_cases(user) if user is not None else NormativeDocument.objects.all()
        return qs.filter(kind=kind, **{f"{filing}_filed_on__isnull": True, f"{filing}_due__isnull": False})

    return DueSource(
        key=rule,
        label="规范性文件备案" if kind == DocKind.NORMATIVE else "规章备案",
        queryset=queryset,
        due_field=f"{filing}_due",
        rule=rule_label(rule, label),
        org="issuer",
        title=lambda d: f"{d.registration_number} · {d.title}",
        url=lambda d: reverse("normative:detail", args=[d.pk]),
    )


def due_congress() -> DueSource:
    return _filing_source("congress", "报本级人大常委会备案")


def due_government() -> DueSource:
    return _filing_source("government", "报政府备案")


def due_rule_state_council() -> DueSource:
    return _filing_source("state_council", "规章报国务院备案", DocKind.RULE)


def due_rule_congress() -> DueSource:
    return _filing_source("congress", "规章报本级人大常委会备案", DocKind.RULE)


def due_rule_province_congress() -> DueSource:
    return _filing_source("province_congress", "规章报省级人大常委会备案", DocKind.RULE)


def due_rule_government() -> DueSource:
    return _filing_source("government", "规章报省级人民政府备案", DocKind.RULE)


def due_expiry() -> DueSource:
    """Documents in force whose validity ends within the notice period (default six months): 评估是否延续."""

    def queryset(user: Viewer | None) -> QuerySet[NormativeDocument]:
        qs = visible_cases(user) if user is not None else NormativeDocument.objects.all()
        today = timezone.localdate()
        qs = qs.filter(status=Status.IN_FORCE, expires_on__lte=today + dt.timedelta(days=MAX_NOTICE_DAYS))
        # The notice period is a setting of each jurisdiction: one condition per jurisdiction (a handful).
        from . import rules

        window = Q(pk__in=[])
        for org in Org.objects.filter(pk__in=set(qs.values_list("org_id", flat=True).distinct())):
            window |= Q(org_id=org.pk, expires_on__lte=rules.notice_end(org, today))
        return qs.filter(window)

    return DueSource(
        key="normative.expiry",
        label="规范性文件有效期",
        queryset=queryset,
        due_field="expires_on",
        rule="有效期届满（评估是否延续）",
        org="issuer",
        title=lambda d: f"{d.registration_number} · {d.title}",
        url=lambda d: reverse("normative:detail", args=[d.pk]),
    )
