"""Every write to 行政执法 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.choices import OrgKind
from fazhi.core.importing import bulk_create_audited, chunked
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Membership, Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import (
    REMEDIABLE_WARNINGS,
    CertStatus,
    Grade,
    Implementer,
    Leniency,
    PowerChange,
    PowerStatus,
    PowerType,
    RectifyStatus,
    WarningKind,
    WarningState,
)
from .models import (
    CaseFileReview,
    EnforcementCase,
    EnforcementEvent,
    EnforcementWarning,
    Officer,
    PowerItem,
    PowerItemChange,
    Rectification,
    RectificationEvent,
    ReviewCampaign,
)
from .selectors import visible_cases


def _require(actor: Actor, orgs: tuple[Org | None, ...], capability: str = "enforcement.handle") -> None:
    if not any(can(actor, org, capability) for org in orgs):
        raise PermissionDenied("无权办理该单位的行政执法事项")


def require_case(actor: Actor, case: EnforcementCase) -> None:
    _require(actor, (case.org, case.unit))


# Every action of a case: one transaction, the row locked, the unit's or the jurisdiction's capability, the
# workflow's check (rules.WORKFLOW); each save derives the clocks (rules.derive), passes rules.validate (with the
# officers, when given) and is audited; the timeline entry is worded by rules.event.
FLOW = Transitions.of(
    rules,
    permit=require_case,
    events=EnforcementEvent,
    derive=rules.derive,
    clean_exclude=("created_by", "officers"),
    validate_unique=False,
)


# -- officers ---------------------------------------------------------------------------------------------


@transaction.atomic
def register_officer(
    *,
    actor: Actor,
    unit: Org,
    name: str,
    cert_number: str,
    issued_on: date,
    expires_on: date,
    training_year: int | None = None,
    training_hours: Decimal | int = 0,
    exam_passed: bool | None = None,
) -> Officer:
    """登记执法人员及其执法证."""
    org = unit.jurisdiction()
    _require(actor, (org, unit))
    cert_number = cert_number.strip()
    if Officer.objects.filter(cert_number=cert_number).exists():
        raise ValidationError({"cert_number": f"执法证号 {cert_number} 已登记"})
    if expires_on < issued_on:
        raise ValidationError({"expires_on": "有效期至不能早于发证日期"})
    officer = Officer(
        org=org,
        unit=unit,
        name=name.strip(),
        cert_number=cert_number,
        issued_on=issued_on,
        expires_on=expires_on,
        training_year=training_year,
        training_hours=Decimal(training_hours),
        exam_passed=exam_passed,
        created_by=acting_user(actor),
    )
    officer.full_clean(exclude=["created_by"])
    save_audited(officer, actor=actor, reason="登记执法人员")
    return officer


@transaction.atomic
def record_training(
    *, officer: Officer, actor: Actor, year: int, hours: Decimal | int, exam_passed: bool | None = None
) -> Officer:
    """登记年度培训学时和考试结果."""
    lock(officer)
    _require(actor, (officer.org, officer.unit))
    if Decimal(hours) < 0:
        raise ValidationError({"training_hours": "培训学时不能为负数"})
    bump_version(officer)
    officer.training_year, officer.training_hours = year, Decimal(hours)
    if exam_passed is not None:
        officer.exam_passed = exam_passed
    save_audited(officer, actor=actor, reason=f"登记{year}年度培训学时")
    return officer


@transaction.atomic
def set_certificate_status(*, officer: Officer, actor: Actor, status: str) -> Officer:
    """执法证 暂扣 / 注销 / 恢复有效."""
    lock(officer)
    _require(actor, (officer.org, officer.unit))
    if status not in CertStatus.values:
        raise ValidationError({"cert_status": f"未知的证件状态：{status}"})
    bump_version(officer)
    officer.cert_status = status
    save_audited(officer, actor=actor, reason=f"执法证状态：{CertStatus(status).label}")
    return officer


# -- cases ------------------------------------------------------------------------------------------------


def _require_unused_number(actor: Actor, unit: Org, case_number: str) -> None:
    if EnforcementCase.objects.filter(unit=unit, case_number=case_number).exists():
        raise ValidationError({"case_number": f"案件编号 {case_number} 在{unit.name}已登记"})


@transaction.atomic
def file_case(
    *,
    actor: Actor,
    unit: Org,
    case_number: str,
    kind: str,
    filed_on: date,
    officers: Iterable[Officer],
    domain: str = "",
    party: str = "",
    facts: str = "",
    legal_basis: str = "",
    major: bool = False,
    power_item: PowerItem | None = None,
) -> EnforcementCase:
    """立案: the case enters the ledger; a 行政处罚 case starts the 90-day decision clock (第六十条). Penalty and
    coercion cases need two officers with a certificate valid on the 立案 date (第四十二条; 行政强制法第十八条)."""
    org = unit.jurisdiction()
    _require(actor, (org, unit))
    if kind not in PowerType.values:
        raise ValidationError({"kind": f"未知的执法类别：{kind}"})
    officers = list(officers)
    foreign = [o for o in officers if o.unit_id != unit.id]
    if foreign:
        raise ValidationError({"officers": f"执法人员{foreign[0].name}不属于{unit.name}"})
    case_number = case_number.strip()
    _require_unused_number(actor, unit, case_number)
    case = EnforcementCase(
        org=org,
        unit=unit,
        case_number=case_number,
        kind=kind,
        domain=domain,
        party=party.strip(),
        facts=facts.strip(),
        legal_basis=legal_basis.strip(),
        filed_on=filed_on,
        major=major,
        power_item=power_item,
        created_by=acting_user(actor),
    )
    try:
        with transaction.atomic():
            FLOW.save(case, actor=actor, reason="立案", officers=officers)
    except IntegrityError:
        _require_unused_number(actor, unit, case_number)
        raise
    case.officers.set(officers)
    FLOW.event(case, "file", on=filed_on, actor=actor)
    return case


@FLOW.action("review")
def record_legal_review(*, case: EnforcementCase, actor: Actor, legal_review_on: date) -> EnforcementCase:
    """法制审核 (行政处罚法 第五十八条): before the 负责人 decides a 重大执法决定."""
    case.legal_review_on = legal_review_on
    case.major = True
    FLOW.done(case, "review", actor=actor, history="法制审核", on=legal_review_on)
    return case


@FLOW.action("decide")
def decide_case(
    *,
    case: EnforcementCase,
    actor: Actor,
    decided_on: date,
    amount: Decimal | int = 0,
    leniency: str = "",
    collective_discussion: bool = False,
) -> EnforcementCase:
    """作出执法决定. A 重大执法决定 without 法制审核 is refused (第五十八条: "未经法制审核或者审核未通过的，不得作出决定")."""
    if leniency not in Leniency.values:
        raise ValidationError({"leniency": f"未知的适用情形：{leniency}"})
    case.decided_on = decided_on
    case.amount = Decimal(amount or 0)
    case.leniency = leniency
    case.collective_discussion = collective_discussion
    FLOW.done(case, "decide", actor=actor, history="作出执法决定", on=decided_on)
    return case


@FLOW.action("publish")
def publish_decision(*, case: EnforcementCase, actor: Actor, published_on: date) -> EnforcementCase:
    """执法决定公示 (国办发〔2018〕118号)."""
    if case.published_on:
        raise ValidationError({"published_on": f"该决定已于{case.published_on:%Y-%m-%d}公示"})
    case.published_on = published_on
    FLOW.done(case, "publish", actor=actor, history="公示执法决定", on=published_on)
    return case


close_case = FLOW.stamp("close", "closed_on", history="结案")


# -- 案卷评查 ---------------------------------------------------------------------------------------------


@transaction.atomic
def start_campaign(
    *, actor: Actor, org: Org, name: str, year: int, sample_size: int, seed: int, started_on: date
) -> ReviewCampaign:
    """组织案卷评查: draws `sample_size` decided cases of the jurisdiction's `year` at random with `seed` (双随机;
    the same seed over the same ledger draws the same files)."""
    _require(actor, (org,), "enforcement.manage")
    if sample_size < 1:
        raise ValidationError({"sample_size": "抽取案卷数应大于0"})
    pool = list(
        visible_cases(actor)
        .filter(org__path__startswith=org.path, decided_on__year=year)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not pool:
        raise ValidationError({"year": f"{year}年没有已作出决定的执法案件可供抽取"})
    campaign = ReviewCampaign(
        org=org,
        name=name.strip(),
        year=year,
        seed=seed,
        sample_size=min(sample_size, len(pool)),
        started_on=started_on,
        created_by=acting_user(actor),
    )
    campaign.full_clean(exclude=["created_by"])
    save_audited(campaign, actor=actor, reason="组织案卷评查")
    drawn = random.Random(seed).sample(pool, campaign.sample_size)  # noqa: S311 - reproducible draw, recorded seed
    for case_id in sorted(drawn):
        save_audited(CaseFileReview(campaign=campaign, case_id=case_id), actor=actor, reason="抽取案卷")
    return campaign


def reviewer_conflict(review: CaseFileReview, reviewer: Any) -> str:
    """Why `reviewer` may not review `review`'s file ("" when they may): a member of the reviewed unit (or of an
    office under it) would be reviewing their own unit's enforcement, so the review would not be independent."""
    unit = review.case.unit
    if Membership.objects.filter(user=reviewer, org__path__startswith=unit.path).exists():
        name = reviewer.get_full_name() or reviewer.get_username()
        return (
            f"不能指定{name}评查案卷{review.case.case_number}：{name}是被评查单位{unit.name}的工作人员，"
            "评查本单位的案卷属于自己评查自己，评查人员应当回避，请改派其他单位的评查人员"
        )
    return ""


