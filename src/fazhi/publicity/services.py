"""Every write to 普法 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import ActivityKind
from .models import Activity, ActivityEvent, Duty


def _require(actor: Actor, orgs: tuple[Org, ...], message: str = "无权登记该单位的普法活动") -> None:
    if not any(can(actor, org, "publicity.handle") for org in orgs):
        raise PermissionDenied(message)


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save(activity: Activity, *, actor: Actor, reason: str) -> None:
    if activity.pk is not None:
        bump_version(activity)
    if errors := rules.validate(activity):
        if activity.pk:
            activity.refresh_from_db()
        raise ValidationError(errors)
    activity.full_clean(exclude=["created_by"])
    save_audited(activity, actor=actor, reason=reason)


def _event(activity: Activity, action: str, *, on: date, actor: Actor | None, **facts: object) -> None:
    kind, on, note = rules.event(activity, action, on, **facts)
    ActivityEvent.objects.create(case=activity, kind=kind, on=on, note=note, actor=_user(actor))


@transaction.atomic
def register_activity(
    *,
    actor: Actor,
    unit: Org,
    kind: str,
    title: str,
    held_on: date,
    place: str,
    audience: int = 0,
    materials: int = 0,
    lecturers: str = "",
    media: str = "",
) -> Activity:
    """登记普法活动."""
    org = unit.jurisdiction()
    _require(actor, (org, unit))
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": f"未知的活动形式：{kind}"})
    if audience < 0 or materials < 0:
        raise ValidationError({"audience": "受众人次和资料份数不能为负数"})
    activity = Activity(
        org=org,
        unit=unit,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        audience=audience,
        materials=materials,
        lecturers=lecturers.strip(),
        media=media.strip(),
        created_by=_user(actor),
    )
    _save(activity, actor=actor, reason="登记普法活动")
    _event(activity, "register", on=held_on, actor=actor)
    return activity


@transaction.atomic
def record_media(*, case: Activity, actor: Actor, links: str, on: date | None = None) -> Activity:
    """登记宣传报道: links to the media items that reported the activity, one a line."""
    lock(case)
    _require(actor, (case.org, case.unit))
    rules.check_transition(case, "media")
    try:
        new = rules.links(links)
    except ValueError as exc:
        raise ValidationError({"links": str(exc)}) from None
    new = [u for u in new if u not in case.media_links]
    if not new:
        raise ValidationError({"links": "没有新的报道链接"})
    case.media = "\n".join([*case.media_links, *new])
    _save(case, actor=actor, reason="登记宣传报道")
    _event(case, "media", on=on or case.held_on, actor=actor, added=len(new))
    return case


@transaction.atomic
def add_duty(
    *,
    actor: Actor,
    unit: Org,
    year: int,
    item: str,
    laws: str = "",
    kind: str = "",
    required: int = 1,
) -> Duty:
    """谁执法谁普法 责任清单: one duty of `unit` for `year`."""
    org = unit.jurisdiction()
    _require(actor, (org, unit), "无权编制该单位的普法责任清单")
    if not item.strip():
        raise ValidationError({"item": "请填写普法责任"})
    if kind and kind not in ActivityKind.values:
        raise ValidationError({"kind": f"未知的活动形式：{kind}"})
    if required < 1:
        raise ValidationError({"required": "应开展活动次数至少为1"})
    duty = Duty(
        org=org,
        unit=unit,
        year=year,
        item=item.strip(),
        laws=laws.strip(),
        kind=kind,
        required=required,
        created_by=_user(actor),
    )
    duty.full_clean(exclude=["created_by"])
    save_audited(duty, actor=actor, reason="编制普法责任清单")
    return duty
