"""Pages of the annual report builder: the report list with the disclosure deadline, the editor (a textarea per
statutory section, live preview, figure picker), downloads, publication, and the public page of published
reports (no login). Views stay thin: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.locking import parse_version
from fazhi.core.params import year_param
from fazhi.core.permissions import default_org
from fazhi.core.replica import use_replica
from fazhi.core.web import error_text

from .builder import draft as drafting
from .builder import selectors, services
from .builder.narrative import blocks, to_html
from .builder.placeholders import FigureSource, picker
from .builder.render_docx import render_content
from .builder.render_pdf import PdfError
from .models import AnnualReport

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _attachment(data: bytes, name: str, fmt: str) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
@require_GET
def annual_list(request):
    today = timezone.localdate()
    last_year = today.year - 1
    year = year_param(request.GET)
    reports = list(selectors.visible_reports(request.user, year=year))
    rows = [{"report": r, "deadline": selectors.deadline(r.year, r.published_on, today)} for r in reports]
    orgs = selectors.editable_orgs(request.user)
    home = default_org(request.user)
    pending = None
    if home is not None and not any(r.org_id == home.pk and r.year == last_year for r in reports):
        pending = {
            "org": home,
            "year": last_year,
            "deadline": selectors.deadline(last_year, None, today),
            "can_create": home in orgs,
        }
    return render(
        request,
        "reports/annual_list.html",
        {
            "rows": rows,
            "orgs": orgs,
            "years": list(range(today.year, today.year - 6, -1)),
            "year": year,
            "default_year": last_year,
            "pending": pending,
            "today": today,
        },
    )


@login_required
@require_POST
def annual_create(request):
    org = next(
        (o for o in selectors.editable_orgs(request.user) if str(o.pk) == request.POST.get("org")), None
    )
    if org is None:
        raise PermissionDenied("无权为该机关编制年度报告")
    year = year_param(request.POST) or timezone.localdate().year - 1
    existing = AnnualReport.objects.filter(org=org, year=year).first()
    if existing is not None:
        messages.info(request, f"{org.name}{year}年度的报告已存在，已打开。")
        return redirect("annual_reports:edit", existing.pk)
    try:
        report = services.create_report(org=org, year=year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, f"未能生成草稿：{error_text(exc)}")
        return redirect("annual_reports:list")
    messages.success(request, f"已按{year}年度记录生成报告草稿，请逐部分修改。")
    return redirect("annual_reports:edit", report.pk)


def _editor_context(
    request, report: AnnualReport, *, texts: dict | None = None, header: dict | None = None
) -> dict:
    source = FigureSource.for_year(report.org, report.year)
    content = services.content_of(report)
    if header:
        for k, v in header.items():
            setattr(content, k, v)
    if texts:
        content.sections.update(texts)
    sections = []
    for key in drafting.SECTION_KEYS:
        text = content.sections.get(key, "")
        try:
            preview, error = to_html(blocks(text, source)), ""
        except ValidationError as exc:
            preview, error = "", error_text(exc)
        sections.append(
            {
                "key": key,
                "heading": drafting.section_heading(key, report.year),
                "title": drafting.SECTION_TITLES[key],
                "text": text,
                "preview": preview,
                "error": error,
            }
        )
    try:
        rendered = render_content(content, source)
        missing = list(dict.fromkeys(f.name for f in rendered.missing))
        figure_count = len(rendered.figures)
    except ValidationError:
        missing, figure_count = [], 0
    can_edit = services.can_edit(request.user, report.org) and not report.is_published
    signed = content.signed_on if isinstance(content.signed_on, date) else None
    broken = (
        services.broken_promises(content, max(signed or date.min, timezone.localdate())) if can_edit else []
    )
    generated = drafting.generate(report.org, report.year, source) if can_edit else None
    notes = generated.notes if generated else []
    gaps = [
        {"where": drafting.SECTION_TITLES.get(g.section, "开头"), "text": g.text}
        for g in services.gaps_of(content)
    ]
    try:
        intro_html = to_html(blocks(content.intro, source))
    except ValidationError:
        intro_html = ""
    refs = list(report.figures.all()) if report.is_published else []
    return {
        "report": report,
        "content": content,
        "intro_html": intro_html,
        "sections": sections,
        "picker_groups": _picker_groups(picker(source)),
        "missing": missing,
        "figure_count": figure_count,
        "notes": notes,
        "gaps": gaps,
        "backings": generated.backings if generated else [],
        "can_edit": can_edit,
        "can_publish": can_edit,
        "deadline": selectors.deadline(report.year, report.published_on),
        "figure_refs": [f for f in refs if f.part != services.FACT_PART],
        "fact_refs": [f for f in refs if f.part == services.FACT_PART],
        "today": timezone.localdate(),
        "broken_promises": broken,
        "number_prefix": services.numbering_prefix(report.org, signed.year if signed else report.year + 1)
        if can_edit
        else "",
    }


def _picker_groups(entries) -> list[dict]:
    """The figure picker by area (行政复议, 行政应诉 …, the dashboard's order), each figure with its Chinese name,
    its value now and the token the editor stores; the area name is searchable with the figure's."""
    from fazhi.core.areas import area_name, area_of, area_order

    groups: dict[str, dict] = {}
    for e in entries:
        area = area_of(e.token)
        groups.setdefault(area, {"area": area, "name": area_name(area), "entries": []})["entries"].append(e)
    return sorted(groups.values(), key=lambda g: area_order(g["area"]))


def _header_from_post(post) -> dict:
    out = {k: post.get(k, "").strip() for k in services.HEADER_FIELDS if k in post}
    if "signed_on" in out:
        try:
            out["signed_on"] = date.fromisoformat(out["signed_on"])
        except ValueError as exc:
            raise ValidationError({"signed_on": "成文日期格式应为 YYYY-MM-DD"}) from exc
    if "print_date" in out:
        try:
            out["print_date"] = date.fromisoformat(out["print_date"]) if out["print_date"] else None
        except ValueError as exc:
            raise ValidationError({"print_date": "印发日期格式应为 YYYY-MM-DD"}) from exc
    return out


@login_required
def annual_edit(request, pk: int):
    report = selectors.get_report(request.user, pk)
    if request.method == "POST":
        if not services.can_edit(request.user, report.org):
            raise PermissionDenied("无权编辑该机关的年度报告")
        texts = {
            k: request.POST.get(f"section_{k}", "")
            for k in drafting.SECTION_KEYS
            if f"section_{k}" in request.POST
        }
        try:
            header = _header_from_post(request.POST)
            version = parse_version(request.POST.get("version"))
            services.update_report(
                report=report, actor=request.user, header=header, sections=texts, version=version
            )
        except ValidationError as exc:
            messages.error(request, f"未保存：{error_text(exc)}")
            ctx = _editor_context(
                request,
                report,
                texts=texts,
                header={k: v for k, v in request.POST.items() if k in services.HEADER_FIELDS},
            )
            return render(request, "reports/annual_edit.html", ctx, status=400)
        messages.success(request, "已保存。")
        return redirect("annual_reports:edit", report.pk)
    return render(request, "reports/annual_edit.html", _editor_context(request, report))


@login_required
@require_POST
def annual_preview(request, pk: int):
    """htmx: the rendered text of one section (figures with their values and drill-down links)."""
    report = selectors.get_report(request.user, pk)
    key = request.POST.get("section", "")
    text = request.POST.get(f"section_{key}", request.POST.get("text", ""))
    source = FigureSource.for_year(report.org, report.year)
    try:
        html = to_html(blocks(text, source))
    except ValidationError as exc:
        return render(request, "reports/annual_preview.html", {"error": error_text(exc)})
    return render(request, "reports/annual_preview.html", {"html": html})


@login_required
@require_POST
def annual_regenerate(request, pk: int):
    report = selectors.get_report(request.user, pk)
    section = request.POST.get("section") or None
    try:
        services.regenerate_draft(report=report, actor=request.user, section=section)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        what = drafting.SECTION_TITLES.get(section, "全文") if section else "全文"
        messages.success(request, f"已按最新记录重新生成{what}。")
    return redirect("annual_reports:edit", report.pk)


@login_required
@require_POST
def annual_publish(request, pk: int):
    report = selectors.get_report(request.user, pk)
    try:
        published_on = date.fromisoformat(request.POST.get("published_on", ""))
    except ValueError:
        published_on = None
    try:
        services.publish_report(
            report=report,
            actor=request.user,
            published_on=published_on,
            public_url=request.POST.get("public_url", ""),
        )
    except ValidationError as exc:
        messages.error(request, f"未公开：{error_text(exc)}")
    else:
        messages.success(request, "报告已标记为公开，公开的文件和数据已固定；PDF 正在后台生成。")
    return redirect("annual_reports:edit", report.pk)


def _published_file(report: AnnualReport, fmt: str):
    field = report.pdf_file if fmt == "pdf" else report.docx_file
    if not field:
        raise Http404("该格式的文件尚未生成")
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=services.file_name(report, fmt),
        content_type=CONTENT_TYPES[fmt],
    )