@transaction.atomic
def assign_reviewer(*, review: CaseFileReview, actor: Actor, reviewer: Any) -> CaseFileReview:
    """指定评查人员: not from the reviewed unit (reviewer_conflict); a file already scored keeps its reviewer."""
    lock(review)
    _require(actor, (review.campaign.org,), "enforcement.manage")
    if reviewer is None or not getattr(reviewer, "is_active", False):
        raise ValidationError({"reviewer": "请选择在职的评查人员"})
    if why := reviewer_conflict(review, reviewer):
        raise ValidationError({"reviewer": why})
    if review.score is not None and review.reviewer_id not in (None, reviewer.pk):
        raise ValidationError({"reviewer": f"案卷{review.case.case_number}已评分，不能改派评查人员"})
    if review.reviewer_id == reviewer.pk:
        return review
    review.reviewer = reviewer
    save_audited(
        review, actor=actor, reason=f"指定评查人员：{reviewer.get_full_name() or reviewer.get_username()}"
    )
    return review


@transaction.atomic
def assign_reviewers(
    *, campaign: ReviewCampaign, actor: Actor, reviewer: Any, reviews: Iterable[CaseFileReview]
) -> list[CaseFileReview]:
    """指定评查人员 for several files of `campaign` at once: all or none (the first refusal names its file)."""
    _require(actor, (campaign.org,), "enforcement.manage")
    chosen = list(reviews)
    if not chosen:
        raise ValidationError({"reviews": "请勾选要分配的案卷"})
    if any(r.campaign_id != campaign.pk for r in chosen):
        raise ValidationError({"reviews": "只能分配本次评查抽取的案卷"})
    return [assign_reviewer(review=r, actor=actor, reviewer=reviewer) for r in chosen]


