"""Every write to 矛盾纠纷 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import numbering
from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import SUCCESS, Channel, Confirmation, DisputeKind, Outcome, Performance, Source
from .models import Dispute, DisputeEvent


def require_handler(actor: Actor, dispute_or_orgs: Dispute | tuple[Org | None, ...]) -> None:
    orgs = (
        dispute_or_orgs if isinstance(dispute_or_orgs, tuple) else (dispute_or_orgs.org, dispute_or_orgs.unit)
    )
    if not any(can(actor, org, "mediation.handle") for org in orgs):
        raise PermissionDenied("无权调处该单位的矛盾纠纷")


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _choice(field: str, value: str, choices: Any, label: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: f"未知的{label}：{value}"})


def _save(d: Dispute, *, actor: Actor, reason: str) -> None:
    """Derive the clocks, check the record with the one validation (rules.validate), save it audited."""
    if d.pk is not None:
        bump_version(d)  # the dispute was locked by the calling service (core.locking.lock)
    deadline = rules.confirmation_deadline(d)
    d.confirmation_due = deadline.due if deadline else None
    errors = rules.validate(d)
    if errors:
        if d.pk:
            d.refresh_from_db()
        raise ValidationError(errors)
    d.full_clean(exclude=["created_by", "number"])
    save_audited(d, actor=actor, reason=reason)


def _event(d: Dispute, action: str, *, on: date, actor: Actor | None, **facts: Any) -> None:
    kind, on, note = rules.event(d, action, on, **facts)
    DisputeEvent.objects.create(case=d, kind=kind, on=on, note=note, actor=_user(actor))


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
) -> Dispute:
    """登记纠纷 (人民调解法 第十七条): starts the local 调结 time limit."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    _choice("channel", channel, Channel, "调解类别")
    _choice("source", source, Source, "纠纷来源")
    _choice("kind", kind, DisputeKind, "纠纷类型")
    d = Dispute(
        org=org,
        unit=unit,
        channel=channel,
        committee=committee.strip(),
        mediator=mediator.strip(),
        source=source,
        kind=kind,
        parties=parties.strip(),
        summary=summary.strip(),
        received_on=received_on,
        created_by=_user(actor),
    )
    d.handling_due = rules.handling_due(d)
    _, d.number = numbering.next_number(org, "mediation", received_on.year)
    _save(d, actor=actor, reason="登记矛盾纠纷")
    _event(d, "register", on=received_on, actor=actor)
    return d


@transaction.atomic
def record_session(*, case: Dispute, actor: Actor, held_on: date, note: str = "") -> Dispute:
    """一次调解 (人民调解法 第二十二条), with what happened."""
    lock(case)
    require_handler(actor, case)
    rules.check_transition(case, "session")
    if held_on < case.received_on:
        raise ValidationError({"held_on": "调解日期不能早于登记日期"})
    case.sessions += 1
    _save(case, actor=actor, reason="登记调解")
    _event(case, "session", on=held_on, actor=actor, note=note.strip())
    return case


@transaction.atomic
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
    lock(case)
    require_handler(actor, case)
    rules.check_transition(case, "conclude")
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
    _save(case, actor=actor, reason=f"调解终结：{Outcome(outcome).label}")
    _event(case, "conclude", on=concluded_on, actor=actor, note=note.strip())
    return case


@transaction.atomic
def apply_confirmation(*, case: Dispute, actor: Actor, applied_on: date, court: str) -> Dispute:
    """双方当事人共同申请司法确认, within 30日 of the agreement taking effect (人民调解法 第三十三条)."""
    lock(case)
    require_handler(actor, case)
    rules.check_transition(case, "apply")
    case.confirmation_applied_on = applied_on
    case.confirmation_court = court.strip()
    _save(case, actor=actor, reason="申请司法确认")
    _event(case, "apply", on=applied_on, actor=actor)
    return case


@transaction.atomic
def record_confirmation(*, case: Dispute, actor: Actor, confirmation: str, confirmed_on: date) -> Dispute:
    """The court's ruling (民事诉讼法 第二百零六条)."""
    lock(case)
    require_handler(actor, case)
    rules.check_transition(case, "confirm")
    _choice("confirmation", confirmation, Confirmation, "司法确认结果")
    case.confirmation = confirmation
    case.confirmed_on = confirmed_on
    _save(case, actor=actor, reason=f"司法确认：{Confirmation(confirmation).label}")
    _event(case, "confirm", on=confirmed_on, actor=actor)
    return case


@transaction.atomic
def follow_up(
    *, case: Dispute, actor: Actor, followed_up_on: date, performance: str, note: str = ""
) -> Dispute:
    """回访: the committee supervises the agreement's performance (人民调解法 第三十一条第二款)."""
    lock(case)
    require_handler(actor, case)
    rules.check_transition(case, "follow_up")
    _choice("performance", performance, Performance, "履行情况")
    case.followed_up_on = followed_up_on
    case.performance = performance
    _save(case, actor=actor, reason="回访")
    _event(case, "follow_up", on=followed_up_on, actor=actor, note=note.strip())
    return case
