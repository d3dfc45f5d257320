"""Every write to 行政复议 records: one function per action, keyword-only, atomic, permission checked,
audited (django-simple-history records the actor and the reason with each change)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import numbering
from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.locking import touch
from fazhi.core.models import Org
from fazhi.core.permissions import can, can_write
from fazhi.core.types import Actor

from . import rules
from .choices import ApplicantKind, Decision, Procedure, Status
from .models import Applicant, CaseEvent, Hearing, ReconsiderationCase, Suspension

APP = "reconsideration"


def require_caseworker(actor: Actor, case_or_org: ReconsiderationCase | Org) -> None:
    org = case_or_org if isinstance(case_or_org, Org) else case_or_org.org
    if not can(actor, org, "reconsideration.handle"):
        # Say why: a role without the capability here, or no role reaching the org at all.
        if can_write(actor, org):
            raise PermissionDenied("只有法治办或复议人员可以办理复议案件")
        raise PermissionDenied("无权办理该复议机关的案件")


def _not_before(value: date, earlier: date | None, field: str, label: str, earlier_label: str) -> None:
    if earlier and value < earlier:
        raise ValidationError(
            {field: f"{label}（{value:%Y-%m-%d}）不能早于{earlier_label}（{earlier:%Y-%m-%d}）"}
        )


def recompute_deadlines(case: ReconsiderationCase, suspensions: list[Suspension] | None = None) -> None:
    """Derive every due date of the case from its dates (called by every service that changes an input)."""
    if suspensions is None and case.pk is None:
        suspensions = []
    computed = rules.deadlines(case, suspensions)
    case.acceptance_due = computed["acceptance"].due if "acceptance" in computed else None
    case.correction_due = computed["correction"].due if "correction" in computed else None
    case.reply_due = computed["reply"].due if "reply" in computed else None
    case.decision_due = computed["decision"].due if "decision" in computed else None
    case.next_due = rules.next_due(case, computed)


# Every action of a case: one transaction, the row locked, the caseworker's capability, the workflow's check
# (rules.WORKFLOW, each refusal citing its article); each save derives the due dates, passes rules.validate and is
# audited; the timeline entry is worded by rules.event (as for the importer and the demo).
FLOW = Transitions.of(
    rules,
    permit=require_caseworker,
    events=CaseEvent,
    derive=recompute_deadlines,
    clean_exclude=("created_by",),
)


@transaction.atomic
def register_application(
    *,
    actor: Actor,
    org: Org,
    respondent: Org,
    received_on: date,
    applicants: list[dict[str, Any]],
    act_type: str,
    act_description: str,
    act_field: str = "",
    channel: str = "",
    procedure: str = Procedure.ORDINARY,
) -> ReconsiderationCase:
    """收到申请: registers an application and starts the 5-working-day acceptance review (第三十条)."""
    require_caseworker(actor, org)
    if not applicants or not any((a.get("name") or "").strip() for a in applicants):
        raise ValidationError({"applicants": "至少填写一名申请人"})
    year = received_on.year
    seq, number = numbering.next_number(org, APP, year)  # locks the 复议机关's sequence of the year
    case = ReconsiderationCase(
        org=org,
        year=year,
        seq=seq,
        number=number,
        respondent=respondent,
        act_type=act_type,
        act_field=act_field,
        act_description=act_description,
        channel=channel,
        procedure=procedure,
        applicant_summary="、".join(a["name"].strip() for a in applicants if a.get("name"))[:200],
        received_on=received_on,
        status=Status.RECEIVED,
        created_by=acting_user(actor),
    )
    FLOW.save(case, actor=actor, reason="收到申请")
    for a in applicants:
        if (a.get("name") or "").strip():
            applicant = Applicant(
                case=case,
                kind=a.get("kind") or ApplicantKind.PERSON,
                name=a["name"].strip(),
                id_number=a.get("id_number", ""),
                contact=a.get("contact", ""),
                representative=a.get("representative", ""),
            )
            save_audited(applicant, actor=actor, reason="登记申请人")
    FLOW.event(case, "register", on=received_on, actor=actor)
    return case


@FLOW.action("request_correction")
def request_correction(
    *, case: ReconsiderationCase, actor: Actor, notice_on: date, items: str
) -> ReconsiderationCase:
    """通知补正 (第三十一条): one notice listing every item; the applicant then has 10 working days."""
    if not items.strip():
        raise ValidationError({"items": "应当一次性载明需要补正的事项"})
    case.correction_notice_on = notice_on
    case.correction_received_on = None
    FLOW.done(case, "request_correction", actor=actor, history="通知补正", on=notice_on, items=items)
    return case


# The actions that record only their date (and move the case to their transition's target):
receive_correction = FLOW.stamp(
    "receive_correction", "correction_received_on", param="received_on", history="收到补正材料"
)
# 第三十一条: 无正当理由逾期不补正的，视为申请人放弃行政复议申请.
mark_abandoned = FLOW.stamp("abandon", "closed_on", param="on", history="逾期未补正，视为放弃")
# 被申请人收到申请书副本: starts the reply period (第四十八条 10 日 / 第五十四条 5 日, working days).
record_copy_served = FLOW.stamp(
    "serve_copy", "copy_received_on", param="received_on", history="副本送达被申请人"
)
close_case = FLOW.stamp("close", "closed_on", history="结案")


@FLOW.action("accept")
def accept_case(
    *, case: ReconsiderationCase, actor: Actor, accepted_on: date, procedure: str | None = None
) -> ReconsiderationCase:
    """受理: starts the decision clock (第六十二条: 60 days ordinary, 30 days simplified)."""
    if procedure:
        case.procedure = procedure
    case.accepted_on = accepted_on
    FLOW.done(case, "accept", actor=actor, history="受理", on=accepted_on)
    return case


@FLOW.action("reject")
def reject_application(
    *, case: ReconsiderationCase, actor: Actor, rejected_on: date, reason: str
) -> ReconsiderationCase:
    """不予受理 (第三十条第二款): within the review period, with reasons."""
    if not reason.strip():
        raise ValidationError({"reason": "不予受理的，应当说明理由"})
    case.rejected_on = rejected_on
    case.closed_on = rejected_on
    FLOW.done(case, "reject", actor=actor, history="不予受理", on=rejected_on, reason=reason)
    return case


def _require_reply(actor: Actor, case: ReconsiderationCase) -> None:
    """The respondent's clerk or the office records the reply."""
    if not (
        can(actor, case.respondent, "reconsideration.reply") or can(actor, case.org, "reconsideration.reply")
    ):
        raise PermissionDenied("无权登记该案件的答复")


