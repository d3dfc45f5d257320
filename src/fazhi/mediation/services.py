"""Every write to 矛盾纠纷 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import numbering
from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import (
    SUCCESS,
    Appointment,
    Channel,
    Confirmation,
    DisputeKind,
    OrgKind,
    Outcome,
    Performance,
    Post,
    Source,
)
from .models import Dispute, DisputeEvent, MediationOrg, Mediator, Sweep, Training


def require_handler(actor: Actor, dispute_or_orgs: Dispute | tuple[Org | None, ...]) -> None:
    orgs = (
        dispute_or_orgs if isinstance(dispute_or_orgs, tuple) else (dispute_or_orgs.org, dispute_or_orgs.unit)
    )
    if not any(can(actor, org, "mediation.handle") for org in orgs):
        raise PermissionDenied("无权调处该单位的矛盾纠纷")


def _choice(field: str, value: str, choices: Any, label: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: f"未知的{label}：{value}"})


def _derive(d: Dispute) -> None:
    """The 司法确认 clock (人民调解法 第三十三条: 三十日内)."""
    deadline = rules.confirmation_deadline(d)
    d.confirmation_due = deadline.due if deadline else None


# Every action of a dispute: one transaction, the row locked, the handler's capability (the jurisdiction or the
# unit), the workflow's check (rules.WORKFLOW); each save derives the clock, passes rules.validate and is audited;
# the timeline entry as rules.event words it.
FLOW = Transitions.of(
    rules, permit=require_handler, events=DisputeEvent, derive=_derive, clean_exclude=("created_by", "number")
)


@transaction.atomic
def register_dispute(
    *,
    actor: Actor,
    unit: Org,
    committee: str,
    source: str,
    kind: str,
    parties: str,
    summary: str,
    received_on: date,
    channel: str = Channel.PEOPLE,
    mediator: str = "",
    organization: MediationOrg | None = None,
    mediator_record: Mediator | None = None,
    sweep: Sweep | None = None,
) -> Dispute:
    """登记纠纷 (人民调解法 第十七条): starts the local 调结 time limit. The organisation and mediator are the
    registers' records where given (their names fill the text columns), the 排查 it was found by where it was."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    _choice("channel", channel, Channel, "调解类别")
    _choice("source", source, Source, "纠纷来源")
    _choice("kind", kind, DisputeKind, "纠纷类型")
    if organization is None and not committee.strip():
        raise ValidationError({"committee": "请选择调解组织，或填写未登记的调解组织名称"})
    d = Dispute(
        org=org,
        unit=unit,
        channel=channel,
        committee=(organization.name if organization else committee).strip(),
        mediator=(mediator_record.name if mediator_record else mediator).strip(),
        organization=organization,
        mediator_record=mediator_record,
        sweep=sweep,
        source=source,
        kind=kind,
        parties=parties.strip(),
        summary=summary.strip(),
        received_on=received_on,
        created_by=acting_user(actor),
    )
    d.handling_due = rules.handling_due(d)
    _, d.number = numbering.next_number(org, "mediation", received_on.year)
    FLOW.save(d, actor=actor, reason="登记矛盾纠纷")
    FLOW.event(d, "register", on=received_on, actor=actor)
    return d


@FLOW.action("session")
def record_session(*, case: Dispute, actor: Actor, held_on: date, note: str = "") -> Dispute:
    """一次调解 (人民调解法 第二十二条), with what happened."""
    if held_on < case.received_on:
        raise ValidationError({"held_on": "调解日期不能早于登记日期"})
    case.sessions += 1
    FLOW.done(case, "session", actor=actor, history="登记调解", on=held_on, note=note.strip())
    return case


@FLOW.action("conclude")
def conclude(
    *,
    case: Dispute,
    actor: Actor,
    outcome: str,
    concluded_on: date,
    agreement: str = "",
    agreement_effective_on: date | None = None,
    routes_told: bool = False,
    note: str = "",
) -> Dispute:
    """调解终结: an agreement (书面 or 口头, 第二十八–三十条) or 调解不成 with the other routes told (第二十六条)."""
    _choice("outcome", outcome, Outcome, "调解结果")
    case.outcome = outcome
    case.concluded_on = concluded_on
    case.agreement = agreement.strip()
    # 第三十条: an oral agreement takes effect the day it is reached.
    case.agreement_effective_on = concluded_on if outcome == Outcome.ORAL else agreement_effective_on
    case.routes_told = routes_told
    if outcome not in SUCCESS:
        case.agreement_effective_on = None
    case.status = rules.status_of(case)
    FLOW.done(
        case,
        "conclude",
        actor=actor,
        history=f"调解终结：{Outcome(outcome).label}",
        on=concluded_on,
        note=note.strip(),
    )
    return case


@FLOW.action("apply")
def apply_confirmation(*, case: Dispute, actor: Actor, applied_on: date, court: str) -> Dispute:
    """双方当事人共同申请司法确认, within 30日 of the agreement taking effect (人民调解法 第三十三条)."""
    case.confirmation_applied_on = applied_on
    case.confirmation_court = court.strip()
    FLOW.done(case, "apply", actor=actor, history="申请司法确认", on=applied_on)
    return case


@FLOW.action("confirm")
def record_confirmation(*, case: Dispute, actor: Actor, confirmation: str, confirmed_on: date) -> Dispute:
    """The court's ruling (民事诉讼法 第二百零六条)."""
    _choice("confirmation", confirmation, Confirmation, "司法确认结果")
    case.confirmation = confirmation
    case.confirmed_on = confirmed_on
    FLOW.done(
        case, "confirm", actor=actor, history=f"司法确认：{Confirmation(confirmation).label}", on=confirmed_on
    )
    return case


