"""The portal's own sections (annual reports, published figures) and the list of all sections: its own plus those
the domain apps contribute through the app contract (core/public.py)."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpResponse
from django.urls import reverse

from fazhi.core.params import year_param
from fazhi.core.public import PublicEntry, PublicSection, data_download, public_sections, section_url
from fazhi.indicators.locks import get_lock, published_values
from fazhi.indicators.models import PeriodLock
from fazhi.indicators.registry import Period, catalog
from fazhi.reports.builder.narrative import blocks, to_html
from fazhi.reports.builder.placeholders import PLACEHOLDER_RE, FigureSource
from fazhi.reports.builder.render_docx import render_content
from fazhi.reports.builder.services import content_of
from fazhi.reports.models import AnnualReport, AnnualReportStatus

REPORTS = "reports"
DATA = "data"


# -- 法治政府建设年度报告 -------------------------------------------------------------------------------------------


def _reports(org):
    return AnnualReport.objects.filter(
        org__path__startswith=org.path, status=AnnualReportStatus.PUBLISHED
    ).select_related("org")


def report_entries(org):
    return [
        PublicEntry(r.title, section_url(org, REPORTS, r.pk), r.published_on, r.issuer, _plain_text(r))
        for r in _reports(org).prefetch_related("sections").order_by("-published_on", "-id")
    ]


def _source(report: AnnualReport) -> FigureSource:
    """The figures as published: the period lock's frozen values when the year is locked, else live ones."""
    values = published_values(report.org, report.year) if get_lock(report.org, report.year) else None
    return FigureSource(report.org, Period.year(report.year), values or None, links=False)


def _plain_text(report: AnnualReport) -> str:
    """The report's words for the search index, without its figures: rendering them would compute every indicator
    of the year on each home page, feed and search (the detail page renders them)."""
    texts = [report.intro, *(sec.text for sec in report.sections.all())]
    return PLACEHOLDER_RE.sub("", "\n".join(texts))


def reports_page(request, org):
    return {"reports": _reports(org).order_by("-year", "org__path")}


def report_detail(request, org, pk: int):
    report = _reports(org).filter(pk=pk).first()
    if report is None:
        raise Http404("没有该公开报告")
    content = content_of(report)
    source = _source(report)
    rendered = render_content(content, source)
    return {
        "report": report,
        "item_title": report.title,
        "intro": to_html(blocks(content.intro, source)),
        "report_sections": [
            {"heading": s["heading"], "html": to_html(s["blocks"])} for s in rendered.sections
        ],
        "downloads": [
            (fmt, reverse("public_reports:download", args=[report.pk, fmt]))
            for fmt, f in (("pdf", report.pdf_file), ("docx", report.docx_file))
            if f
        ],
    }


REPORTS_SECTION = PublicSection(
    key=REPORTS,
    title="法治政府建设年度报告",
    order=10,
    intro="依据《法治政府建设与责任落实督察工作规定》，年度报告每年4月1日之前向社会公开。",
    entries=report_entries,
    page=reports_page,
    template="portal/reports.html",
    detail=report_detail,
    detail_template="portal/report.html",
    changes_with=("reports.AnnualReport", "reports.ReportSection"),
)


# -- 数据开放: the published figures with their definitions --------------------------------------------------------


def published_figures(org, year: int) -> list[dict]:
    """The figures frozen when `org`'s `year` was published (period lock), each with its catalog definition."""
    cat = catalog()
    out = []
    for key, v in sorted(published_values(org, year).items()):
        entry = cat.get(key) or {}
        value = float(v.value) if isinstance(v.value, Decimal) else v.value
        out.append(
            {
                "key": key,
                "name": v.name or entry.get("zh", key),
                "value": value,
                "display": v.display(),
                "unit": v.unit,
                "numerator": v.numerator,
                "denominator": v.denominator,
                "definition": entry.get("definition", ""),
                "formula": v.formula or entry.get("formula", ""),
            }
        )
    return out


def data_page(request, org):
    years = list(PeriodLock.objects.filter(org=org).order_by("-year").values_list("year", flat=True))
    year = year_param(request.GET) or (years[0] if years else None)
    figures = published_figures(org, year) if year in years else []
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "json") and year in years:
        return _download(org, year, fmt, figures)
    return {"years": years, "year": year, "figures": figures}


FIELDS = ("key", "name", "value", "unit", "numerator", "denominator", "definition", "formula")
HEADERS = ("指标代码", "指标名称", "数值", "单位", "分子", "分母", "定义", "计算方法")


def _download(org, year: int, fmt: str, figures: list[dict]) -> HttpResponse:
    return data_download(
        fmt,
        f"{org.name}{year}年法治政府建设指标",
        body={"org": org.name, "year": year, "figures": [{k: f[k] for k in FIELDS} for f in figures]},
        header=HEADERS,
        rows=[["" if f[k] is None else f[k] for k in FIELDS] for f in figures],
    )


DATA_SECTION = PublicSection(
    key=DATA,
    title="数据开放",
    order=90,
    intro="年度报告公开时锁定的法治政府建设指标数值及其统计口径，可下载 CSV、JSON 格式。",
    page=data_page,
    template="portal/data.html",
    on_home=False,
)


def all_sections() -> list[PublicSection]:
    return sorted([REPORTS_SECTION, DATA_SECTION, *public_sections()], key=lambda s: (s.order, s.key))


def section(key: str) -> PublicSection:
    for s in all_sections():
        if s.key == key:
            return s
    raise Http404("没有该栏目")
