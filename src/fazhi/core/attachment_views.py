"""Pages of attachments: upload to a record, download, delete. Every request checks the record's visibility
(core.attachments.record_for), so a file is served exactly to the readers of its record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import attachments
from .models import Attachment
from .web import error_text


def _back(request):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("home")


@login_required
@require_POST
def upload_view(request, app_label: str, model_name: str, pk: int):
    record = attachments.record_for(request.user, app_label, model_name, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError("请选择要上传的文件")
        att = attachments.attach(actor=request.user, record=record, upload=upload)
    except ValidationError as exc:
        return render(request, "400.html", {"message": error_text(exc)}, status=400)
    messages.success(request, f"已上传附件“{att.name}”")
    return _back(request)


@login_required
def download_view(request, pk: int):
    att = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    attachments.record_of(request.user, att)  # 404 unless the user may read the record
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)


@login_required
@require_POST
def delete_view(request, pk: int):
    att = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    attachments.remove(actor=request.user, attachment=att)
    messages.success(request, f"已删除附件“{att.name}”")
    return _back(request)
