"""The pages beside the case ledger: officers and their certificates, case-file reviews. Both take a figure's
drill-down (?indicator=…&org=…&period=…, core.web.drilldown) like the ledger's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.jsettings import get_setting
from fazhi.core.permissions import can, visible_orgs
from fazhi.core.web import drilldown, error_text, list_params, paged_list

from . import services
from .choices import WarningKind, WarningState
from .forms import CloseWarningForm
from .scan import JUMP_RULE
from .selectors import (
    TRAINING_SETTING,
    WarningFilters,
    expiring_certificates,
    filtered_warnings,
    get_warning,
    training_shortfall,
    visible_officers,
    visible_reviews,
    warnings_by_unit,
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


@login_required
def warnings(request):
    """执法监督预警: the open warnings by unit (filter by kind, unit, state); each row links to its records."""
    f = WarningFilters.from_params(list_params(request.GET))
    qs, drill = drilldown(request, filtered_warnings(request.user, f))
    summary = warnings_by_unit(filtered_warnings(request.user, WarningFilters(kind=f.kind, state="")))
    qs = qs.select_related("unit", "case", "officer", "closed_by")
    ctx = paged_list(request, qs, date_field="opened_on")
    ctx.update(
        f=f,
        drill=drill,
        summary=summary,
        kinds=WarningKind.choices,
        states=WarningState.choices,
        units=visible_orgs(request.user).filter(kind="unit").order_by("path"),
        list_url=reverse("enforcement:warnings"),
        jump_rule=JUMP_RULE,
    )
    return render(request, "enforcement/warnings.html", ctx)


@login_required
def close_warning(request, pk: int):
    """关闭预警 with the unit's explanation (required)."""
    warning = get_warning(request.user, pk)
    if not (
        can(request.user, warning.unit, "enforcement.handle")
        or can(request.user, warning.org, "enforcement.handle")
    ):
        raise PermissionDenied("无权关闭该单位的执法监督预警")
    form = CloseWarningForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_warning(
                warning=warning,
                actor=request.user,
                explanation=form.cleaned_data["explanation"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已记录单位说明，预警已关闭。")
            return redirect(reverse("enforcement:warnings") + f"?unit={warning.unit_id}")
    return render(request, "enforcement/warning_close.html", {"warning": warning, "form": form})