@transaction.atomic
def score_review(
    *,
    review: CaseFileReview,
    actor: Actor,
    scores: dict[str, Any],
    reviewed_on: date,
    problems: str = "",
    rectify_due: date | None = None,
) -> CaseFileReview:
    """评分: the machine items from the record, the rest from the reviewer; grade by the thresholds. A file
    below the pass line or with problems found gets its 整改 (open_rectification). Only the assigned reviewer
    scores, or the office (enforcement.manage over the campaign)."""
    lock(review)
    if not (
        (review.reviewer_id is not None and review.reviewer_id == getattr(actor, "pk", None))
        or can(actor, review.campaign.org, "enforcement.manage")
    ):
        raise PermissionDenied("只有指定的评查人员或组织评查的法治办可以评分")
    if errors := rules.check_scores(scores):
        raise ValidationError(errors)
    case = review.case
    machine = rules.machine_scores(case, case.officers.all())
    given = {i.key: int(scores[i.key]) for i in rules.SHEET if not i.machine}
    review.scores = {**machine, **given}
    review.score = rules.total(review.scores)
    review.grade = rules.grade_of(review.score)
    review.reviewed_on = reviewed_on
    review.problems = problems.strip()
    if rectify_due and rectify_due < reviewed_on:
        raise ValidationError({"rectify_due": "整改期限不能早于评查日期"})
    needed = rules.needs_rectification(review.grade, review.problems)
    review.rectify_due = (
        (rectify_due or rules.rectify_deadline(review.campaign.org, reviewed_on)) if needed else None
    )
    save_audited(review, actor=actor, reason="案卷评分")
    if needed:
        open_rectification(review=review, actor=actor)
    return review


