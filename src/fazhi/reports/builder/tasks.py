"""Background work of the report builder (django-tasks, DEP 14): the PDF of a published report."""

from __future__ import annotations

from django_tasks import task


@task()
def render_published_pdf(report_id: int) -> dict:
    """LibreOffice prints the published Word file to PDF (a few seconds); a failure is kept on the report."""
    from .services import store_published_pdf

    report = store_published_pdf(report_id)
    return {"report": report.pk, "pdf": bool(report.pdf_file), "error": report.pdf_error}