@login_required
@require_GET
def annual_download(request, pk: int, fmt: str):
    report = selectors.get_report(request.user, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404("未知的格式")
    if report.is_published and (report.pdf_file if fmt == "pdf" else report.docx_file):
        return _published_file(report, fmt)
    content = services.content_of(report)  # the report's own text from the primary: the user's latest edit
    try:
        with use_replica():  # the figures (every indicator of the year) from the replica when there is one
            data = services.render(content, fmt)
    except ValidationError as exc:
        messages.error(request, f"未能生成：{error_text(exc)}")
        return redirect("annual_reports:edit", report.pk)
    except (PdfError, ImproperlyConfigured) as exc:  # LibreOffice missing or failing: say so on the page
        messages.error(request, f"未能生成 PDF：{exc}")
        return redirect("annual_reports:edit", report.pk)
    return _attachment(data, services.file_name(content, fmt), fmt)


# ---------------------------------------------------------------------------------------------------------
# Public page (no login): published reports with their files.


@require_GET
def public_list(request):
    year = year_param(request.GET)
    reports = list(selectors.published_reports(year=year))
    rows = [{"report": r, "deadline": selectors.deadline(r.year, r.published_on)} for r in reports]
    years = sorted({r.year for r in selectors.published_reports()}, reverse=True)
    return render(request, "reports/public_list.html", {"rows": rows, "year": year, "years": years})


@require_GET
def public_download(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("未知的格式")
    return _published_file(selectors.get_published(pk), fmt)
