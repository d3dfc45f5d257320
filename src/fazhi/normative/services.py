"""Every write to the 行政规范性文件 register: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
from .choices import OUTCOME_STATUS, CampaignStatus, CleanupOutcome, DocKind, Filing, ReviewResult, Status
from .models import CleanupCampaign, CleanupItem, NormativeDocument, NormativeEvent

APP = "normative"


def _require(actor: Actor, orgs: Iterable[Org | None], capability: str, message: str) -> None:
    if not any(can(actor, org, capability) for org in orgs if org is not None):
        raise PermissionDenied(message)


def require_handler(actor: Actor, doc: NormativeDocument) -> None:
    """Who may change a document: the issuer's or the jurisdiction's holders of normative.handle."""
    _require(actor, (doc.org, doc.issuer), "normative.handle", "无权办理该单位的规范性文件")


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _derive(doc: NormativeDocument) -> None:
    """The filing due dates and the on-time flag, from the publication date and the jurisdiction's settings."""
    for f in Filing.values:
        d = rules.filing_deadline(doc, f)
        setattr(doc, f"{f}_due", d.due if d else None)
    effective = rules.effective_deadline(doc)
    doc.effective_earliest = effective.due if effective else None
    doc.filed_on_time = rules.filed_on_time(doc) if doc.published_on else None


def _save(doc: NormativeDocument, *, actor: Actor, reason: str) -> None:
    if doc.pk is not None:
        bump_version(doc)
    _derive(doc)
    errors = rules.validate(doc)
    if errors:
        if doc.pk:
            doc.refresh_from_db()
        raise ValidationError(errors)
    doc.full_clean(exclude=["created_by", "registration_number"] if doc.pk is None else ["created_by"])
    save_audited(doc, actor=actor, reason=reason)


def _event(doc: NormativeDocument, action: str, *, on: dt.date, actor: Actor | None, **facts: Any) -> None:
    kind, on, note = rules.event(doc, action, on, **facts)
    NormativeEvent.objects.create(case=doc, kind=kind, on=on, note=note, actor=_user(actor))


@transaction.atomic
def register_document(
    *,
    actor: Actor,
    issuer: Org,
    title: str,
    registered_on: dt.date,
    legality_review: str = "",
    text: str = "",
    kind: str = DocKind.NORMATIVE,
) -> NormativeDocument:
    """统一登记、统一编号: the office registers a document before it is issued and gives it the register's number
    (the pattern and prefix per jurisdiction and year: core.numbering, 案号规则 in the admin). A 规章 only by a
    jurisdiction's government that has rule-making power (立法法 第九十三条第一款; rules.rule_refusal)."""
    org = issuer.jurisdiction()
    _require(actor, (org, issuer), "normative.handle", "无权登记该单位的规范性文件")
    if kind not in DocKind.values:
        raise ValidationError({"kind": f"未知的文件类型：{kind}"})
    if kind == DocKind.RULE:
        refusal = rules.rule_refusal(issuer, org)
        if refusal:
            raise ValidationError({"kind": refusal})
    _, number = numbering.next_number(org, APP, registered_on.year)
    while NormativeDocument.objects.filter(registration_number=number).exists():  # an imported number
        _, number = numbering.next_number(org, APP, registered_on.year)
    doc = NormativeDocument(
        org=org,
        issuer=issuer,
        filed_to=rules.filed_to(issuer, org),
        kind=kind,
        title=title.strip(),
        registration_number=number,
        legality_review=legality_review.strip(),
        text=text,
        registered_on=registered_on,
        provisional=rules.is_provisional(title),
        created_by=_user(actor),
    )
    _save(doc, actor=actor, reason="统一登记、编号")
    _event(doc, "register", on=registered_on, actor=actor)
    return doc


@transaction.atomic
def publish_document(
    *,
    case: NormativeDocument,
    actor: Actor,
    doc_number: str,
    published_on: dt.date,
    effective_on: dt.date,
    adopted_on: dt.date | None = None,
    legality_review: str = "",
    validity_years: int | None = None,
    effective_exception: str = "",
    effective_reason: str = "",
) -> NormativeDocument:
    """统一印发（公布）: the document takes its 文号, publication and effective dates and its validity; the filing
    clocks start (rules.filing_deadline). A document without a legality review may not be issued. A 规章 takes
    effect 30 days after publication at the earliest unless one of 规章制定程序条例 第三十二条's cases is chosen with
    its reason (rules.effective_errors)."""
    doc = case
    lock(doc)
    _require(actor, (doc.org, doc.issuer), "normative.handle", "无权印发该单位的规范性文件")
    rules.check_transition(doc, "publish")
    years, refusal = rules.validity(doc.org, doc.kind, doc.provisional, validity_years)
    if refusal:
        raise ValidationError({"validity_years": refusal})
    doc.doc_number = doc_number.strip()
    doc.published_on = published_on
    doc.effective_on = effective_on
    doc.adopted_on = adopted_on
    doc.effective_exception = effective_exception
    doc.effective_reason = effective_reason.strip()
    if legality_review.strip():
        doc.legality_review = legality_review.strip()
    doc.validity_years = years
    doc.expires_on = rules.expiry(effective_on, years) if years else None
    doc.status = Status.IN_FORCE
    _save(doc, actor=actor, reason="统一印发（公布）")
    _event(doc, "publish", on=published_on, actor=actor)
    return doc