def open_rectification(*, review: CaseFileReview, actor: Actor) -> Rectification:
    """下发整改 for a scored file (called by score_review): the problems, or the grade when none were written,
    due on `review.rectify_due`. A re-scoring updates an unfinished 整改's problems and deadline."""
    problems = review.problems or f"案卷评查{review.score}分，{Grade(review.grade).label}，请对照评查各项整改"
    rect = Rectification.objects.select_for_update().filter(review=review).first()
    opened_on, due = review.reviewed_on, review.rectify_due
    if opened_on is None or due is None:  # not reached: score_review sets both before it calls
        raise ValidationError({"rectify_due": "案卷尚未评分，不能下发整改"})
    if rect is None:
        case = review.case
        rect = Rectification(
            review=review,
            org=review.campaign.org,
            unit=case.unit,
            number=f"整改·{case.case_number}"[:60],
            problems=problems,
            opened_on=opened_on,
            due=due,
            created_by=acting_user(actor),
        )
        rect.full_clean(exclude=["review", "created_by"])
        save_audited(rect, actor=actor, reason="案卷评查下发整改")
        RECTIFY.event(rect, "open", on=rect.opened_on, actor=actor, note=f"整改期限 {rect.due:%Y-%m-%d}")
    elif rect.status != RectifyStatus.CLOSED and (rect.problems, rect.due) != (problems, due):
        bump_version(rect)
        rect.problems, rect.due = problems, max(due, rect.opened_on)
        save_audited(rect, actor=actor, reason="重新评分，更新整改问题和期限")
    return rect


def _require_unit(actor: Actor, rect: Rectification) -> None:
    if not can(actor, rect.unit, "enforcement.handle"):
        raise PermissionDenied(f"只有被评查单位（{rect.unit.name}）可以回复整改情况")


def _require_office(actor: Actor, rect: Rectification) -> None:
    if not can(actor, rect.org, "enforcement.manage"):
        raise PermissionDenied("只有组织评查的法治办可以销号或退回整改")


def _rectify_note(rect: Rectification, action: str, on: date, note: str = "") -> tuple[str, date, str]:
    """A 整改 timeline entry: the action is its kind, the note as the service words it."""
    return action, on, note[:300]


# 整改 actions: the unit replies, the office accepts or sends back (rules.RECTIFY_WORKFLOW); no derived fields.
RECTIFY = Transitions(workflow=rules.RECTIFY_WORKFLOW, events=RectificationEvent, wording=_rectify_note)


@RECTIFY.action("reply", permit=_require_unit)
def reply_rectification(*, case: Rectification, actor: Actor, reply: str, replied_on: date) -> Rectification:
    """回复整改情况: the reviewed unit says what it rectified (evidence as attachments): 待整改 → 待销号."""
    rect = case
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写整改情况：针对评查发现的问题做了哪些整改"})
    if replied_on < rect.opened_on:
        raise ValidationError({"replied_on": f"回复日期不能早于整改下发日期（{rect.opened_on:%Y-%m-%d}）"})
    rect.reply, rect.replied_on = reply, replied_on
    late = f"（逾期，期限 {rect.due:%Y-%m-%d}）" if replied_on > rect.due else ""
    RECTIFY.done(
        rect, "reply", actor=actor, history="回复整改情况", on=replied_on, note=f"单位回复整改情况{late}"
    )
    return rect


@RECTIFY.action("accept", permit=_require_office)
def accept_rectification(*, case: Rectification, actor: Actor, closed_on: date) -> Rectification:
    """销号: the office accepts the unit's rectification; the file's 整改完成日期 is recorded."""
    rect = case
    if rect.replied_on and closed_on < rect.replied_on:
        raise ValidationError({"closed_on": f"销号日期不能早于单位回复日期（{rect.replied_on:%Y-%m-%d}）"})
    rect.status, rect.closed_on = RectifyStatus.CLOSED, closed_on
    RECTIFY.save(rect, actor=actor, reason="整改销号")
    review = rect.review
    review.rectified_on = closed_on
    save_audited(review, actor=actor, reason="整改销号")
    RECTIFY.event(rect, "accept", on=closed_on, actor=actor, note="整改到位，销号")
    return rect


