"""Every write to 重大行政决策 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import (
    ADOPTING_ANSWERS,
    CatalogStatus,
    Category,
    CommentAnswer,
    CommentChannel,
    CommentStatus,
    EvaluationTrigger,
    LegalityOpinion,
    Meeting,
    Status,
)
from .models import Decision, DecisionCatalog, DecisionEvent, DraftClause, PublicComment

APP = "decisions"


def _require(actor: Actor, *orgs: Org | None, message: str = "无权办理该决策事项") -> None:
    if not any(can(actor, org, "decisions.handle") for org in orgs if org is not None):
        raise PermissionDenied(message)


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save(d: Decision, *, actor: Actor, reason: str) -> None:
    if d.pk is not None:
        bump_version(d)
    c, h = rules.comment_deadline(d), rules.hearing_deadline(d)
    d.comment_earliest_end = c.due if c else None
    d.hearing_materials_due = h.due if h else None
    errors = rules.validate(d)
    if errors:
        if d.pk:
            d.refresh_from_db()
        raise ValidationError(errors)
    d.full_clean(exclude=["created_by", "catalog"])
    save_audited(d, actor=actor, reason=reason)


def _event(d: Decision, action: str, *, on: dt.date, actor: Actor | None, **facts: Any) -> None:
    kind, on, note = rules.event(d, action, on, **facts)
    DecisionEvent.objects.create(case=d, kind=kind, on=on, note=note, actor=_user(actor))


# -- the catalog --------------------------------------------------------------------------------------------
def catalog_for(org: Org, year: int) -> DecisionCatalog:
    catalog: DecisionCatalog = DecisionCatalog.objects.get_or_create(org=org, year=year)[0]
    return catalog


@transaction.atomic
def approve_catalog(*, catalog: DecisionCatalog, actor: Actor, approved_on: dt.date) -> DecisionCatalog:
    """经同级党委同意 (第三条第三款)."""
    lock(catalog)
    _require(actor, catalog.org, message="无权办理该决策事项目录")
    if catalog.status != CatalogStatus.DRAFT:
        raise ValidationError("目录已经党委同意")
    if not catalog.items.exists():
        raise ValidationError("目录中尚无决策事项")
    catalog.status, catalog.approved_on = CatalogStatus.APPROVED, approved_on
    bump_version(catalog)
    save_audited(catalog, actor=actor, reason="经同级党委同意")
    return catalog


@transaction.atomic
def publish_catalog(*, catalog: DecisionCatalog, actor: Actor, published_on: dt.date) -> DecisionCatalog:
    """向社会公布 (第三条第三款): only after the 党委 agreed."""
    lock(catalog)
    _require(actor, catalog.org, message="无权办理该决策事项目录")
    if catalog.status != CatalogStatus.APPROVED:
        raise ValidationError(
            "决策事项目录经同级党委同意后方可向社会公布（重大行政决策程序暂行条例第三条第三款）"
        )
    if catalog.approved_on and published_on < catalog.approved_on:
        raise ValidationError("公布日期不能早于党委同意日期")
    catalog.status, catalog.published_on = CatalogStatus.PUBLISHED, published_on
    bump_version(catalog)
    save_audited(catalog, actor=actor, reason="向社会公布")
    return catalog


@transaction.atomic
def list_decision(
    *,
    actor: Actor,
    sponsor: Org,
    title: str,
    category: str,
    year: int,
    listed_on: dt.date,
    needs_public: bool = True,
    needs_expert: bool = False,
    needs_risk: bool = False,
    needs_hearing: bool = False,
    adjustment_reason: str = "",
) -> Decision:
    """列入决策事项目录: a matter enters the jurisdiction's catalog of `year`. Once the catalog is approved, an
    addition is an adjustment (调整) and needs its reason."""
    org = sponsor.jurisdiction()
    _require(actor, org, sponsor, message="无权为该单位申报决策事项")
    if category not in Category.values:
        raise ValidationError({"category": f"未知的事项类别：{category}"})
    catalog = catalog_for(org, year)
    if catalog.status != CatalogStatus.DRAFT and not adjustment_reason.strip():
        raise ValidationError(
            {
                "adjustment_reason": "目录已经党委同意或已公布，增列事项属于目录调整，请说明调整理由（第三条第三款）"
            }
        )
    _, number = numbering.next_number(org, APP, year)
    d = Decision(
        catalog=catalog,
        org=org,
        sponsor=sponsor,
        number=number,
        title=title.strip(),
        category=category,
        listed_on=listed_on,
        needs_public=needs_public,
        needs_expert=needs_expert,
        needs_risk=needs_risk,
        needs_hearing=needs_hearing,
        adjustment_reason=adjustment_reason.strip(),
        created_by=_user(actor),
    )
    _save(d, actor=actor, reason="列入决策事项目录")
    _event(d, "list", on=listed_on, actor=actor)
    return d


def _step(d: Decision, action: str, actor: Actor) -> None:
    lock(d)
    _require(actor, d.org, d.sponsor)
    rules.check_transition(d, action)


@transaction.atomic
def record_comment(
    *,
    case: Decision,
    actor: Actor,
    comment_start: dt.date,
    comment_end: dt.date,
    comments_received: int = 0,
    comments_adopted: int = 0,
    adoption_summary: str = "",
    shortened_reason: str = "",
) -> Decision:
    """向社会公开征求意见 (第十五条): not less than 30日 unless shortened with a reason; the adoption summary.
    The counts typed here serve a decision whose comments were not recorded one by one; once the portal holds
    comment records for it, the counts are those of the records (received: all; adopted: 采纳 and 部分采纳)."""
    d = case
    _step(d, "comment", actor)
    if d.public_comments.exists() and (comment_start, comment_end) != (d.comment_start, d.comment_end):
        raise ValidationError({"comment_start": "已收到公众对征求意见稿的意见，征求意见期限不能再修改"})
    d.comment_start, d.comment_end = comment_start, comment_end
    if d.public_comments.exists():
        comments_received = d.public_comments.count()
        comments_adopted = d.public_comments.filter(answer__in=ADOPTING_ANSWERS).count()
    d.comments_received, d.comments_adopted = comments_received, comments_adopted
    d.adoption_summary = adoption_summary.strip()
    d.comment_shortened_reason = shortened_reason.strip()
    _save(d, actor=actor, reason="公开征求意见")
    _event(d, "comment", on=comment_end, actor=actor)
    return d


@transaction.atomic
def record_hearing(
    *, case: Decision, actor: Actor, hearing_on: dt.date, materials_served_on: dt.date | None = None
) -> Decision:
    """听证会 (第十六条): materials to the participants 7日 before; an open service shows in the due list."""
    d = case
    _step(d, "hearing", actor)
    d.hearing_on = hearing_on
    d.hearing_materials_served_on = materials_served_on
    _save(d, actor=actor, reason="听证会")
    _event(d, "hearing", on=materials_served_on or hearing_on, actor=actor)
    return d


@transaction.atomic
def record_expert(*, case: Decision, actor: Actor, expert_on: dt.date, summary: str = "") -> Decision:
    d = case
    _step(d, "expert", actor)
    d.expert_on, d.expert_summary = expert_on, summary.strip()
    _save(d, actor=actor, reason="专家论证")
    _event(d, "expert", on=expert_on, actor=actor)
    return d


@transaction.atomic
def record_risk(*, case: Decision, actor: Actor, risk_on: dt.date, conclusion: str = "") -> Decision:
    d = case
    _step(d, "risk", actor)
    d.risk_on, d.risk_conclusion = risk_on, conclusion.strip()
    _save(d, actor=actor, reason="风险评估")
    _event(d, "risk", on=risk_on, actor=actor)
    return d


@transaction.atomic
def record_legality(
    *, case: Decision, actor: Actor, legality_review: str, legality_on: dt.date, opinion: str
) -> Decision:
    """合法性审查意见 (第二十五条至第二十八条); the review itself is a record of the 合法性审核 register."""
    d = case
    _step(d, "legality", actor)
    if opinion not in LegalityOpinion.values:
        raise ValidationError({"opinion": f"未知的审查意见：{opinion}"})
    d.legality_review, d.legality_on, d.legality_opinion = legality_review.strip(), legality_on, opinion
    _save(d, actor=actor, reason="合法性审查")
    _event(d, "legality", on=legality_on, actor=actor)
    return d


@transaction.atomic
def record_decision(
    *,
    case: Decision,
    actor: Actor,
    discussed_on: dt.date,
    meeting: str,
    decision_text: str,
    dissent: str = "",
) -> Decision:
    """集体讨论决定 (第三十条): refused while a required step is missing or the legality review does not allow it."""
    d = case
    _step(d, "decide", actor)
    missing = rules.missing_before_decision(d)
    if missing:
        raise ValidationError("不能提交决策机关讨论：" + "；".join(missing) + "。")
    if meeting not in Meeting.values:
        raise ValidationError({"meeting": f"未知的会议：{meeting}"})
    d.discussed_on, d.meeting = discussed_on, meeting
    d.decision_text, d.dissent = decision_text.strip(), dissent.strip()
    d.status = Status.DECIDED
    _save(d, actor=actor, reason="集体讨论决定")
    _event(d, "decide", on=discussed_on, actor=actor)
    return d


@transaction.atomic
def publish_decision(*, case: Decision, actor: Actor, published_on: dt.date) -> Decision:
    d = case
    _step(d, "publish", actor)
    d.published_on, d.status = published_on, Status.PUBLISHED
    _save(d, actor=actor, reason="决策公布")
    _event(d, "publish", on=published_on, actor=actor)
    return d


@transaction.atomic
def archive_decision(*, case: Decision, actor: Actor, archived_on: dt.date) -> Decision:
    d = case
    _step(d, "archive", actor)
    d.archived_on = archived_on
    _save(d, actor=actor, reason="归档")
    _event(d, "archive", on=archived_on, actor=actor)
    return d


@transaction.atomic
def record_evaluation(
    *, case: Decision, actor: Actor, evaluated_on: dt.date, trigger: str, summary: str = ""
) -> Decision:
    d = case
    _step(d, "evaluate", actor)
    if trigger not in EvaluationTrigger.values:
        raise ValidationError({"trigger": f"未知的后评估情形：{trigger}"})
    d.evaluated_on, d.evaluation_trigger, d.evaluation_summary = evaluated_on, trigger, summary.strip()
    _save(d, actor=actor, reason="决策后评估")
    _event(d, "evaluate", on=evaluated_on, actor=actor)
    return d


@transaction.atomic
def withdraw_decision(*, case: Decision, actor: Actor, withdrawn_on: dt.date, reason: str) -> Decision:
    """调出目录 (第三条第三款 "根据实际情况调整"): with the reason."""
    d = case
    _step(d, "withdraw", actor)
    if not reason.strip():
        raise ValidationError({"reason": "请说明调出目录的理由"})
    d.status, d.adjustment_reason = Status.WITHDRAWN, reason.strip()[:300]
    _save(d, actor=actor, reason="调出目录")
    _event(d, "withdraw", on=withdrawn_on, actor=actor, reason=reason.strip())
    return d


# -- public comment on the draft, clause by clause (第十五条, 第十八条) -------------------------------------------
@transaction.atomic
def publish_draft(
    *,
    case: Decision,
    actor: Actor,
    draft_text: str,
    comment_start: dt.date,
    comment_end: dt.date,
    shortened_reason: str = "",
) -> Decision:
    """公布决策草案、公开征求意见 (第十五条第一款): the draft, split into its clauses (第X条) for the portal, and the
    comment period (一般不少于30日; shorter only with the reason stated). Once comments have come in, the draft and
    its period stay as published."""
    d = case
    _step(d, "draft", actor)
    text = (draft_text or "").strip()
    if not text:
        raise ValidationError({"draft_text": "请填写决策草案（征求意见稿）正文"})
    if d.public_comments.exists():
        raise ValidationError(
            {"draft_text": "已收到公众对征求意见稿的意见，不能再替换征求意见稿或修改征求意见期限"}
        )
    clauses = rules.split_clauses(text)
    d.draft_text = text
    d.comment_start, d.comment_end = comment_start, comment_end
    d.comment_shortened_reason = shortened_reason.strip()
    _save(d, actor=actor, reason="公布征求意见稿")
    d.clauses.all().delete()
    DraftClause.objects.bulk_create(
        DraftClause(decision=d, seq=i, part=part, heading=heading, text=body)
        for i, (part, heading, body) in enumerate(clauses, start=1)
    )
    _event(d, "draft", on=comment_start, actor=actor, clauses=len(clauses))
    return d


@transaction.atomic
def submit_comment(
    *,
    decision: Decision,
    clause_id: int,
    text: str,
    name: str = "",
    contact: str = "",
    today: dt.date | None = None,
) -> PublicComment:
    """A comment from anyone (the portal, no login) on one clause of a draft open for comment. Refused outside
    the comment period; waits for moderation before anything of it is shown."""
    today = today or timezone.localdate()
    d = lock(decision)
    closed = rules.comment_closed_reason(d, today)
    if closed:
        raise ValidationError(closed)
    clause = d.clauses.filter(pk=clause_id).first()
    if clause is None:
        raise ValidationError({"clause": "请选择意见针对的条文"})
    body, name, contact = (text or "").strip(), (name or "").strip(), (contact or "").strip()
    errors = rules.comment_errors(body, name, contact)
    if errors:
        raise ValidationError(errors)
    c = PublicComment(decision=d, clause=clause, submitted_on=today, name=name, contact=contact, text=body)
    save_audited(c, actor=None, reason="公众提交意见")
    return c


@transaction.atomic
def record_offline_comment(
    *,
    decision: Decision,
    actor: Actor,
    clause_id: int,
    received_on: dt.date,
    channel: str,
    text: str,
    name: str = "",
    contact: str = "",
) -> PublicComment:
    """A comment the office received offline (a letter, an e-mail, a meeting) during the comment period, entered
    by the office; moderated and answered like one from the portal."""
    d = lock(decision)
    _require(actor, d.org, d.sponsor, message="无权登记该决策事项的公众意见")
    refusal = rules.offline_comment_refusal(d, received_on)
    if refusal:
        raise ValidationError({"received_on": refusal})
    if channel not in CommentChannel.values or channel == CommentChannel.PORTAL:
        raise ValidationError(
            {"channel": "请选择线下收到意见的途径（信函、电子邮件、传真、座谈会、当面提出）"}
        )
    clause = d.clauses.filter(pk=clause_id).first()
    if clause is None:
        raise ValidationError({"clause": "请选择意见针对的条文"})
    body, name, contact = (text or "").strip(), (name or "").strip(), (contact or "").strip()
    errors = rules.comment_errors(body, name, contact)
    if errors:
        raise ValidationError(errors)
    c = PublicComment(
        decision=d,
        clause=clause,
        submitted_on=received_on,
        channel=channel,
        name=name,
        contact=contact,
        text=body,
    )
    save_audited(c, actor=actor, reason=f"登记线下收到的公众意见（{CommentChannel(channel).label}）")
    return c


def _comment_step(comment: PublicComment, actor: Actor) -> Decision:
    lock(comment)
    d = comment.decision
    _require(actor, d.org, d.sponsor, message="无权处理该决策事项的公众意见")
    return d


@transaction.atomic
def moderate_comment(
    *, comment: PublicComment, actor: Actor, publish: bool, reason: str = "", on: dt.date | None = None
) -> PublicComment:
    """审核: 待审核 → 公开, or → 不予公开 with the reason (e.g. 与决策事项无关、含有个人信息或者违法内容)."""
    c = comment
    _comment_step(c, actor)
    if c.status != CommentStatus.PENDING:
        raise ValidationError(f"该意见已审核（{c.get_status_display()}），不能重复审核")
    reason = (reason or "").strip()
    if not publish and not reason:
        raise ValidationError({"reason": "不予公开的，请说明理由"})
    c.status = CommentStatus.PUBLISHED if publish else CommentStatus.WITHHELD
    c.withheld_reason = "" if publish else reason[:300]
    c.moderated_on, c.moderated_by = on or timezone.localdate(), _user(actor)
    save_audited(c, actor=actor, reason="审核公众意见：" + c.get_status_display())
    return c


@transaction.atomic
def answer_comment(
    *, comment: PublicComment, actor: Actor, answer: str, reason: str, on: dt.date | None = None
) -> PublicComment:
    """答复: 采纳 / 部分采纳 / 不采纳, with the reason (第十八条; the 研究采纳情况 of 第二十九条第二项). An answer may be
    revised; each version stays in the history."""
    c = comment
    _comment_step(c, actor)
    if answer not in CommentAnswer.values:
        raise ValidationError({"answer": f"未知的采纳情况：{answer}"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写答复理由"})
    if len(reason) > 500:
        raise ValidationError({"reason": "答复理由不能超过500字"})
    c.answer, c.answer_reason = answer, reason
    c.answered_on, c.answered_by = on or timezone.localdate(), _user(actor)
    save_audited(c, actor=actor, reason="答复公众意见：" + CommentAnswer(answer).label)
    return c
