"""查看完整: a record's phone or ID number in full, for a holder of `personal.view_full`, logged (core.personal)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from .attachments import record_for
from .personal import log_access, personal_fields, sees_full


@login_required
@require_POST
def reveal_view(request, app_label: str, model_name: str, pk: int, field: str):
    record = _readable(request.user, app_label, model_name, pk)
    if field not in personal_fields(record):
        raise Http404("该字段不是个人信息字段")
    if not sees_full(request.user, record):
        raise PermissionDenied("无权查看完整的个人信息（需“查看完整的个人信息”权限）")
    log_access(request.user, how="reveal", model=type(record), object_ids=[record.pk], fields=[field])
    ctx = {
        "value": getattr(record, field),
        "field": field,
        "dom_id": f"personal-{model_name}-{pk}-{field}",
        "label": record._meta.get_field(field).verbose_name,
        "record": record,
        "back": _detail_url(record),
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_personal_full.html", ctx)
    return render(request, "core/personal_reveal.html", ctx)


def _readable(user, app_label: str, model_name: str, pk: int):
    """The record if `user` may read it (a record page's own, or a row of one such as a 复议 applicant, read
    through its `case`); otherwise a 404 as if absent."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("记录不存在或无权查看") from None
    if "case" not in {f.name for f in model._meta.concrete_fields}:
        return record_for(user, app_label, model_name, pk)
    row = model._default_manager.select_related("case").filter(pk=pk).first()
    if row is None:
        raise Http404("记录不存在或无权查看")
    case = row.case
    record_for(user, case._meta.app_label, case._meta.model_name, case.pk)
    return row


def _detail_url(record) -> str:
    page = getattr(record, "case", record)
    try:
        return reverse(f"{page._meta.app_label}:detail", args=[page.pk])
    except NoReverseMatch:
        return "/"