@FLOW.action("follow_up")
def follow_up(
    *, case: Dispute, actor: Actor, followed_up_on: date, performance: str, note: str = ""
) -> Dispute:
    """回访: the committee supervises the agreement's performance (人民调解法 第三十一条第二款)."""
    _choice("performance", performance, Performance, "履行情况")
    case.followed_up_on = followed_up_on
    case.performance = performance
    FLOW.done(case, "follow_up", actor=actor, history="回访", on=followed_up_on, note=note.strip())
    return case


# -- the registers: organisations, mediators, trainings, 排查 -----------------------------------------------


def _save_new(obj: Any, *, actor: Actor, reason: str, errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
    obj.created_by = acting_user(actor)
    obj.full_clean(exclude=["created_by"])
    save_audited(obj, actor=actor, reason=reason)


@transaction.atomic
def register_organization(
    *,
    actor: Actor,
    unit: Org,
    name: str,
    kind: str,
    established_on: date,
    members: int | None = None,
) -> MediationOrg:
    """登记调解组织 (人民调解法 第八条、第三十四条; the count the 司法行政部门 keeps, 第十条)."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    _choice("kind", kind, OrgKind, "组织类型")
    name = name.strip()
    errors = rules.validate_organization(kind=kind, members=members)
    if MediationOrg.all_objects.filter(org=org, name=name).exists():
        errors["name"] = f"{org.name}已登记名为「{name}」的调解组织"
    o = MediationOrg(org=org, unit=unit, name=name, kind=kind, members=members, established_on=established_on)
    _save_new(o, actor=actor, reason="登记调解组织", errors=errors)
    return o


@transaction.atomic
def dissolve_organization(*, organization: MediationOrg, actor: Actor, dissolved_on: date) -> MediationOrg:
    """撤销调解组织: it stops counting from the day after; its disputes and mediators are kept."""
    lock(organization)
    require_handler(actor, (organization.org, organization.unit))
    if organization.dissolved_on:
        raise ValidationError({"dissolved_on": f"该调解组织已于{organization.dissolved_on:%Y年%m月%d日}撤销"})
    if dissolved_on < organization.established_on:
        raise ValidationError({"dissolved_on": "撤销日期不能早于设立日期"})
    organization.dissolved_on = dissolved_on
    bump_version(organization)
    save_audited(organization, actor=actor, reason="撤销调解组织")
    return organization


@transaction.atomic
def register_mediator(
    *,
    actor: Actor,
    organization: MediationOrg,
    name: str,
    appointed_on: date,
    post: str = Post.PART_TIME,
    appointment: str = Appointment.HIRED,
    qualifications: str = "",
    phone: str = "",
) -> Mediator:
    """登记人民调解员 (人民调解法 第十三条: 委员 or 聘任; 第十四条: 成年公民, 公道正派 …)."""
    require_handler(actor, (organization.org, organization.unit))
    _choice("post", post, Post, "专兼职")
    _choice("appointment", appointment, Appointment, "任职方式")
    m = Mediator(
        org=organization.org,
        unit=organization.unit,
        organization=organization,
        name=name.strip(),
        post=post,
        appointment=appointment,
        qualifications=qualifications.strip(),
        phone=phone.strip(),
        appointed_on=appointed_on,
    )
    _save_new(m, actor=actor, reason="登记人民调解员", errors=rules.validate_mediator(m))
    return m


@transaction.atomic
def mediator_leaves(*, mediator: Mediator, actor: Actor, left_on: date) -> Mediator:
    """离任 (解聘、罢免 or stepping down, 人民调解法 第十五条): the mediator stops counting after that day."""
    lock(mediator)
    require_handler(actor, (mediator.org, mediator.unit))
    if mediator.left_on:
        raise ValidationError({"left_on": f"{mediator.name}已于{mediator.left_on:%Y年%m月%d日}离任"})
    if left_on < mediator.appointed_on:
        raise ValidationError({"left_on": "离任日期不能早于选任日期"})
    mediator.left_on = left_on
    bump_version(mediator)
    save_audited(mediator, actor=actor, reason="调解员离任")
    return mediator


@transaction.atomic
def record_training(
    *,
    actor: Actor,
    unit: Org,
    title: str,
    held_on: date,
    hours: Decimal | int | str,
    attendees: list[Mediator] | tuple[Mediator, ...] = (),
) -> Training:
    """登记调解员业务培训 (人民调解法 第十四条第二款) and who attended it."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    try:
        hours = Decimal(str(hours))
    except ArithmeticError:
        raise ValidationError({"hours": f"学时不是数字：{hours}"}) from None
    t = Training(org=org, unit=unit, title=title.strip(), held_on=held_on, hours=hours)
    errors = rules.validate_training(t, attendees)
    _save_new(t, actor=actor, reason="登记调解员培训", errors=errors)
    if attendees:
        t.attendees.set(attendees)
    return t


@transaction.atomic
def record_sweep(
    *,
    actor: Actor,
    unit: Org,
    held_on: date,
    area: str,
    risks_found: int = 0,
    organization: MediationOrg | None = None,
    note: str = "",
) -> Sweep:
    """登记一次矛盾纠纷排查: where and when, by whom, what it found. Disputes registered from it name it."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    s = Sweep(
        org=org,
        unit=unit,
        organization=organization,
        held_on=held_on,
        area=area.strip(),
        risks_found=risks_found,
        note=note.strip(),
    )
    _save_new(s, actor=actor, reason="登记矛盾纠纷排查", errors=rules.validate_sweep(s))
    return s
