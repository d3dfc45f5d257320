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
from .choices import (
    ActivityKind,
    LiterateStatus,
    ReviewResult,
    SiteKind,
    SiteStatus,
    VillageLevel,
    VillageStatus,
)
from .models import (
    Activity,
    ActivityEvent,
    CultureSite,
    Duty,
    LegalLiterate,
    ModelVillage,
    VillageReview,
)


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


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人 ---------------------------------------------------------------


def _save_register(record: CultureSite | ModelVillage | LegalLiterate, *, actor: Actor, reason: str) -> None:
    """Validate (rules.validate_register, then the model) and save with its history entry."""
    if record.pk is not None:
        bump_version(record)
    if errors := rules.validate_register(record):
        if record.pk:
            record.refresh_from_db()
        raise ValidationError(errors)
    record.full_clean(exclude=["created_by"])
    save_audited(record, actor=actor, reason=reason)


@transaction.atomic
def add_site(
    *,
    actor: Actor,
    unit: Org,
    name: str,
    kind: str,
    location: str,
    built_on: date,
    township: str = "",
    accepted_on: date | None = None,
) -> CultureSite:
    """登记法治文化阵地: `unit` looks after it; it belongs to the unit's jurisdiction."""
    org = unit.jurisdiction()
    _require(actor, (org, unit), "无权登记该单位的法治文化阵地")
    if kind not in SiteKind.values:
        raise ValidationError({"kind": f"未知的阵地类型：{kind}"})
    site = CultureSite(
        org=org,
        unit=unit,
        name=name.strip(),
        kind=kind,
        township=township.strip(),
        location=location.strip(),
        built_on=built_on,
        accepted_on=accepted_on,
        created_by=_user(actor),
    )
    _save_register(site, actor=actor, reason="登记法治文化阵地")
    return site


@transaction.atomic
def close_site(*, site: CultureSite, actor: Actor, closed_on: date) -> CultureSite:
    """撤除: the site stops counting after `closed_on`."""
    lock(site)
    _require(actor, (site.org, site.unit), "无权变更该法治文化阵地")
    if site.status == SiteStatus.CLOSED:
        raise ValidationError({"closed_on": f"“{site.name}”已于{site.closed_on:%Y-%m-%d}撤除"})
    site.status, site.closed_on = SiteStatus.CLOSED, closed_on
    _save_register(site, actor=actor, reason="撤除法治文化阵地")
    return site


@transaction.atomic
def add_village(
    *,
    actor: Actor,
    unit: Org,
    village: str,
    level: str,
    named_on: date,
    township: str = "",
    batch: str = "",
) -> ModelVillage:
    """登记民主法治示范村（社区）: a village named at `level` on `named_on`, guided by `unit`."""
    org = unit.jurisdiction()
    _require(actor, (org, unit), "无权登记该单位的民主法治示范村（社区）")
    if level not in VillageLevel.values:
        raise ValidationError({"level": f"未知的命名级别：{level}"})
    v = ModelVillage(
        org=org,
        unit=unit,
        village=village.strip(),
        township=township.strip(),
        level=level,
        named_on=named_on,
        batch=batch.strip(),
        created_by=_user(actor),
    )
    if ModelVillage.objects.filter(org=org, village=v.village, level=level).exists():
        raise ValidationError(
            {"village": f"{v.village}已登记为{VillageLevel(level).label}民主法治示范村（社区）"}
        )
    _save_register(v, actor=actor, reason="登记民主法治示范村（社区）")
    return v


@transaction.atomic
def review_village(
    *, village: ModelVillage, actor: Actor, year: int, reviewed_on: date, result: str, note: str = ""
) -> VillageReview:
    """复核: the year's result; 撤销命名 ends the village's name from `reviewed_on`."""
    lock(village)
    _require(actor, (village.org, village.unit), "无权复核该民主法治示范村（社区）")
    if result not in ReviewResult.values:
        raise ValidationError({"result": f"未知的复核结果：{result}"})
    if village.status == VillageStatus.REVOKED:
        raise ValidationError({"result": f"{village.village}已于{village.revoked_on:%Y-%m-%d}撤销命名"})
    if reviewed_on < village.named_on:
        raise ValidationError({"reviewed_on": "复核日期不能早于命名日期"})
    if village.reviews.filter(year=year).exists():
        raise ValidationError({"year": f"{village.village}{year}年度已复核"})
    review = VillageReview(
        village=village,
        year=year,
        reviewed_on=reviewed_on,
        result=result,
        note=note.strip(),
        actor=_user(actor),
    )
    review.full_clean()
    save_audited(review, actor=actor, reason="示范村复核")
    if result == ReviewResult.REVOKED:
        village.status, village.revoked_on = VillageStatus.REVOKED, reviewed_on
        _save_register(village, actor=actor, reason="复核不合格，撤销命名")
    return review


@transaction.atomic
def add_literate(
    *,
    actor: Actor,
    unit: Org,
    name: str,
    village: str,
    registered_on: date,
    township: str = "",
    phone: str = "",
    trained_hours: int = 0,
    training: str = "",
    certificate: str = "",
) -> LegalLiterate:
    """登记法律明白人."""
    org = unit.jurisdiction()
    _require(actor, (org, unit), "无权登记该单位培养的法律明白人")
    if trained_hours < 0:
        raise ValidationError({"trained_hours": "培训学时不能为负数"})
    person = LegalLiterate(
        org=org,
        unit=unit,
        name=name.strip(),
        phone=phone.strip(),
        village=village.strip(),
        township=township.strip(),
        registered_on=registered_on,
        trained_hours=trained_hours,
        training=training.strip(),
        certificate=certificate.strip(),
        created_by=_user(actor),
    )
    _save_register(person, actor=actor, reason="登记法律明白人")
    return person


@transaction.atomic
def withdraw_literate(*, person: LegalLiterate, actor: Actor, left_on: date) -> LegalLiterate:
    """退出: the person stops counting after `left_on`."""
    lock(person)
    _require(actor, (person.org, person.unit), "无权变更该法律明白人")
    if person.status == LiterateStatus.LEFT:
        raise ValidationError({"left_on": f"{person.name}已于{person.left_on:%Y-%m-%d}退出"})
    person.status, person.left_on = LiterateStatus.LEFT, left_on
    _save_register(person, actor=actor, reason="法律明白人退出")
    return person
