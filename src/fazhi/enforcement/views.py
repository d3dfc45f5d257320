"""The pages beside the case ledger: officers and their certificates, case-file review campaigns."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.jsettings import get_setting

from .models import CaseFileReview
from .selectors import (
    TRAINING_SETTING,
    expiring_certificates,
    training_shortfall,
    visible_campaigns,
    visible_officers,
)

SHOWN = 200


@login_required
def officers(request):
    today = timezone.localdate()
    q = (request.GET.get("q") or "").strip()
    warn = request.GET.get("warn") or ""
    qs = visible_officers(request.user).select_related("unit")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(cert_number__icontains=q))
    if warn == "expiring":
        qs = expiring_certificates(qs, today)
    elif warn == "training":
        qs = training_shortfall(qs, today.year)
    memberships = getattr(request.user, "memberships", None)
    first = memberships.select_related("org").first() if memberships is not None else None
    required = get_setting(first.org, TRAINING_SETTING) if first else 60
    return render(
        request,
        "enforcement/officers.html",
        {
            "officers": list(qs[:SHOWN]),
            "total": qs.count(),
            "q": q,
            "warn": warn,
            "today": today,
            "required_hours": required,
        },
    )


@login_required
def reviews(request):
    rows = CaseFileReview.objects.select_related("case", "case__unit").order_by("case__case_number")
    campaigns = visible_campaigns(request.user).prefetch_related(
        Prefetch("reviews", queryset=rows, to_attr="rows")
    )
    return render(request, "enforcement/reviews.html", {"campaigns": campaigns})
