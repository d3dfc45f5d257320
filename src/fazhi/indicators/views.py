from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import due
from fazhi.core.contract import domain_apps_by_area
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import default_org, visible_orgs
from fazhi.core.replica import lag_notice, use_replica

from . import selectors


def home_keys() -> list[str]:
    """The figures of the home page: each domain app's `home_indicators` (the app contract), in area order."""
    return [key for cfg in domain_apps_by_area() for key in cfg.home_indicators]


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
        with use_replica():  # the figures, as on the dashboard (and its lag notice)
            ctx["rows"] = selectors.indicator_rows(org, year, home_keys())
            ctx["replica_notice"] = lag_notice()
        # 即将到期/已逾期 of every app, through the due-date protocol (core/due.py), from the primary: a case
        # just closed leaves these lists at once, whatever the replica's lag
        today = timezone.localdate()
        ctx["due"] = due.due_summary(user, today)
        ctx["overdue_items"] = due.due_list(user, due.OVERDUE, today, 8)
        ctx["soon_items"] = due.due_list(user, due.SOON, today, 8)
        ctx["today"] = today
    return render(request, "indicators/home.html", ctx)


@login_required
@use_replica()
def dashboard(request):
    org, year = _org_and_year(request)
    if org is None:
        return render(request, "indicators/dashboard.html", {"org": None})
    rows = selectors.indicator_rows(org, year)
    charts = selectors.dashboard_charts(org, year)
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
            "charts": charts,
            "chart_data": {
                "charts": [{k: c[k] for k in ("id", "kind", "data")} for c in charts],
                "comparison": comparison,
            },
            "comparison": comparison,
            "min_sample": selectors.MIN_SAMPLE,
            "replica_notice": lag_notice(),
        },
    )


@login_required
@use_replica()
def dashboard_export(request):
    """The dashboard's figures as .xlsx: every indicator with its base, target and formula, and the
    sub-jurisdiction comparison."""
    from io import BytesIO

    from django.http import HttpResponse
    from django.utils.http import content_disposition_header
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
        ws.append(
            safe_row(
                ws,
                [
                    v.key,
                    v.name,
                    float(v.value) if v.value is not None else "无数据",
                    v.unit,
                    v.numerator,
                    v.denominator,
                    r.target.text if r.target else "",
                    r.target.status if r.target else "",
                    v.formula,
                ],
            )
        )
    ws2 = wb.create_sheet("下级行政区划对比")
    ws2.append(["行政区划", "行政复议收案", "纠错率(%)", "纠错率基数", "负责人出庭应诉率(%)", "出庭率基数"])
    for c in selectors.sub_jurisdiction_comparison(org, year):
        ws2.append(
            safe_row(
                ws2,
                [
                    c["name"],
                    c.get("received"),
                    c.get("correction_rate"),
                    c.get("correction_rate_base"),
                    c.get("head_appearance_rate"),
                    c.get("head_appearance_rate_base"),
                ],
            )
        )
    buf = BytesIO()
    wb.save(buf)
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = content_disposition_header(True, f"{org.name}{year}年指标.xlsx")
    return resp
