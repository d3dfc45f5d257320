"""Every write to 行政应诉 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import Appearance, Result
from .models import CourtHearing, LitigationCase, LitigationEvent
from .selectors import visible_cases

if TYPE_CHECKING:
    from fazhi.reconsideration.models import ReconsiderationCase


def require_handler(actor: Actor, case_or_orgs: LitigationCase | tuple[Org | None, ...]) -> None:
    orgs = case_or_orgs if isinstance(case_or_orgs, tuple) else (case_or_orgs.org, case_or_orgs.defendant)
    if not any(can(actor, org, "litigation.handle") for org in orgs):
        raise PermissionDenied("无权办理该单位的应诉案件")


def _validate(case: LitigationCase) -> dict[str, str]:
    return rules.validate(case, list(case.hearings.all()) if case.pk else [])


def _derive(case: LitigationCase) -> None:
    """The answer deadline (行政诉讼法 第六十七条), kept once answered."""
    d = rules.answer_deadline(case)
    case.answer_due = d.due if d else case.answer_due


# Every action of a suit: one transaction, the row locked, the handler's capability (the jurisdiction or the
# defendant), the workflow's check (rules.WORKFLOW); each save derives the answer deadline, passes rules.validate
# with the suit's hearings and is audited; the timeline entry is worded by rules.event.
FLOW = Transitions.of(
    rules,
    permit=require_handler,
    events=LitigationEvent,
    validate=_validate,
    derive=_derive,
    clean_exclude=("created_by", "reconsideration"),
)


def _require_unused_number(actor: Actor, court: str, case_number: str) -> None:
    """A court's 案号 names one suit (unique across units, so no suit is counted twice); the refusal names the
    existing record only to a user who may read it."""
    existing = LitigationCase.objects.filter(court=court, case_number=case_number)
    if not existing.exists():
        return
    if visible_cases(actor).filter(pk__in=existing.values("pk")).exists():
        raise ValidationError({"case_number": f"案号 {case_number} 在 {court} 已登记"})
    raise ValidationError(
        {
            "case_number": "案号已被使用：该法院的此案号已由其他单位登记，请核对法院和案号；如有疑问请联系法治办"
        }
    )


@transaction.atomic
def register_case(
    *,
    actor: Actor,
    defendant: Org,
    court: str,
    case_number: str,
    plaintiff: str,
    act_type: str,
    act_description: str,
    complaint_received_on: date,
    stage: str = "first",
    reconsideration: ReconsiderationCase | None = None,
) -> LitigationCase:
    """收到起诉状副本: registers the suit and starts the 15-day answer period (第六十七条)."""
    org = defendant.jurisdiction()
    require_handler(actor, (org, defendant))
    _require_unused_number(actor, court, case_number)
    case = LitigationCase(
        org=org,
        defendant=defendant,
        court=court,
        case_number=case_number,
        plaintiff=plaintiff,
        act_type=act_type,
        act_description=act_description,
        complaint_received_on=complaint_received_on,
        stage=stage,
        reconsideration=reconsideration,
        created_by=acting_user(actor),
    )
    try:
        with transaction.atomic():  # a savepoint: another registration of the number may commit first
            FLOW.save(case, actor=actor, reason="登记应诉案件")
    except IntegrityError:
        _require_unused_number(actor, court, case_number)
        raise
    # The number of the reconsideration case stays on its own page: readers of the suit may not read it.
    FLOW.event(
        case, "register", on=complaint_received_on, actor=actor, reconsidered=reconsideration is not None
    )
    return case


# The actions that record only their date:
record_answer = FLOW.stamp("answer", "answered_on", history="提交答辩")
close_case = FLOW.stamp("close", "closed_on", history="结案")


def _refresh_appearance(case: LitigationCase) -> None:
    hearings = list(case.hearings.all())
    case.hearing_count = len(hearings)
    case.first_hearing_on = min((h.held_on for h in hearings), default=None)
    case.head_appeared = any(rules.is_head_appearance(h.appearance) for h in hearings)


@FLOW.action("hearing")
def record_hearing(
    *,
    case: LitigationCase,
    actor: Actor,
    held_on: date,
    appearance: str,
    appearing_person: str = "",
    appearing_title: str = "",
    absence_reason: str = "",
) -> CourtHearing:
    """开庭: who appeared. 行政诉讼法 第三条第三款; a lawyer alone is not an appearance (适用解释 第一百二十八条)."""
    if appearance not in Appearance.values:
        raise ValidationError({"appearance": f"未知的出庭情况：{appearance}"})
    hearing = CourtHearing(
        case=case,
        held_on=held_on,
        appearance=appearance,
        appearing_person=appearing_person.strip(),
        appearing_title=appearing_title.strip(),
        absence_reason=absence_reason.strip(),
    )
    if errors := rules.validate(case, [hearing]):
        raise ValidationError(errors)
    save_audited(hearing, actor=actor, reason="登记开庭")
    _refresh_appearance(case)
    FLOW.done(case, "hearing", actor=actor, history="登记开庭", on=held_on, hearing=hearing)
    return hearing


@FLOW.action("judge")
def record_judgment(*, case: LitigationCase, actor: Actor, result: str, judged_on: date) -> LitigationCase:
    if result not in Result.values:
        raise ValidationError({"result": f"未知的裁判结果：{result}"})
    case.result = result
    case.judged_on = judged_on
    case.lost = rules.is_loss(result)
    FLOW.done(case, "judge", actor=actor, history=f"裁判结果：{Result(result).label}", on=judged_on)
    return case


@FLOW.action("appeal")
def record_appeal(*, case: LitigationCase, actor: Actor, appealed_on: date) -> LitigationCase:
    if case.judged_on and appealed_on < case.judged_on:
        raise ValidationError({"appealed_on": "上诉日期不能早于裁判日期"})
    case.appealed = True
    FLOW.done(case, "appeal", actor=actor, history="上诉", on=appealed_on)
    return case