@RECTIFY.action("send_back", permit=_require_office)
def send_back_rectification(
    *, case: Rectification, actor: Actor, note: str, returned_on: date, due: date | None = None
) -> Rectification:
    """退回重新整改: the office finds the reply short and says why: 待销号 → 待整改 (a new deadline if given)."""
    rect = case
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "请填写退回意见：整改还缺什么"})
    if rect.replied_on and returned_on < rect.replied_on:
        raise ValidationError({"returned_on": f"退回日期不能早于单位回复日期（{rect.replied_on:%Y-%m-%d}）"})
    if due is not None and due < returned_on:
        raise ValidationError({"due": "新的整改期限不能早于退回日期"})
    rect.returned_note, rect.returns = note, rect.returns + 1
    if due is not None:
        rect.due = due
    RECTIFY.done(rect, "send_back", actor=actor, history="退回重新整改", on=returned_on, note=f"退回：{note}")
    return rect


# -- 权责清单 ---------------------------------------------------------------------------------------------


def is_township_unit(unit: Org) -> bool:
    """Whether `unit` belongs to a 乡镇（街道）: where a 赋权事项 is exercised."""
    return unit.jurisdiction().kind == OrgKind.TOWNSHIP


def _check_power_item(item: PowerItem, doc_number: str, doc_date: date | None) -> None:
    errors = {**rules.validate_change_document(doc_number, doc_date)}
    errors.update(rules.validate_power_item(item, township=is_township_unit(item.unit)))
    if errors:
        raise ValidationError(errors)


