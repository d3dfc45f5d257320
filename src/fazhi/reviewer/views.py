"""Report reviewer pages: the list with the upload form, one report's review with its text highlighted
where each figure came from, the comparison across reports (table, chart, xlsx)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import can_any
from fazhi.core.replica import use_replica

from . import catalog
from .crosscheck import cross_check
from .models import (
    ExtractedFigure,
    FindingKind,
    ReviewBatch,
    ReviewBatchState,
    ReviewedReport,
    ReviewFinding,
    ReviewSource,
)
from .tasks import Submitted, enqueue, fail_stale_batches, submit
from .text import human_size

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INCONSISTENCIES = [FindingKind.RATE_MISMATCH, FindingKind.COUNT_EXCEEDS_TOTAL]


def _can_submit(user) -> bool:
    # Built in: leaders only read; every other role may submit reports for review.
    return can_any(user, "reports.review")


def _max_bytes() -> int:
    return int(getattr(settings, "FAZHI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


@login_required
def review_list(request):
    q = request.GET.get("q", "").strip()
    year = request.GET.get("year", "").strip()
    reports = ReviewedReport.objects.visible_to(request.user)
    if q:
        reports = reports.filter(
            Q(jurisdiction__icontains=q)
            | Q(file_name__icontains=q)
            | Q(authority__icontains=q)
            | Q(title__icontains=q)
        )
    if year_param(request.GET):
        reports = reports.filter(year=year_param(request.GET))
    if int_param(request.GET, "batch"):
        reports = reports.filter(batch_id=int_param(request.GET, "batch"))
    reports = (
        reports.annotate(
            figure_count=Count("figures", distinct=True),
            problem_count=Count("findings", filter=Q(findings__kind__in=INCONSISTENCIES), distinct=True),
        )
        .defer("text")
        .order_by("-created_at", "-id")
    )
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    years = (
        ReviewedReport.objects.visible_to(request.user)
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "reviewer/review_list.html",
        {
            "page": page,
            "q": q,
            "year": year,
            "years": list(years),
            "can_submit": _can_submit(request.user),
            "max_size": human_size(_max_bytes()),
        },
    )


@login_required
@require_POST
def review_upload(request):
    """Store the files and review them in the background (reviewer.tasks); the batch page polls the progress."""
    if not _can_submit(request.user):
        raise PermissionDenied("无权提交报告审阅")
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, "请选择要审阅的报告文件（.txt、.docx 或 .pdf，可多选）")
        return redirect("reviewer:review_list")
    plan = request.FILES.get("plan")
    batch = submit(
        files=[Submitted(f.name, f.size, f) for f in files],
        plan=Submitted(plan.name, plan.size, plan) if plan is not None else None,
        actor=request.user,
        source=ReviewSource.WEB,
        max_bytes=_max_bytes(),
    )
    enqueue(batch)
    return redirect("reviewer:review_batch", pk=batch.pk)


def _batch(request, pk: int) -> ReviewBatch:
    batch = ReviewBatch.objects.filter(pk=pk).first()
    # Another user's batch is a 404, as if it did not exist (its reports are scoped on their own pages).
    if batch is None or not (request.user.is_superuser or batch.created_by_id == request.user.id):
        raise Http404("审阅批次不存在")
    return batch


def batch_state(batch: ReviewBatch, reports) -> dict:
    return {
        "id": batch.pk,
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "total": batch.total,
        "done": batch.file_count,
        "failed": batch.failed_count,
        "percent": batch.percent,
        "finished": batch.finished,
        "notes": batch.notes,
        "reports": [
            {
                "id": r.pk,
                "file": r.file_name,
                "error": r.error,
                "url": "" if r.error else reverse("reviewer:review_detail", args=[r.pk]),
            }
            for r in reports
        ],
    }


@login_required
def review_batch(request, pk: int):
    """One submission: its progress while the task runs (htmx fragment, or a meta refresh with JavaScript off),
    then each file's outcome. JSON with ?format=json."""
    batch = _batch(request, pk)
    if batch.status == ReviewBatchState.RUNNING and fail_stale_batches(batch_ids=[batch.pk]):
        batch.refresh_from_db()
    reports = list(batch.reports.defer("text").order_by("id")) if batch.finished or batch.file_count else []
    if request.GET.get("format") == "json":
        return JsonResponse(batch_state(batch, reports), json_dumps_params={"ensure_ascii": False})
    ok = [r for r in reports if not r.error]
    ctx = {"batch": batch, "reports": reports, "ok_count": len(ok), "bad_count": len(reports) - len(ok)}
    if request.headers.get("HX-Request"):
        return render(request, "reviewer/review_batch_progress.html", ctx)
    return render(request, "reviewer/review_batch.html", ctx)


