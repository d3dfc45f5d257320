"""Attachments of any domain app's records: which records may carry them (the app contract's `attachable`), who may
read and change them, and the two audited writes. Files are checked before they are stored (type by extension from
an allow-list, size) and kept under generated names; core.attachment_views serves them."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import Http404

from .audit import save_audited
from .contract import domain_apps, resolve
from .models import Attachment
from .permissions import require
from .types import Actor, Viewer

# Documents and scans an office files with a case; nothing a browser would run (html, svg, js) or unpack (zip).
ALLOWED_TYPES = (
    ".pdf",
    ".ofd",
    ".doc",
    ".docx",
    ".wps",
    ".xls",
    ".xlsx",
    ".et",
    ".txt",
    ".jpg",
    ".jpeg",
    ".png",
)


def record_for(user: Viewer, app_label: str, model_name: str, pk: int) -> Model:
    """The record `pk` of a type that carries attachments, if `user` may read it; otherwise a 404 as if absent."""
    for cfg in domain_apps():
        if cfg.label == app_label and model_name in cfg.attachable:
            record = resolve(cfg.attachable[model_name])(user).filter(pk=pk).first()
            if record is not None:
                return record
            break
    raise Http404("记录不存在或无权查看")


def record_of(user: Viewer, attachment: Attachment) -> Model:
    ct = attachment.content_type
    return record_for(user, ct.app_label, ct.model, attachment.object_id)


def require_change(user: Actor, record: Model) -> None:
    require(user, record.org, f"{record._meta.app_label}.handle", message="无权为该记录上传或删除附件")


def check_file(name: str, size: int) -> None:
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            f"不支持的附件类型「{suffix or '无扩展名'}」：可上传 {'、'.join(ALLOWED_TYPES)}"
        )
    if size > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"附件过大（{size / 1024 / 1024:.1f} MB）：不能超过 {settings.FAZHI_MAX_UPLOAD_BYTES / 1024 / 1024:.0f} MB"
        )


@transaction.atomic
def attach(*, actor: Actor, record: Model, upload) -> Attachment:
    """Store `upload` with `record` under a generated name (the caller has found the record through record_for)."""
    require_change(actor, record)
    return store(record=record, upload=upload, actor=actor)


def store(*, record: Model, upload, actor: Actor | None, reason: str = "") -> Attachment:
    """Keep `upload` with `record`, checked (type, size) and audited, without a permission check: for callers that
    have made their own (`attach`) or that act for the public (the portal's 依申请公开 form, actor None)."""
    name = PurePath(upload.name or "").name[:200]
    check_file(name, upload.size or 0)
    att = Attachment(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        org=record.org,
        name=name,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    att.file.save(name, upload, save=False)
    save_audited(att, actor=actor, reason=reason or f"上传附件“{name}”")
    return att


@transaction.atomic
def remove(*, actor: Actor, attachment: Attachment) -> None:
    """Delete an attachment (its history row keeps who, when and which file); the file goes after the commit."""
    require_change(actor, record_of(actor, attachment))
    attachment._history_user = actor
    attachment._change_reason = f"删除附件“{attachment.name}”"
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))


def attachments_of(record: Model) -> list[Attachment]:
    ct = ContentType.objects.get_for_model(record)
    return list(Attachment.objects.filter(content_type=ct, object_id=record.pk).select_related("uploaded_by"))
