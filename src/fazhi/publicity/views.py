"""The 谁执法谁普法 责任清单 page: each unit's duties for the year with their completion read from its activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.params import year_param
from fazhi.core.web import error_text

from . import forms, selectors, services


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
