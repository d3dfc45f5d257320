from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import due
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import default_org, visible_orgs

from . import selectors

HOME_KEYS = [
    "reconsideration.received",
    "reconsideration.concluded",
    "reconsideration.corrected",
    "reconsideration.correction_rate",
    "reconsideration.mediation_rate",
    "reconsideration.settled_rate",
    "litigation.cases",
    "litigation.head_appearance_rate",
    "litigation.loss_rate",
    "litigation.sued_after_reconsideration_rate",
    "litigation.after_reconsideration_loss_rate",
]


def _org_and_year(request):
    orgs = visible_orgs(request.user)
    org = None
    org_id = int_param(request.GET, "org")
    if org_id is not None:
        org = orgs.filter(pk=org_id).first()
        if org is None:
            raise PermissionDenied("无权查看该机构")
    org = org or default_org(request.user)
    year = year_param(request.GET) or timezone.localdate().year
    return org, year


@login_required
def home(request):
    org, year = _org_and_year(request)
    user = request.user
    ctx = {"org": org, "year": year}
    if org is not None:
        ctx["rows"] = selectors.indicator_rows(org, year, HOME_KEYS)
        # 即将到期/已逾期 of every app, through the due-date protocol (core/due.py)
        today = timezone.localdate()
        ctx["due"] = due.due_summary(user, today)
        ctx["overdue_items"] = due.due_list(user, due.OVERDUE, today, 8)
        ctx["soon_items"] = due.due_list(user, due.SOON, today, 8)
        ctx["today"] = timezone.localdate()
    return render(request, "indicators/home.html", ctx)


@login_required
def dashboard(request):
    org, year = _org_and_year(request)
    if org is None:
        return render(request, "indicators/dashboard.html", {"org": None})
    rows = selectors.indicator_rows(org, year)
    trend = selectors.monthly_reconsideration(org, year)
    ranking = selectors.respondent_ranking(org, year)
    comparison = selectors.sub_jurisdiction_comparison(org, year)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "org": org,
            "year": year,
            "rows": rows,
            "groups": selectors.grouped_rows(rows),
            "hide_empty": not request.GET.get("all"),
            "orgs": visible_orgs(request.user).exclude(kind="unit").order_by("path"),
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            "chart_data": {"trend": trend, "ranking": ranking, "comparison": comparison},
            "ranking": ranking,
            "comparison": comparison,
            "min_sample": selectors.MIN_SAMPLE,
        },
    )


@login_required
def dashboard_export(request):
    """The dashboard's figures as .xlsx: every indicator with its base, target and formula, and the
    sub-jurisdiction comparison."""
    from io import BytesIO

    from django.http import HttpResponse
    from openpyxl import Workbook

    from fazhi.core.xlsx import safe_row

    org, year = _org_and_year(request)
    if org is None:
        raise PermissionDenied("您的账号尚未分配机构")
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["指标代码", "指标", "数值", "单位", "分子", "分母", "目标", "状态", "口径"])
    for r in selectors.indicator_rows(org, year):
        v = r.value
        ws.append(safe_row(ws, [
            v.key, v.name, float(v.value) if v.value is not None else "无数据", v.unit, v.numerator, v.denominator,
            r.target.text if r.target else "", r.target.status if r.target else "", v.formula,
        ]))
    ws2 = wb.create_sheet("下级行政区划对比")
    ws2.append(["行政区划", "行政复议收案", "纠错率(%)", "纠错率基数", "负责人出庭应诉率(%)", "出庭率基数"])
    for c in selectors.sub_jurisdiction_comparison(org, year):
        ws2.append(safe_row(ws2, [c["name"], c.get("received"), c.get("correction_rate"), c.get("correction_rate_base"),
                                  c.get("head_appearance_rate"), c.get("head_appearance_rate_base")]))
    buf = BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename=indicators-{org.code}-{year}.xlsx"
    return resp