@login_required
def review_detail(request, pk: int):
    report = get_object_or_404(ReviewedReport.objects.visible_to(request.user), pk=pk)
    figures = list(report.figures.order_by("start"))
    findings = list(report.findings.all())
    return render(
        request,
        "reviewer/review_detail.html",
        {
            "report": report,
            "figures": figures,
            "findings": findings,
            "check": cross_check(report, request.user),
            "highlighted": highlight(report.text, figures, findings) if report.text else "",
        },
    )


# ---------------------------------------------------------------------------------------------------------
# Highlighting


def highlight(text: str, figures, findings=()) -> SafeString:
    """The report text as HTML with each figure's words in <mark id="fig-…"> (its number in <strong>) and
    each finding's words in <mark id="finding-…">; spans that cross one another are left out."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, opening tag, closing tag
    for f in figures:
        spans.append(
            (
                f.start,
                f.end,
                str(format_html('<mark id="{}" class="figure" title="{}">', f.anchor, f.label or f.key)),
                "</mark>",
            )
        )
        spans.append((f.number_start, f.number_end, "<strong>", "</strong>"))
    for fd in findings:
        if fd.start is not None and fd.end is not None:
            spans.append(
                (
                    fd.start,
                    fd.end,
                    str(
                        format_html(
                            '<mark id="finding-{}" class="finding" title="{}">', fd.pk, fd.get_kind_display()
                        )
                    ),
                    "</mark>",
                )
            )
    accepted: list[tuple[int, int, str, str]] = []
    for span in spans:
        s, e = span[0], span[1]
        if not (0 <= s < e <= len(text)):
            continue
        if any(
            s < ae and as_ < e and not (as_ <= s and e <= ae) and not (s <= as_ and ae <= e)
            for as_, ae, *_ in accepted
        ):
            continue
        if any(s == as_ and e == ae for as_, ae, *_ in accepted):
            continue
        accepted.append(span)
    accepted.sort(key=lambda sp: (sp[0], -sp[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    for s, e, open_tag, close_tag in accepted:
        while stack and stack[-1][0] <= s:
            end, close = stack.pop()
            out.append(escape(text[pos:end]))
            out.append(close)
            pos = end
        out.append(escape(text[pos:s]))
        out.append(open_tag)
        pos = s
        stack.append((e, close_tag))
    while stack:
        end, close = stack.pop()
        out.append(escape(text[pos:end]))
        out.append(close)
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped; tags are built by format_html


# ---------------------------------------------------------------------------------------------------------
# Comparison


@dataclass
class Comparison:
    reports: list[ReviewedReport]
    keys: list[str]
    labels: dict[str, str]
    units: dict[str, str]
    values: dict[int, dict[str, ExtractedFigure]] = field(default_factory=dict)

    def rows(self):
        for r in self.reports:
            figs = self.values.get(r.pk, {})
            yield r, [figs.get(k) for k in self.keys]


def comparison(user, params) -> Comparison:
    """The latest reviewed report of each jurisdiction and year, with their catalog figures side by side."""
    reports = ReviewedReport.objects.visible_to(user).filter(error="", is_annual_report=True).defer("text")
    year = year_param(params)
    if year:
        reports = reports.filter(year=year)
    q = (params.get("q") or "").strip()
    if q:
        reports = reports.filter(jurisdiction__icontains=q)
    latest: dict[tuple[str, int | None], ReviewedReport] = {}
    for r in reports.order_by("-created_at", "-id"):
        latest.setdefault((r.jurisdiction or r.file_name, r.year), r)
    chosen = sorted(latest.values(), key=lambda r: (r.jurisdiction or r.file_name, r.year or 0))
    values: dict[int, dict[str, ExtractedFigure]] = {}
    for f in ExtractedFigure.objects.filter(report__in=[r.pk for r in chosen]):
        values.setdefault(f.report_id, {})[f.key] = f
    present = {k for figs in values.values() for k in figs}
    cat = catalog()
    keys = [k for k in cat if k in present]
    labels = {k: cat[k].get("zh", k) for k in keys}
    units = {k: "%" if cat[k].get("unit") == "percent" else "" for k in keys}
    return Comparison(chosen, keys, labels, units, values)


@login_required
def review_compare(request):
    comp = comparison(request.user, request.GET)
    selected = request.GET.get("key") or (
        max(comp.keys, key=lambda k: sum(k in v for v in comp.values.values())) if comp.keys else ""
    )
    chart = {
        "categories": [f"{r.jurisdiction or r.file_name} {r.year or ''}".strip() for r in comp.reports],
        "series": {
            k: [
                (comp.values.get(r.pk, {}).get(k).value if k in comp.values.get(r.pk, {}) else None)
                for r in comp.reports
            ]
            for k in comp.keys
        },
        "labels": comp.labels,
        "units": comp.units,
        "selected": selected if selected in comp.keys else (comp.keys[0] if comp.keys else ""),
    }
    years = (
        ReviewedReport.objects.visible_to(request.user)
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "reviewer/review_compare.html",
        {
            "comp": comp,
            "columns": [(k, comp.labels[k]) for k in comp.keys],
            "rows": list(comp.rows()),
            "chart": chart,
            "years": list(years),
            "year": request.GET.get("year", ""),
            "q": request.GET.get("q", ""),
        },
    )


@login_required
@use_replica()
def review_export(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from fazhi.core.xlsx import safe_row

    comp = comparison(request.user, request.GET)
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EEF7")

    ws = wb.active
    ws.title = "指标对比"
    head = ["地区", "年度", "发文机关", "文号", "文件名"] + [
        comp.labels[k] + ("（%）" if comp.units[k] else "") for k in comp.keys
    ]
    ws.append(head)
    for (
        r,
        figs,
    ) in comp.rows():  # names, numbers and quotes come from the submitted files: text, never formulas
        ws.append(
            safe_row(
                ws,
                [r.jurisdiction, r.year, r.authority, r.doc_number, r.file_name]
                + [f.value if f else None for f in figs],
            )
        )
    for i in range(1, len(head) + 1):
        ws.cell(row=1, column=i).font = bold
        ws.cell(row=1, column=i).fill = fill
        ws.column_dimensions[get_column_letter(i)].width = 14 if i > 5 else 18
    ws.freeze_panes = "F2"

    ws = wb.create_sheet("数字与原文")
    ws.append(["地区", "年度", "指标代码", "指标", "数值", "单位", "原文"])
    for r, figs in comp.rows():
        for k, f in zip(comp.keys, figs, strict=True):
            if f:
                ws.append(
                    safe_row(ws, [r.jurisdiction, r.year, k, comp.labels[k], f.value, f.unit, f.evidence])
                )
    ws.column_dimensions["G"].width = 80

    ws = wb.create_sheet("发现的问题")
    ws.append(["地区", "年度", "类型", "说明", "原文"])
    by_report = {r.pk: r for r in comp.reports}
    for fd in ReviewFinding.objects.filter(report__in=list(by_report)).order_by("report_id", "id"):
        r = by_report[fd.report_id]
        ws.append(safe_row(ws, [r.jurisdiction, r.year, fd.get_kind_display(), fd.message, fd.evidence]))
    ws.column_dimensions["D"].width = 60
    ws.column_dimensions["E"].width = 60
    for sheet in wb.worksheets[1:]:
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill

    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    name = f"报告审阅对比-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
