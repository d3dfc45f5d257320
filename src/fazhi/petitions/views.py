"""领导接访: the list of receptions (taking a figure's drill-down like the petitions' list) and its registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.exporting import table_response
from fazhi.core.permissions import can_any
from fazhi.core.web import drilldown, error_text, paged_list

from . import services
from .forms import ReceptionForm
from .selectors import ReceptionFilters, filtered_receptions


def _receptions(request):
    f = ReceptionFilters.from_params(request.GET)
    qs, drill = drilldown(request, filtered_receptions(request.user, f))
    return f, qs.select_related("unit").annotate(petition_count=Count("petitions")), drill


@login_required
def receptions(request):
    f, qs, drill = _receptions(request)
    ctx = paged_list(request, qs, date_field="held_on")
    ctx.update(
        q=f.q,
        drill=drill,
        list_url=reverse("petitions:receptions"),
        export_url=reverse("petitions:reception_export") + "?" + request.GET.urlencode(),
        can_add=can_any(request.user, "petitions.handle"),
    )
    return render(request, "petitions/receptions.html", ctx)


@login_required
def reception_export(request):
    """导出: the receptions the list shows (its search and drill-down kept), with the list's columns."""
    _, qs, _ = _receptions(request)
    headers = (
        "接访日期",
        "接访领导",
        "职务",
        "组织单位",
        "接访地点",
        "接待来访人数",
        "接访事项",
        "关联信访事项数",
    )
    rows = (
        (r.held_on, r.leader, r.leader_title, r.unit.name, r.place, r.visitors, r.matters, r.petition_count)
        for r in qs.order_by("-held_on", "-id").iterator()
    )
    return table_response("领导接访", headers, rows)


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
            return redirect("petitions:reception_detail", pk=r.pk)
    ctx = {"form": form, "list_url": reverse("petitions:receptions")}
    return render(request, "petitions/reception_form.html", ctx)
