"""Every write to 建议提案 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import save_audited
from fazhi.core.jsettings import get_setting
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import Kind, Satisfaction, Status
from .models import Proposal, ProposalEvent


def _require(actor: Actor, orgs: tuple[Org, ...], message: str = "无权办理该单位的建议提案") -> None:
    if not any(can(actor, org, "proposals.handle") for org in orgs):
        raise PermissionDenied(message)


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save(p: Proposal, *, actor: Actor, reason: str) -> None:
    if p.pk is not None:
        bump_version(p)
    if errors := rules.validate(p):
        if p.pk:
            p.refresh_from_db()
        raise ValidationError(errors)
    p.on_time = (p.answered_on <= p.due_on) if p.answered_on else None
    p.full_clean(exclude=["created_by"])
    save_audited(p, actor=actor, reason=reason)


def _event(p: Proposal, action: str, *, on: date, actor: Actor | None) -> None:
    kind, on, note = rules.event(p, action, on)
    ProposalEvent.objects.create(case=p, kind=kind, on=on, note=note, actor=_user(actor))


@transaction.atomic
def assign(
    *,
    actor: Actor,
    unit: Org,
    kind: str,
    number: str,
    session: str,
    title: str,
    proposer: str,
    assigned_on: date,
    co_units: str = "",
) -> Proposal:
    """交办: the proposal goes to its lead unit; the answer is due `proposals.reply_months` months later."""
    org = unit.jurisdiction()
    _require(actor, (org,), "只有法治办（政府办）可以交办建议提案")
    if kind not in Kind.values:
        raise ValidationError({"kind": f"未知的类别：{kind}"})
    number, session = number.strip(), session.strip()
    if Proposal.objects.filter(org=org, kind=kind, session=session, number=number).exists():
        raise ValidationError({"number": f"{session}{Kind(kind).label}第{number}号已登记"})
    months = int(get_setting(org, rules.SETTING))
    p = Proposal(
        org=org,
        unit=unit,
        kind=kind,
        number=number,
        session=session,
        title=title.strip(),
        proposer=proposer.strip(),
        co_units=co_units.strip(),
        assigned_on=assigned_on,
        due_on=rules.reply_due(assigned_on, months),
        created_by=_user(actor),
    )
    _save(p, actor=actor, reason="交办建议提案")
    _event(p, "register", on=assigned_on, actor=actor)
    return p


@transaction.atomic
def answer(*, case: Proposal, actor: Actor, answered_on: date, category: str) -> Proposal:
    lock(case)
    _require(actor, (case.org, case.unit))
    rules.check_transition(case, "answer")
    case.answered_on, case.category, case.status = answered_on, category, Status.ANSWERED
    _save(case, actor=actor, reason="书面答复")
    _event(case, "answer", on=answered_on, actor=actor)
    return case


@transaction.atomic
def feedback(*, case: Proposal, actor: Actor, satisfaction: str, on: date) -> Proposal:
    lock(case)
    _require(actor, (case.org, case.unit))
    rules.check_transition(case, "feedback")
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": f"未知的意见：{satisfaction}"})
    case.satisfaction = satisfaction
    _save(case, actor=actor, reason="登记代表委员意见")
    _event(case, "feedback", on=on, actor=actor)
    return case


@transaction.atomic
def close(*, case: Proposal, actor: Actor, closed_on: date) -> Proposal:
    lock(case)
    _require(actor, (case.org, case.unit))
    rules.check_transition(case, "close")
    case.closed_on, case.status = closed_on, Status.CLOSED
    _save(case, actor=actor, reason="办结")
    _event(case, "close", on=closed_on, actor=actor)
    return case
