"""Every write to 信访 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import numbering
from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules, selectors
from .choices import LINKABLE, Answer, Category, Channel, Opinion, Route, Status
from .models import LeaderReception, Petition, PetitionEvent


def require_handler(actor: Actor, petition_or_orgs: Petition | tuple[Org | None, ...]) -> None:
    orgs = (
        petition_or_orgs
        if isinstance(petition_or_orgs, tuple)
        else (petition_or_orgs.org, petition_or_orgs.unit)
    )
    if not any(can(actor, org, "petitions.handle") for org in orgs):
        raise PermissionDenied("无权办理该单位的信访事项")


def _choice(field: str, value: str, choices: Any, label: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: f"未知的{label}：{value}"})


# Every action of a petition: one transaction, the row locked, the handler's capability (the jurisdiction or the
# unit), the workflow's check (rules.WORKFLOW); each save passes rules.validate, then sets the clocks (rules.derive,
# after the validation, which reads the stored dates) and is audited; the timeline entry as rules.event words it.
FLOW = Transitions.of(
    rules,
    permit=require_handler,
    events=PetitionEvent,
    complete=rules.derive,
    clean_exclude=("created_by", "number", "repeat_of"),
)


def earlier_matter(petitioner: str, subject: str, org: Org) -> Petition | None:
    """The latest petition of the same petitioner on the same subject in the jurisdiction (重复信访)."""
    return (
        Petition.objects.filter(org=org, petitioner=petitioner.strip(), subject=subject.strip())
        .order_by("-received_on", "-id")
        .first()
    )


@transaction.atomic
def register_petition(
    *,
    actor: Actor,
    unit: Org,
    channel: str,
    petitioner: str,
    category: str,
    subject: str,
    received_on: date,
    content: str = "",
    phone: str = "",
    people: int = 1,
    representatives: int = 0,
    received_by: str = "",
) -> Petition:
    """登记 (第二十二条、第二十三条): starts the 15日 to tell the petitioner; a repeat of a matter is marked."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    _choice("channel", channel, Channel, "信访形式")
    _choice("category", category, Category, "信访事项类别")
    if channel == Channel.LEADER and not received_by.strip():
        raise ValidationError({"received_by": "领导接访的，请填写接访领导"})
    p = Petition(
        org=org,
        unit=unit,
        channel=channel,
        petitioner=petitioner.strip(),
        phone=phone.strip(),
        people=people,
        representatives=representatives,
        received_by=received_by.strip(),
        category=category,
        subject=subject.strip(),
        content=content.strip(),
        received_on=received_on,
        created_by=acting_user(actor),
    )
    earlier = earlier_matter(petitioner, subject, org)
    p.repeat_of = earlier
    _, p.number = numbering.next_number(org, "petitions", received_on.year)
    FLOW.save(p, actor=actor, reason="登记信访事项")
    FLOW.event(p, "register", on=received_on, actor=actor, note=rules.repeat_note(earlier))
    return p


@FLOW.action("accept")
def accept(*, case: Petition, actor: Actor, accepted_on: date) -> Petition:
    """受理 and tell the petitioner in writing (第二十三条); the 60日 of 第三十四条 start."""
    case.accepted_on = accepted_on
    FLOW.done(case, "accept", actor=actor, history="受理并告知", on=accepted_on)
    return case


@FLOW.action("route")
def route(
    *, case: Petition, actor: Actor, routed_on: date, route: str, reason: str, case_number: str = ""
) -> Petition:
    """诉访分离 (第二十八条第二款, 第三十一条): a matter for 诉讼, 复议, 仲裁 … goes to that channel, with the reason;
    where the 复议 or 诉讼 case is already in Fazhi, its 案号 links it."""
    _choice("route", route, Route, "导入途径")
    case.route = route
    case.route_reason = reason.strip()
    case.disposed_on = routed_on
    case.status = Status.ROUTED
    if case_number.strip():
        _set_routed_case(case, actor, case_number)
    FLOW.done(case, "route", actor=actor, history=f"诉访分离：{Route(route).label}", on=routed_on)
    return case


def _set_routed_case(case: Petition, actor: Actor, number: str) -> None:
    if case.route not in LINKABLE:
        raise ValidationError({"case_number": "只有导入行政复议或诉讼程序的信访事项才能关联案件"})
    found = selectors.routed_case(actor, case.route, number)
    if found is None:
        kind = "行政复议" if case.route == Route.RECONSIDERATION else "行政诉讼"
        raise ValidationError({"case_number": f"没有您可查看的案号为「{number.strip()}」的{kind}案件"})
    if case.route == Route.RECONSIDERATION:
        case.reconsideration_case = found
    else:
        case.litigation_case = found