def _log_change(
    item: PowerItem,
    action: str,
    *,
    actor: Actor,
    doc_number: str,
    doc_title: str,
    doc_date: date,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str = "",
) -> PowerItemChange:
    seq = (item.changes.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    change = PowerItemChange(
        item=item,
        seq=seq,
        action=action,
        doc_number=doc_number.strip(),
        doc_title=doc_title.strip(),
        doc_date=doc_date,
        before=before,
        after=after,
        note=note.strip(),
        actor=acting_user(actor),
    )
    change.full_clean(exclude=["item", "actor"])
    change.save()
    return change


@transaction.atomic
def add_power_item(
    *,
    actor: Actor,
    unit: Org,
    code: str,
    name: str,
    power_type: str,
    law: str,
    articles: str,
    doc_number: str,
    doc_date: date,
    doc_title: str = "",
    implementer: str = Implementer.UNIT,
    entrusted_org: str = "",
    responsibilities: str = "",
    in_catalog: bool = False,
    delegated: bool = False,
    delegation_doc_number: str = "",
    delegation_doc_title: str = "",
    delegated_on: date | None = None,
) -> PowerItem:
    """新增权责事项: the item enters the unit's current list on the document's date (`doc_date`)."""
    org = unit.jurisdiction()
    _require(actor, (org, unit))
    code = (code or "").strip()
    item = PowerItem(
        org=org,
        unit=unit,
        code=code,
        name=(name or "").strip(),
        power_type=power_type,
        law=(law or "").strip(),
        articles=(articles or "").strip(),
        implementer=implementer,
        entrusted_org=(entrusted_org or "").strip(),
        responsibilities=(responsibilities or "").strip(),
        in_catalog=in_catalog,
        delegated=delegated,
        delegation_doc_number=(delegation_doc_number or "").strip(),
        delegation_doc_title=(delegation_doc_title or "").strip(),
        delegated_on=delegated_on,
        added_on=doc_date,
        created_by=acting_user(actor),
    )
    _check_power_item(item, doc_number, doc_date)
    if code and PowerItem.all_objects.filter(unit=unit, code=code).exists():
        raise ValidationError({"code": f"事项编码 {code} 在{unit.name}的权责清单中已使用"})
    item.full_clean(exclude=["created_by"], validate_unique=False)
    save_audited(item, actor=actor, reason=f"新增权责事项（{doc_number.strip()}）")
    _log_change(
        item,
        PowerChange.ADDED,
        actor=actor,
        doc_number=doc_number,
        doc_title=doc_title,
        doc_date=doc_date,
        before={},
        after=rules.power_snapshot(item),
    )
    return item


def _require_current(item: PowerItem, doc_date: date | None) -> None:
    if item.status == PowerStatus.REMOVED:
        raise ValidationError({"doc_number": f"该事项已于{item.removed_on:%Y-%m-%d}取消，不能再调整"})
    last = item.changes.order_by("-seq").values_list("doc_date", flat=True).first()
    if doc_date and last and doc_date < last:
        raise ValidationError({"doc_date": f"调整日期不能早于该事项上次调整的日期（{last:%Y-%m-%d}）"})


@transaction.atomic
def change_power_item(
    *,
    item: PowerItem,
    actor: Actor,
    doc_number: str,
    doc_date: date,
    doc_title: str = "",
    note: str = "",
    **changes: Any,
) -> PowerItem:
    """变更权责事项 by a document: the fields changed, before and after, go into the change log."""
    item = lock(item)
    _require(actor, (item.org, item.unit))
    _require_current(item, doc_date)
    unknown = sorted(set(changes) - set(rules.POWER_FIELDS))
    if unknown:
        raise ValidationError({"name": f"不能调整的字段：{'、'.join(unknown)}"})
    before = rules.power_snapshot(item)
    for name, value in changes.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    after = rules.power_snapshot(item)
    changed = [k for k in rules.POWER_FIELDS if before[k] != after[k]]
    try:
        if not changed:
            raise ValidationError({"name": "没有需要调整的内容"})
        _check_power_item(item, doc_number, doc_date)
    except ValidationError:
        item.refresh_from_db()  # the caller's object keeps the recorded values, not the refused ones
        raise
    bump_version(item)
    item.full_clean(exclude=["created_by"], validate_unique=False)
    save_audited(item, actor=actor, reason=f"变更权责事项（{doc_number.strip()}）")
    _log_change(
        item,
        PowerChange.CHANGED,
        actor=actor,
        doc_number=doc_number,
        doc_title=doc_title,
        doc_date=doc_date,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
        note=note,
    )
    return item


@transaction.atomic
def remove_power_item(
    *, item: PowerItem, actor: Actor, doc_number: str, doc_date: date, doc_title: str = "", note: str = ""
) -> PowerItem:
    """取消权责事项: the item leaves the current list on `doc_date`; it stays on record with its history."""
    item = lock(item)
    _require(actor, (item.org, item.unit))
    if errors := rules.validate_change_document(doc_number, doc_date):
        raise ValidationError(errors)
    _require_current(item, doc_date)
    if doc_date < item.added_on:
        raise ValidationError({"doc_date": f"取消日期不能早于列入清单日期（{item.added_on:%Y-%m-%d}）"})
    before = rules.power_snapshot(item)
    bump_version(item)
    item.status, item.removed_on = PowerStatus.REMOVED, doc_date
    save_audited(item, actor=actor, reason=f"取消权责事项（{doc_number.strip()}）")
    _log_change(
        item,
        PowerChange.REMOVED,
        actor=actor,
        doc_number=doc_number,
        doc_title=doc_title,
        doc_date=doc_date,
        before=before,
        after={},
        note=note,
    )
    return item


# -- 执法监督预警 -------------------------------------------------------------------------------------------

SCAN_REASON = "执法监督预警扫描"
CLEARED = "系统复核：预警条件已消除（{detail}），自动关闭"
VOIDED = "系统复核：所涉案件已作废，自动关闭"
RETIRED = "系统复核：预警规则调整，罚没金额不再作为异常波动判断（scan.JUMP_RULE），自动关闭"


@dataclass
class ScanResult:
    opened: int = 0
    closed: int = 0
    found: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def scan_warnings(*, today: date, scope: Org | None = None, actor: Actor | None = None) -> ScanResult:
    """执法监督预警扫描 over `scope`'s subtree (None: every jurisdiction): opens a warning for each finding of
    scan.findings that has none yet (its key; so a second scan opens nothing), and closes by itself each open
    warning of a remediable kind (REMEDIABLE_WARNINGS) whose finding is gone, and each whose case was voided.
    A breach (overdue, late, uncertified, unreviewed, jump) stays open until the unit explains it. Written
    audited (history rows with reason 执法监督预警扫描). Run daily by `fazhi enforcement-warnings`."""
    from . import scan

    if actor is not None and scope is not None:
        _require(actor, (scope,), "enforcement.manage")
    result = ScanResult()
    existing = EnforcementWarning.objects.all()
    if scope is not None:
        existing = existing.filter(org__path__startswith=scope.path)
    known = set(existing.values_list("key", flat=True))
    found: set[str] = set()
    new: list[EnforcementWarning] = []
    reply_due = _reply_due(today)
    for f in scan.findings(scope, today):
        found.add(f.key)
        result.by_kind[f.kind] = result.by_kind.get(f.kind, 0) + 1
        if f.key in known:
            continue
        known.add(f.key)
        new.append(
            EnforcementWarning(
                org_id=f.org_id,
                unit_id=f.unit_id,
                kind=f.kind,
                key=f.key,
                case_id=f.case_id,
                officer_id=f.officer_id,
                month=f.month,
                opened_on=today,
                reply_due=reply_due(f.org_id),
                detail=f.detail[:500],
                state=WarningState.OPEN,
            )
        )
    result.found = len(found)
    now = timezone.now()
    for part in chunked(new, 2000):
        bulk_create_audited(EnforcementWarning, part, user=acting_user(actor), reason=SCAN_REASON, when=now)
    result.opened = len(new)
    open_ = existing.filter(state=WarningState.OPEN)
    stale = [
        w
        for w in open_.filter(kind__in=sorted(REMEDIABLE_WARNINGS)).select_for_update()
        if w.key not in found
    ]
    for w in stale:
        _close(
            w, actor=actor, on=today, explanation=CLEARED.format(detail=w.detail[:200]), reason=SCAN_REASON
        )
    voided = list(open_.filter(case__voided_at__isnull=False).select_for_update())
    for w in voided:
        _close(w, actor=actor, on=today, explanation=VOIDED, reason=SCAN_REASON)
    # the amounts' jumps of the former rule: no longer judged, so no longer the unit's to explain
    retired = list(open_.filter(kind=WarningKind.JUMP, key__endswith=":amount").select_for_update())
    for w in retired:
        _close(w, actor=actor, on=today, explanation=RETIRED, reason=SCAN_REASON)
    result.closed = len(stale) + len(voided) + len(retired)
    # open warnings from before the explanation had its due date get theirs, counted from their own date
    for w in open_.filter(reply_due__isnull=True).exclude(pk__in=[w.pk for w in stale + voided + retired]):
        w.reply_due = _reply_due(w.opened_on)(w.org_id)
        save_audited(w, actor=actor, reason=SCAN_REASON)
    return result


def _reply_due(opened_on: date) -> Callable[[int], date | None]:
    """org id -> the due date of a unit's explanation of a warning opened on `opened_on` in that jurisdiction
    (rules.warning_reply_deadline), computed once per jurisdiction."""
    from fazhi.law.calendar import WorkCalendar

    calendar = WorkCalendar()
    memo: dict[int, date | None] = {}

    def due(org_id: int) -> date | None:
        if org_id not in memo:
            memo[org_id] = rules.warning_reply_deadline(Org.objects.get(pk=org_id), opened_on, calendar).due
        return memo[org_id]

    return due


def _close(w: EnforcementWarning, *, actor: Actor | None, on: date, explanation: str, reason: str) -> None:
    w.state = WarningState.CLOSED
    w.closed_on = on
    w.explanation = explanation
    w.closed_by = acting_user(actor)
    save_audited(w, actor=actor, reason=reason)


@transaction.atomic
def close_warning(
    *, warning: EnforcementWarning, actor: Actor, explanation: str, closed_on: date | None = None
) -> EnforcementWarning:
    """关闭预警: the unit's explanation (required) closes it; the unit's clerk or the office may record it."""
    lock(warning)
    _require(actor, (warning.org, warning.unit))
    if warning.state != WarningState.OPEN:
        raise ValidationError({"explanation": f"该预警已于{warning.closed_on:%Y-%m-%d}关闭"})
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError({"explanation": "请填写单位说明：关闭预警须说明原因及整改情况"})
    on = closed_on or timezone.localdate()
    if on < warning.opened_on:
        raise ValidationError({"closed_on": f"关闭日期不能早于预警日期（{warning.opened_on:%Y-%m-%d}）"})
    _close(warning, actor=actor, on=on, explanation=explanation, reason="说明并关闭预警")
    return warning
