"""The pages beside the activity list: the 谁执法谁普法 责任清单 (each unit's duties for the year, completed from its
activities) and the registers of 法治文化阵地, 民主法治示范村（社区） and 法律明白人."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.params import year_param
from fazhi.core.permissions import can_any, visible_orgs
from fazhi.core.web import drilldown, error_text, form_errors_text, list_params, paged_list

from . import forms, selectors, services
from .registers import REGISTERS


@login_required
def duties(request):
    year = year_param(request.GET) or timezone.localdate().year
    form = forms.DutyForm(request.POST or None, user=request.user, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            duty = services.add_duty(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已列入{duty.unit.name}{duty.year}年普法责任清单。")
            return redirect(f"{request.path}?year={duty.year}")
    rows = selectors.progress_rows(request.user, year)
    complete = sum(1 for r in rows if r["complete"])
    return render(
        request,
        "publicity/duties.html",
        {"rows": rows, "year": year, "form": form, "complete": complete},
    )


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人: one list page each, with its form and its one row action ----


@login_required
def register_list(request, register: str):
    """A register's list (its filters, a figure's drill-down, paging) and, for those who may write, its form."""
    reg = REGISTERS[register]
    form = reg.form(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                record = reg.create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, reg.created.format(r=record))
                return redirect(request.path)
    f = selectors.RegisterFilters.from_params(list_params(request.GET))
    qs, drill = drilldown(request, selectors.filtered_register(request.user, register, f))
    qs = qs.select_related("unit").prefetch_related(*reg.prefetch)
    ctx = paged_list(request, qs, date_field=reg.date_field)
    ctx.update(
        reg=reg,
        kinds=reg.kinds.choices if reg.kinds else (),
        statuses=reg.statuses.choices if reg.statuses else (),
        action_url=f"publicity:{register}_action",
        f=f,
        drill=drill,
        form=form,
        action_form=reg.action_form(auto_id=False),
        list_url=reverse(f"publicity:{register}"),
        can_add=can_any(request.user, "publicity.handle"),
        can_import=can_any(request.user, "publicity.import"),
        units=visible_orgs(request.user).order_by("path"),
    )
    return render(request, reg.template, ctx)


@login_required
@require_POST
def register_action(request, register: str, pk: int):
    """The register's one row action (撤除 / 复核 / 退出), back to the list with its outcome."""
    reg = REGISTERS[register]
    visible, _fields, _kind = selectors.REGISTERS[register]
    record = get_object_or_404(visible(request.user), pk=pk)
    form = reg.action_form(request.POST)
    if not form.is_valid():
        messages.error(request, f"{reg.action_label}未登记：{form_errors_text(form)}")
    else:
        try:
            reg.action(actor=request.user, **{reg.action_arg: record}, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, f"{reg.action_label}未登记：{error_text(exc)}")
        except PermissionDenied as exc:
            messages.error(request, f"{reg.action_label}未登记：{exc}")
        else:
            messages.success(request, f"已登记{reg.action_label}：{record}。")
    return redirect(reverse(f"publicity:{register}"))