@transaction.atomic
def file_document(
    *, case: NormativeDocument, actor: Actor, filing: str, filed_on: dt.date
) -> NormativeDocument:
    """报送备案: records the day the document was filed with the 人大常委会 or the government; late or on time."""
    doc = case
    lock(doc)
    _require(actor, (doc.org, doc.issuer), "normative.handle", "无权为该单位报送备案")
    rules.check_transition(doc, "file")
    if filing not in rules.open_filings(doc):
        if filing in Filing.values and filing in rules.filings(doc):
            raise ValidationError({"filing": f"已报{Filing(filing).label}备案"})
        raise ValidationError({"filing": rules.filing_refusal(doc, filing)})
    setattr(doc, f"{filing}_filed_on", filed_on)
    _save(doc, actor=actor, reason=f"报{Filing(filing).label}备案")
    _event(doc, "file", on=filed_on, actor=actor, filing=filing)
    return doc


@transaction.atomic
def review_filing(
    *,
    case: NormativeDocument,
    actor: Actor,
    result: str,
    reviewed_on: dt.date,
    problem: str = "",
    correction: str = "",
) -> NormativeDocument:
    """备案审查: the government the document was filed with records 通过 or 纠错 (the problem and the issuer's
    correction). Only the reviewing level may do it."""
    doc = case
    lock(doc)
    _require(actor, (doc.filed_to,), "normative.review", "只有备案审查机关可以登记备案审查结果")
    rules.check_transition(doc, "review")
    if result not in ReviewResult.values:
        raise ValidationError({"result": f"未知的审查结果：{result}"})
    doc.review_result = result
    doc.reviewed_on = reviewed_on
    doc.review_problem = problem.strip()
    doc.review_correction = correction.strip()
    _save(doc, actor=actor, reason=f"备案审查：{ReviewResult(result).label}")
    _event(doc, "review", on=reviewed_on, actor=actor)
    return doc


@transaction.atomic
def expire_document(*, case: NormativeDocument, actor: Actor, expired_on: dt.date) -> NormativeDocument:
    """有效期届满: the document loses effect (not renewed after the assessment)."""
    doc = case
    lock(doc)
    _require(actor, (doc.org,), "normative.handle", "无权变更该行政区划的规范性文件")
    rules.check_transition(doc, "expire")
    if doc.expires_on and expired_on < doc.expires_on:
        raise ValidationError({"expired_on": f"有效期至{doc.expires_on:%Y-%m-%d}，尚未届满"})
    doc.status = Status.EXPIRED
    doc.ended_on = expired_on
    _save(doc, actor=actor, reason="有效期届满失效")
    _event(doc, "expire", on=expired_on, actor=actor)
    return doc


# -- 清理 ----------------------------------------------------------------------------------------------------------
@transaction.atomic
def start_cleanup(*, actor: Actor, org: Org, title: str, started_on: dt.date) -> CleanupCampaign:
    """A clean-up of the jurisdiction's documents in force: every document of the subtree in force is picked."""
    _require(actor, (org,), "normative.handle", "无权组织该行政区划的规范性文件清理")
    campaign = CleanupCampaign(org=org, title=title.strip(), started_on=started_on, created_by=_user(actor))
    campaign.full_clean(exclude=["created_by"])
    save_audited(campaign, actor=actor, reason="开始清理")
    docs = NormativeDocument.objects.filter(
        org__path__startswith=org.path, status=Status.IN_FORCE, published_on__lte=started_on
    )
    CleanupItem.objects.bulk_create([CleanupItem(campaign=campaign, document=d) for d in docs])
    return campaign


@transaction.atomic
def decide_cleanup(*, item: CleanupItem, actor: Actor, outcome: str, decided_on: dt.date) -> CleanupItem:
    campaign = item.campaign
    lock(campaign)
    _require(actor, (campaign.org,), "normative.handle", "无权办理该清理")
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError("清理结果已公布，不能再修改")
    if outcome not in CleanupOutcome.values:
        raise ValidationError({"outcome": f"未知的清理结果：{outcome}"})
    item.outcome = outcome
    item.decided_on = decided_on
    save_audited(item, actor=actor, reason=f"清理结果：{CleanupOutcome(outcome).label}")
    return item


@transaction.atomic
def publish_cleanup(*, campaign: CleanupCampaign, actor: Actor, published_on: dt.date) -> CleanupCampaign:
    """公布清理结果: each document takes its outcome (废止、宣布失效 end it; 修改 marks it amended)."""
    lock(campaign)
    _require(actor, (campaign.org,), "normative.handle", "无权公布该清理结果")
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError("清理结果已公布")
    items = list(campaign.items.select_related("document"))
    undecided = [i.document.registration_number for i in items if not i.outcome]
    if undecided:
        raise ValidationError(f"尚有{len(undecided)}件文件未作出清理结论：{'、'.join(undecided[:5])}")
    for item in items:
        doc = item.document
        lock(doc)
        doc.cleanup_outcome = item.outcome
        doc.cleaned_on = published_on
        doc.status = OUTCOME_STATUS[CleanupOutcome(item.outcome)]
        if item.outcome != CleanupOutcome.KEEP:
            doc.ended_on = published_on
        _save(doc, actor=actor, reason=f"清理：{CleanupOutcome(item.outcome).label}")
        _event(doc, "clean", on=published_on, actor=actor, outcome=item.outcome, campaign=campaign.title)
    campaign.status = CampaignStatus.PUBLISHED
    campaign.published_on = published_on
    bump_version(campaign)
    save_audited(campaign, actor=actor, reason="公布清理结果")
    return campaign
