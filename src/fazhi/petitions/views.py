"""领导接访: the list of receptions (taking a figure's drill-down like the petitions' list) and its registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.permissions import can_any
from fazhi.core.web import drilldown, error_text, paged_list

from . import services
from .forms import ReceptionForm
from .selectors import visible_receptions


@login_required
def receptions(request):
    q = (request.GET.get("q") or "").strip()
    qs = visible_receptions(request.user)
    if q:
        qs = qs.filter(Q(leader__icontains=q) | Q(matters__icontains=q) | Q(place__icontains=q))
    qs, drill = drilldown(request, qs)
    qs = qs.select_related("unit").annotate(petition_count=Count("petitions"))
    ctx = paged_list(request, qs, date_field="held_on")
    ctx.update(
        q=q,
        drill=drill,
        list_url=reverse("petitions:receptions"),
        can_add=can_any(request.user, "petitions.handle"),
    )
    return render(request, "petitions/receptions.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def reception_create(request):
    if not can_any(request.user, "petitions.handle"):
        raise PermissionDenied("无权登记领导接访")
    form = ReceptionForm(request.POST or None, user=request.user, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            r = services.record_reception(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已登记领导接访：{r}")
            return redirect("petitions:receptions")
    ctx = {"form": form, "list_url": reverse("petitions:receptions")}
    return render(request, "petitions/reception_form.html", ctx)
