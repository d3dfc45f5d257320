"""Pages of the import machinery: upload per app, template download, job progress, error workbook, export.

Views stay thin: the file is checked (size, content) and stored, an ImportJob is created and the import
runs as a task (fazhi.core.tasks.run_import_job); the page polls the job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from .exporting import XLSX, export_response
from .importing import (
    PHASES,
    FileRejected,
    check_upload,
    get_importer,
    max_upload_bytes,
    template_workbook,
)
from .importing.mapping import (
    check_mapping,
    clean_columns,
    file_headers,
    matches_template,
    matching_mapping,
    read_headers,
    save_mapping,
    suggest,
    visible_mappings,
)
from .models import ImportJob
from .replica import use_replica
from .tasks import fail_stale_jobs, run_import_job


def _importer(app: str):
    try:
        return get_importer(app)
    except LookupError:
        raise Http404("没有该类记录的导入") from None


def _list_url(importer) -> str:
    try:
        return reverse(importer.list_url_name) if importer.list_url_name else ""
    except NoReverseMatch:
        return ""


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request, app: str):
    """Upload. A file with the template's headers goes straight to the job, as does one that a saved column
    mapping (the one chosen, or else the latest whose headers the file has) fits; any other file waits for
    the user to map its headers (mapping_view)."""
    importer = _importer(app)
    importer(request.user).require_user()  # 403 before any upload; rows are checked again one by one
    error = ""
    saved = visible_mappings(request.user, app)
    if request.method == "POST":
        upload = request.FILES.get("file")
        chosen = None
        if upload is None:
            error = "请选择要导入的文件"
        else:
            try:
                check_upload(upload)  # size before reading a byte of it, content, zip expansion
                sheet, headers = read_headers(
                    upload.read(), filename=upload.name, sheet_name=importer.sheet_name
                )
                upload.seek(0)
            except FileRejected as exc:
                error = str(exc)
        if not error and request.POST.get("mapping"):
            chosen = (
                saved.filter(pk=request.POST["mapping"]).first()
                if request.POST["mapping"].isdigit()
                else None
            )
            if chosen is None:
                error = "所选列对应方案不存在，请重新选择"
        if not error:
            job = ImportJob(app=app, filename=upload.name[:255], created_by=request.user)
            job.mapping = _plan(request.user, importer, sheet, headers, chosen)
            if "headers" in job.mapping:
                job.status = ImportJob.State.MAPPING
            job.source.save(upload.name, upload, save=False)
            job.save()
            if job.status == ImportJob.State.MAPPING:
                return redirect("core-import-mapping", pk=job.pk)
            run_import_job.enqueue(job.pk)
            return redirect("core-import-status", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user, app=app)[:10]
    return render(
        request,
        "core/import.html",
        {
            "importer": importer,
            "app": app,
            "error": error,
            "jobs": jobs,
            "mappings": saved,
            "max_mb": max_upload_bytes() // 1024 // 1024,
            "list_url": _list_url(importer),
        },
        status=400 if error else 200,
    )


def _plan(user, importer, sheet: str, headers: list[str], chosen) -> dict:
    """The job's `mapping`: {} for the template's own file, {"sheet", "columns", "name"} for a file a saved
    mapping fits, else {"sheet", "headers", "initial", "problems"} for the mapping form."""
    columns = importer.columns
    if chosen is None and matches_template(columns, headers):
        if sheet == importer.sheet_name:
            return {}
        present = set(headers)
        return {"sheet": sheet, "columns": {c.key: c.header for c in columns if c.header in present}}
    problems: list[str] = []
    if chosen is not None:
        problems = check_mapping(columns, headers, chosen.columns)
        if not problems:
            return {"sheet": sheet, "columns": dict(chosen.columns), "name": chosen.name}
        problems.insert(0, f"文件的表头与方案「{chosen.name}」不符，请调整后再导入")
    else:
        found = matching_mapping(user, importer.app, columns, headers)
        if found is not None:
            return {"sheet": sheet, "columns": dict(found.columns), "name": found.name}
    initial = suggest(columns, headers)
    if chosen is not None:  # the chosen mapping's columns the file has, over the suggestions
        present = set(file_headers(headers))
        for key, header in chosen.columns.items():
            if header in present:
                initial = {k: h for k, h in initial.items() if h != header}
                initial[key] = header
    return {
        "sheet": sheet,
        "headers": file_headers(headers),
        "initial": initial,
        "problems": problems,
        "name": chosen.name if chosen is not None else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def mapping_view(request, pk: int):
    """The column mapping form of a job whose file has other headers than the template: each of Fazhi's
    columns with a select of the file's headers (suggestions preselected), an optional name to save the
    mapping under, then the job runs as any other."""
    job = _job(request, pk)
    if job.status != ImportJob.State.MAPPING:
        return redirect("core-import-status", pk=job.pk)
    importer = _importer(job.app)
    importer(request.user).require_user()
    plan = job.mapping or {}
    headers = list(plan.get("headers") or [])
    selected = dict(plan.get("initial") or {})
    problems = list(plan.get("problems") or [])
    save_as = plan.get("name", "")
    if request.method == "POST":
        selected = {c.key: request.POST.get(f"col_{c.key}", "").strip() for c in importer.columns}
        save_as = request.POST.get("save_as", "").strip()
        problems = check_mapping(importer.columns, headers, selected)
        if len(save_as) > 60:
            problems.append("方案名称不能超过60个字")
        if not problems:
            columns = clean_columns(importer.columns, selected)
            if save_as:
                save_mapping(request.user, job.app, save_as, columns)
            job.mapping = {"sheet": plan.get("sheet", ""), "columns": columns, "name": save_as}
            job.status = ImportJob.State.PENDING
            job.save(update_fields=["mapping", "status"])
            run_import_job.enqueue(job.pk)
            return redirect("core-import-status", pk=job.pk)
    rows = [
        {"column": c, "name": f"col_{c.key}", "selected": selected.get(c.key, "")} for c in importer.columns
    ]
    return render(
        request,
        "core/import_mapping.html",
        {
            "job": job,
            "importer": importer,
            "app": job.app,
            "sheet": plan.get("sheet", ""),
            "headers": headers,
            "rows": rows,
            "problems": problems,
            "save_as": save_as,
            "list_url": _list_url(importer),
        },
        status=400 if problems and request.method == "POST" else 200,
    )


@login_required
@require_GET
def template_view(request, app: str):
    importer = _importer(app)
    response = HttpResponse(template_workbook(app, user=request.user), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{importer.title}导入模板.xlsx")
    return response


def _job(request, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).first()
    # Another user's job is a 404, as if it did not exist.
    if job is None or not (request.user.is_superuser or job.created_by_id == request.user.id):
        raise Http404("导入任务不存在")
    return job


def job_state(job: ImportJob) -> dict:
    return {
        "id": job.pk,
        "app": job.app,
        "filename": job.filename,
        "status": job.status,
        "status_label": job.get_status_display(),
        "phase": job.phase,
        "phase_label": PHASES.get(job.phase, ""),
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "finished": job.finished,
        "imported": job.imported,
        "error_count": job.error_count,
        "errors": job.errors,
        "error_url": reverse("core-import-errors", kwargs={"pk": job.pk}) if job.error_file else "",
    }


@login_required
@require_GET
def status_view(request, pk: int):
    """The job page; its progress fragment for htmx polling; JSON with ?format=json. A running job whose
    worker has died is marked failed here, so the page stops polling even when no worker is left to notice."""
    job = _job(request, pk)
    if job.status == ImportJob.State.MAPPING and request.GET.get("format") != "json":
        return redirect("core-import-mapping", pk=job.pk)
    if job.status == ImportJob.State.RUNNING and fail_stale_jobs(job_ids=[job.pk]):
        job.refresh_from_db()
    if request.GET.get("format") == "json":
        return JsonResponse(job_state(job), json_dumps_params={"ensure_ascii": False})
    importer = _importer(job.app)
    ctx = {"job": job, "importer": importer, "list_url": _list_url(importer), "app": job.app}
    if request.headers.get("HX-Request"):
        return render(request, "core/import_progress.html", ctx)
    return render(request, "core/import_status.html", ctx)


@login_required
@require_GET
def errors_view(request, pk: int):
    job = _job(request, pk)
    if not job.error_file:
        raise Http404("没有错误报告")
    stem = job.filename.rsplit(".", 1)[0] or "导入"
    return FileResponse(
        job.error_file.open("rb"), as_attachment=True, filename=f"{stem}-错误报告.xlsx", content_type=XLSX
    )


@login_required
@require_GET
@use_replica()
def export_view(request, app: str):
    _importer(app)
    return export_response(request.user, app, request.GET)
