"""The 分档分类评价 page of the units (国办函〔2025〕66号); the other pages come from the casework kit."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.params import year_param

from . import selectors


@login_required
def evaluation(request):
    year = year_param(request.GET) or timezone.localdate().year
    groups = selectors.unit_evaluation(request.user, date(year, 1, 1), date(year, 12, 31))
    today = timezone.localdate()
    return render(
        request,
        "hotline/evaluation.html",
        {
            "groups": groups,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "tiers": selectors.TIERS,
            "grades": selectors.GRADES,
        },
    )
