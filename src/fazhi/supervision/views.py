"""督察覆盖单位: a read-only register beside the casework pages, one row per unit covered by the inspections of a
period. The figure 法治督察覆盖单位数 (supervision.inspected_units) drills down to it (AppConfig.list_urls)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import render

from fazhi.core.web import drilldown, paged_list

from . import selectors


@login_required
def coverage(request):
    qs, drill = drilldown(request, selectors.visible_coverage(request.user))
    # the pager reads its date from each row (keyset cursor): the inspection's start date, as the row's own field
    qs = qs.select_related("inspection__org", "org").annotate(started_on=F("inspection__started_on"))
    ctx = paged_list(request, qs, date_field="started_on")
    return render(request, "supervision/coverage.html", {**ctx, "drill": drill})
