"""执法公示 on the jurisdiction's public portal (core/public.py; 《国务院办公厅关于全面推行行政执法公示制度执法全过程
记录制度重大执法决定法制审核制度的指导意见》): the officers holding a valid 执法证 (name, certificate number and unit
only) and the published decisions (number, unit, kind, 案由, basis, date; never the party)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.core.public import PublicEntry, PublicSection, section_url
from fazhi.core.web import paged_list

from .choices import CertStatus, PowerStatus, PowerType
from .models import EnforcementCase, Officer, PowerItem
from .rules import POWER_FIELDS

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
)


# -- 权责清单 ---------------------------------------------------------------------------------------------

POWERS_KEY = "powers"


def current_power_items(org):
    """The jurisdiction's current lists (every unit of its subtree): only the items' public fields."""
    return (
        PowerItem.objects.filter(unit__path__startswith=org.path, status=PowerStatus.CURRENT)
        .select_related("unit")
        .only(*POWER_FIELDS, "code", "added_on", "unit__name", "unit__path")
    )


def power_entries(org):
    return [
        PublicEntry(
            title=f"{i.unit.name} {i.get_power_type_display()} {i.name}",
            url=section_url(org, POWERS_KEY, i.pk),
            on=i.added_on,
            summary=i.law,
            text=f"{i.code} {i.articles}",
        )
        for i in current_power_items(org).order_by("-added_on", "-id")[:500]
    ]


def power_page(request, org):
    qs = current_power_items(org)
    unit = request.GET.get("unit") or ""
    kind = request.GET.get("type") or ""
    if unit.isdigit():
        qs = qs.filter(unit_id=int(unit))
    if kind in PowerType.values:
        qs = qs.filter(power_type=kind)
    units = (
        Org.objects.filter(pk__in=current_power_items(org).values("unit_id").distinct())
        .only("name", "path")
        .order_by("path")
    )
    ctx = paged_list(request, qs, date_field="added_on")
    return {**ctx, "units": units, "unit": unit, "type": kind, "types": PowerType.choices}


def power_detail(request, org, pk: int):
    item = current_power_items(org).filter(pk=pk).first()
    if item is None:
        raise Http404("该事项不在现行权责清单中")
    return {"item": item, "item_title": f"{item.unit.name} {item.name}"}


POWERS_SECTION = PublicSection(
    key=POWERS_KEY,
    title="权责清单",
    order=41,
    intro="各部门现行权责清单：职权类型、法律依据、实施主体、责任事项，以及赋予乡镇（街道）的行政执法事项。",
    entries=power_entries,
    page=power_page,
    template="enforcement/portal/powers.html",
    detail=power_detail,
    detail_template="enforcement/portal/power_detail.html",
    on_home=False,
)
