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
    importer = _importer(app)
    importer(request.user).require_user()  # 403 before any upload; rows are checked again one by one
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "请选择要导入的文件"
        else:
            try:
                check_upload(upload)  # size before reading a byte of it, content, zip expansion
            except FileRejected as exc:
                error = str(exc)
        if not error:
            job = ImportJob(app=app, filename=upload.name[:255], created_by=request.user)
            job.source.save(upload.name, upload, save=False)
            job.save()
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
            "max_mb": max_upload_bytes() // 1024 // 1024,
            "list_url": _list_url(importer),
        },
        status=400 if error else 200,
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
