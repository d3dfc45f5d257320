"""The page of 学法用法 beyond the casework kit's: the year's 学法清单. (The work plan's targets on study, e.g.
每年至少2次法治专题讲座, are indicator targets checked against the figures computed from the sessions.)"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.params import year_param
from fazhi.core.web import error_text

from . import forms, selectors, services


def _year(request) -> int:
    return year_param(request.GET) or timezone.localdate().year


@login_required
def study_list(request):
    year = _year(request)
    form = forms.ListItemForm(request.POST or None, user=request.user, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_list_item(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已将《{item.law}》列入{item.year}年学法清单。")
            return redirect(f"{request.path}?year={item.year}")
    items = selectors.visible_list_items(request.user).filter(year=year).select_related("org")
    return render(request, "education/study_list.html", {"items": items, "year": year, "form": form})
