"""执法公示 on the jurisdiction's public portal (core/public.py; 《国务院办公厅关于全面推行行政执法公示制度执法全过程
记录制度重大执法决定法制审核制度的指导意见》): the officers holding a valid 执法证 (name, certificate number and unit
only) and the published decisions (number, unit, kind, 案由, basis, date; never the party)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from fazhi.core.public import PublicEntry, PublicSection, section_url
from fazhi.core.web import paged_list

from .choices import CertStatus
from .models import EnforcementCase, Officer

KEY = "enforcement"


def valid_officers(org, today=None):
    today = today or timezone.localdate()
    return (
        Officer.objects.filter(
            org__path__startswith=org.path, cert_status=CertStatus.VALID, expires_on__gte=today
        )
        .select_related("unit")
        .only("name", "cert_number", "expires_on", "unit__name")
        .order_by("unit__path", "cert_number")
    )


def published_decisions(org):
    return (
        EnforcementCase.objects.filter(
            Q(org__path__startswith=org.path), published_on__isnull=False, decided_on__isnull=False
        )
        .select_related("unit")
        .only(
            "case_number",
            "kind",
            "facts",
            "legal_basis",
            "decided_on",
            "published_on",
            "unit__name",
            "leniency",
        )
    )


def entries(org):
    return [
        PublicEntry(
            title=f"{c.unit.name}{c.get_kind_display()}决定 {c.case_number}",
            url=section_url(org, KEY, c.pk),
            on=c.published_on,
            summary=c.facts,
            text=c.legal_basis,
        )
        for c in published_decisions(org).order_by("-published_on", "-id")[:500]
    ]


def page(request, org):
    tab = "officers" if request.GET.get("tab") == "officers" else "decisions"
    qs = valid_officers(org) if tab == "officers" else published_decisions(org)
    ctx = paged_list(request, qs, date_field="expires_on" if tab == "officers" else "published_on")
    return {**ctx, "tab": tab}


def detail(request, org, pk: int):
    case = published_decisions(org).filter(pk=pk).first()
    if case is None:
        raise Http404("执法决定不存在或尚未公示")
    return {"case": case, "item_title": f"{case.unit.name}{case.get_kind_display()}决定 {case.case_number}"}


SECTION = PublicSection(
    key=KEY,
    title="执法公示",
    order=40,
    intro="行政执法人员及其执法证件、已公示的行政执法决定。",
    entries=entries,
    page=page,
    template="enforcement/portal/list.html",
    detail=detail,
    detail_template="enforcement/portal/detail.html",
    changes_with=("enforcement.EnforcementCase",),
)
