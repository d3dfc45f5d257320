"""12345 open data on the jurisdiction's public portal (core/public.py): tickets counted by 诉求分类 and month of
受理, merged duplicates left out. Counts only: no caller, phone, place or text of any ticket."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.http import HttpResponse
from django.utils import timezone

from fazhi.core.params import year_param
from fazhi.core.public import PublicSection, data_download

from .models import Ticket
from .selectors import categories

DEFINITION = (
    "按受理日期统计的本行政区域12345热线工单件数（不含被合并的重复工单），按诉求分类和受理月份分列。"
    "只公布件数，不含诉求人、联系电话、诉求地点和诉求内容。"
)


def counts(org, year: int) -> tuple[list[tuple[str, str]], dict[tuple[str, int], int]]:
    """(categories present [(code, label)], {(code, month): count}) of `org`'s tickets received in `year`."""
    rows = (
        Ticket.objects.filter(
            org__path__startswith=org.path, received_on__year=year, merged_into__isnull=True
        )
        .annotate(month=ExtractMonth("received_on"))
        .values("category", "month")
        .annotate(n=Count("id"))
    )
    cells = {(r["category"], r["month"]): r["n"] for r in rows}
    labels = categories()
    present = sorted(
        {c for c, _ in cells}, key=lambda c: (c not in labels, list(labels).index(c) if c in labels else 0, c)
    )
    return [(c, labels.get(c, c)) for c in present], cells


def page(request, org):
    years = [
        d.year
        for d in Ticket.objects.filter(org__path__startswith=org.path, merged_into__isnull=True).dates(
            "received_on", "year", order="DESC"
        )
    ]
    year = year_param(request.GET) or (years[0] if years else timezone.localdate().year)
    cats, cells = counts(org, year)
    months = list(range(1, 13))
    table = [
        {
            "code": c,
            "label": label,
            "months": [cells.get((c, m), 0) for m in months],
            "total": sum(cells.get((c, m), 0) for m in months),
        }
        for c, label in cats
    ]
    totals = [sum(cells.get((c, m), 0) for c, _ in cats) for m in months]
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "json"):
        return _download(org, year, fmt, table)
    return {
        "years": years,
        "year": year,
        "table": table,
        "months": months,
        "totals": totals,
        "grand": sum(totals),
        "definition": DEFINITION,
    }


def _download(org, year: int, fmt: str, table: list[dict]) -> HttpResponse:
    body = {
        "dataset": f"{org.name}{year}年12345热线工单分类统计",
        "definition": DEFINITION,
        "year": year,
        "rows": [
            {"category_code": r["code"], "category": r["label"], "month": m, "count": n}
            for r in table
            for m, n in enumerate(r["months"], start=1)
        ],
    }
    rows = [[r["code"], r["label"], *r["months"], r["total"]] for r in table]
    return data_download(
        fmt,
        f"{org.name}{year}年12345工单分类统计",
        body=body,
        header=["诉求分类编码", "诉求分类", *[f"{m}月" for m in range(1, 13)], "合计"],
        rows=[*rows, [], ["口径", DEFINITION]],
    )


SECTION = PublicSection(
    key="hotline",
    title="12345数据开放",
    order=60,
    intro="12345政务服务便民热线工单按诉求分类和月份的统计。",
    page=page,
    template="hotline/portal/data.html",
    on_home=False,
)
