"""The pages beside the case ledger: officers and their certificates, case-file reviews. Both take a figure's
drill-down (?indicator=…&org=…&period=…, core.web.drilldown) like the ledger's list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.jsettings import get_setting
from fazhi.core.web import drilldown, paged_list

from .selectors import (
    TRAINING_SETTING,
    expiring_certificates,
    training_shortfall,
    visible_officers,
    visible_reviews,
)


@login_required
def officers(request):
    today = timezone.localdate()
    q = (request.GET.get("q") or "").strip()
    warn = request.GET.get("warn") or ""
    qs = visible_officers(request.user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(cert_number__icontains=q))
    if warn == "expiring":
        qs = expiring_certificates(qs, today)
    elif warn == "training":
        qs = training_shortfall(qs, today.year)
    qs, drill = drilldown(request, qs)
    ctx = paged_list(request, qs.select_related("unit"), date_field="issued_on")
    first = request.user.memberships.select_related("org").first()
    ctx.update(
        q=q,
        warn=warn,
        drill=drill,
        list_url=reverse("enforcement:officers"),
        required_hours=get_setting(first.org, TRAINING_SETTING) if first else None,
    )
    return render(request, "enforcement/officers.html", ctx)


@login_required
def reviews(request):
    qs, drill = drilldown(request, visible_reviews(request.user))
    qs = qs.select_related("campaign").annotate(started_on=F("campaign__started_on"))
    ctx = paged_list(request, qs, date_field="started_on")
    ctx.update(drill=drill, list_url=reverse("enforcement:reviews"))
    return render(request, "enforcement/reviews.html", ctx)