@FLOW.action("reply", permit=_require_reply)
def record_reply(*, case: ReconsiderationCase, actor: Actor, replied_on: date) -> ReconsiderationCase:
    """被申请人提交书面答复."""
    due = case.reply_due
    case.replied_on = replied_on
    FLOW.done(case, "reply", actor=actor, history="被申请人答复", on=replied_on, due=due)
    return case


@FLOW.action("hear")
def record_hearing(
    *, case: ReconsiderationCase, actor: Actor, kind: str, held_on: date, note: str = ""
) -> Hearing:
    _not_before(held_on, case.accepted_on, "held_on", "日期", "受理日期")
    hearing = Hearing(case=case, kind=kind, held_on=held_on, note=note[:300])
    save_audited(hearing, actor=actor, reason="登记听取意见/听证")
    touch(case)
    FLOW.event(case, "hear", on=held_on, actor=actor, kind=kind, note=note)
    return hearing


@FLOW.action("convert_to_ordinary")
def convert_to_ordinary(
    *, case: ReconsiderationCase, actor: Actor, on: date, approver: str
) -> ReconsiderationCase:
    """第五十五条: 简易程序 → 普通程序 with the approval of the 行政复议机构负责人."""
    if not approver.strip():
        raise ValidationError({"approver": "转为普通程序须经行政复议机构负责人批准，请填写批准人"})
    case.procedure = Procedure.ORDINARY
    FLOW.done(case, "convert_to_ordinary", actor=actor, history="转为普通程序", on=on, approver=approver)
    return case


@FLOW.action("suspend")
def suspend_case(
    *, case: ReconsiderationCase, actor: Actor, started_on: date, reason: str
) -> ReconsiderationCase:
    """中止 (第三十九条): the decision clock stops; written notice to the parties."""
    _not_before(started_on, case.accepted_on, "started_on", "中止日期", "受理日期")
    if not reason.strip():
        raise ValidationError({"reason": "请填写中止原因（复议法第三十九条所列情形）"})
    save_audited(
        Suspension(case=case, started_on=started_on, reason=reason.strip()[:200]), actor=actor, reason="中止"
    )
    FLOW.done(case, "suspend", actor=actor, history="中止", on=started_on, reason=reason)
    return case


@FLOW.action("resume")
def resume_case(*, case: ReconsiderationCase, actor: Actor, resumed_on: date) -> ReconsiderationCase:
    open_s = case.suspensions.filter(resumed_on__isnull=True).order_by("-started_on").first()
    if open_s is None:  # pragma: no cover - status and rows disagree only through direct edits
        raise ValidationError("没有未恢复的中止记录")
    _not_before(resumed_on, open_s.started_on, "resumed_on", "恢复日期", "中止日期")
    open_s.resumed_on = resumed_on
    save_audited(open_s, actor=actor, reason="恢复审理")
    FLOW.done(case, "resume", actor=actor, history="恢复审理", on=resumed_on)
    return case


@FLOW.action("extend")
def extend_case(
    *, case: ReconsiderationCase, actor: Actor, approved_on: date, days: int, approver: str
) -> ReconsiderationCase:
    """延期 (第六十二条第一款): 经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；延长期限最多不得超过三十日."""
    if days <= 0:
        raise ValidationError({"days": "延长天数应为正整数"})
    if case.extension_days + days > rules.MAX_EXTENSION_DAYS:
        raise ValidationError(
            {"days": f"延长期限最多不得超过三十日（复议法第六十二条），本案已延长 {case.extension_days} 日"}
        )
    case.extension_days += days
    case.extension_approved_on = approved_on
    case.extension_approver = approver.strip()
    FLOW.done(
        case, "extend", actor=actor, history=f"延期 {days} 日", on=approved_on, days=days, approver=approver
    )
    return case


@FLOW.action("decide")
def decide_case(
    *,
    case: ReconsiderationCase,
    actor: Actor,
    decision: str,
    decided_on: date,
    note: str = "",
    termination_reason: str = "",
) -> ReconsiderationCase:
    """作出复议决定 (第六十三条至第七十四条)."""
    if decision not in Decision.values:
        raise ValidationError({"decision": f"未知的决定类型：{decision}"})
    rules.check_decision(case, decision, termination_reason)
    if case.status == Status.SUSPENDED:
        open_s = case.suspensions.filter(resumed_on__isnull=True).first()
        if open_s:
            _not_before(decided_on, open_s.started_on, "decided_on", "决定日期", "中止日期")
            open_s.resumed_on = decided_on
            save_audited(open_s, actor=actor, reason="中止期间作出决定")
    case.decision = decision
    case.termination_reason = termination_reason
    case.decided_on = decided_on
    case.decision_note = note
    FLOW.done(case, "decide", actor=actor, history=f"作出决定：{Decision(decision).label}", on=decided_on)
    return case
