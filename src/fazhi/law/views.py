"""Pages: the deadline rules (期限规则) and the holiday calendar status (节假日安排)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .calendar import makeup_workdays_count, package_years
from .deadlines import RULES
from .models import HolidayDay, HolidayYear


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """Every statutory period the engine knows, with citation, quoted words, day kind and days."""
    return render(request, "law/rules.html", {"rules": list(RULES.values())})


def _package_version() -> str:
    try:
        return version("chinesecalendar")
    except PackageNotFoundError:  # pragma: no cover - the package is a hard dependency
        return "?"


@login_required
def holidays(request: HttpRequest) -> HttpResponse:
    """Which years are covered (package / entered notice), the entered days, and where to add more."""
    pkg = package_years()
    entered = {y.year: y for y in HolidayYear.objects.all()}
    days = list(HolidayDay.objects.all())
    day_years = {d.date.year for d in days}
    this_year = timezone.localdate().year
    last = max([this_year + 1, pkg.stop, *entered, *day_years])
    first = min([this_year - 1, *entered, *day_years])
    years = []
    for year in range(first, last + 1):
        entry = entered.get(year)
        if year in pkg:
            status, css, source = "已覆盖", "bg-green-lt", "系统内置节假日数据"
        elif entry and entry.complete:
            status, css, source = "已覆盖", "bg-green-lt", f"已录入通知：{entry.notice}"
        elif entry or year in day_years:
            status, css, source = "录入中", "bg-yellow-lt", "已录入部分日期，尚未标记为完整录入"
        else:
            status, css, source = "未录入", "bg-red-lt", "暂按周一至周五为工作日、周六周日为休息日计算"
        years.append(
            {
                "year": year,
                "status": status,
                "css": css,
                "source": source,
                "days": sum(1 for d in days if d.date.year == year),
                "overrides": year in pkg and year in day_years,
            }
        )
    context = {
        "years": years,
        "days": days,
        "package_version": _package_version(),
        "package_first": pkg.start,
        "package_last": pkg.stop - 1,
        "makeup_counts": makeup_workdays_count(),
        "can_add": request.user.has_perm("law.add_holidayday"),
    }
    return render(request, "law/holidays.html", context)