@FLOW.action("link")
def link_case(*, case: Petition, actor: Actor, case_number: str) -> Petition:
    """关联: the 复议 or 诉讼 case a routed petition became, registered in Fazhi after the routing."""
    _set_routed_case(case, actor, case_number)
    FLOW.save(case, actor=actor, reason="关联复议、诉讼案件")
    linked = case.reconsideration_case or case.litigation_case
    FLOW.event(case, "link", on=case.disposed_on or case.received_on, actor=actor, note=str(linked))
    return case


@transaction.atomic
def record_reception(
    *,
    actor: Actor,
    unit: Org,
    leader: str,
    leader_title: str,
    held_on: date,
    place: str,
    matters: str,
    visitors: int = 0,
    petitions: list[Petition] | tuple[Petition, ...] = (),
) -> LeaderReception:
    """登记领导接访 (信访工作条例 第十八条第二款) and the petitions taken up at it."""
    org = unit.jurisdiction()
    require_handler(actor, (org, unit))
    r = LeaderReception(
        org=org,
        unit=unit,
        leader=leader.strip(),
        leader_title=leader_title.strip(),
        held_on=held_on,
        place=place.strip(),
        matters=matters.strip(),
        visitors=visitors,
        created_by=acting_user(actor),
    )
    errors = rules.validate_reception(r, petitions)
    if errors:
        raise ValidationError(errors)
    visible = set(
        selectors.visible_cases(actor).filter(pk__in=[p.pk for p in petitions]).values_list("pk", flat=True)
    )
    for p in petitions:
        if p.pk not in visible:
            raise ValidationError({"petitions": f"无权查看信访事项{p.number}"})
    r.full_clean(exclude=["created_by"])
    save_audited(r, actor=actor, reason="登记领导接访")
    if petitions:
        r.petitions.set(petitions)
    return r


@FLOW.action("extend")
def extend(*, case: Petition, actor: Actor, days: int, reason: str) -> Petition:
    """延长办理期限 (第三十四条): at most 30日, approved by the 负责人, the reason told to the petitioner."""
    case.extension_days = days
    case.extension_reason = reason.strip()
    FLOW.save(case, actor=actor, reason="延长办理期限")
    FLOW.event(case, "extend", on=case.accepted_on or case.received_on, actor=actor)
    return case


@FLOW.action("answer")
def answer(*, case: Petition, actor: Actor, answered_on: date, answer: str) -> Petition:
    """信访处理意见书 (第三十二条), due 60日 from acceptance (第三十四条)."""
    _choice("answer", answer, Answer, "处理意见")
    case.answered_on = answered_on
    case.answer = answer
    FLOW.done(case, "answer", actor=actor, history=f"书面答复：{Answer(answer).label}", on=answered_on)
    return case


@FLOW.action("request_review")
def request_review(*, case: Petition, actor: Actor, requested_on: date) -> Petition:
    """复查 request, within 30日 of the written answer (第三十五条)."""
    case.review_requested_on = requested_on
    FLOW.done(case, "request_review", actor=actor, history="请求复查", on=requested_on)
    return case


@FLOW.action("review")
def review(*, case: Petition, actor: Actor, reviewed_on: date, opinion: str) -> Petition:
    _choice("opinion", opinion, Opinion, "复查意见")
    case.reviewed_on = reviewed_on
    case.review_opinion = opinion
    FLOW.done(case, "review", actor=actor, history="复查意见", on=reviewed_on)
    return case


@FLOW.action("request_recheck")
def request_recheck(*, case: Petition, actor: Actor, requested_on: date) -> Petition:
    """复核 request, within 30日 of the 复查 answer (第三十六条第一款)."""
    case.recheck_requested_on = requested_on
    FLOW.done(case, "request_recheck", actor=actor, history="请求复核", on=requested_on)
    return case


@FLOW.action("recheck")
def recheck(
    *,
    case: Petition,
    actor: Actor,
    rechecked_on: date,
    opinion: str,
    hearing_start: date | None = None,
    hearing_end: date | None = None,
) -> Petition:
    """复核意见 (第三十六条): 30日, the time of a hearing not counted; the matter is then closed for good."""
    _choice("opinion", opinion, Opinion, "复核意见")
    case.rechecked_on = rechecked_on
    case.recheck_opinion = opinion
    case.hearing_start, case.hearing_end = hearing_start, hearing_end
    FLOW.done(case, "recheck", actor=actor, history="复核意见", on=rechecked_on)
    return case
