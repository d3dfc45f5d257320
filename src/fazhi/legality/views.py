"""Two read-only registers beside the casework pages: the points raised by review opinions (意见建议台账) and the
legal opinions of 法律顾问/公职律师 (参与记录). They are where the figures "提出意见建议 X 条" and "法律顾问参与
X 次" drill down to (AppConfig.list_urls)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core.web import drilldown, paged_list

from . import selectors


@login_required
def points(request):
    qs, drill = drilldown(request, selectors.visible_points(request.user))
    ctx = paged_list(request, qs.select_related("request", "unit"), date_field="raised_on")
    return render(request, "legality/points.html", {**ctx, "drill": drill})


@login_required
def counsel_opinions(request):
    qs, drill = drilldown(request, selectors.visible_counsel_opinions(request.user))
    ctx = paged_list(request, qs.select_related("request", "counsel"), date_field="given_on")
    return render(request, "legality/counsel_opinions.html", {**ctx, "drill": drill})
