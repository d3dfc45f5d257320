"""Every write to 重大行政决策 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

import datetime as dt
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
from .choices import CatalogStatus, Category, EvaluationTrigger, LegalityOpinion, Meeting, Status
from .models import Decision, DecisionCatalog, DecisionEvent

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
    """向社会公开征求意见 (第十五条): not less than 30日 unless shortened with a reason; the adoption summary."""
    d = case
    _step(d, "comment", actor)
    d.comment_start, d.comment_end = comment_start, comment_end
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
