"""Every write to 督察, 考评 and 述法 records: one atomic, permission-checked, audited function per action.

Capabilities: `supervision.manage` (the office: inspections, recording problems, 销号 and its refusal, schemes,
publishing, 述法 review), `supervision.handle` (the responsible unit: 整改 措施, progress, applying for 销号),
`supervision.assess` (assessors: scoring)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fazhi.core.audit import save_audited
from fazhi.core.choices import OrgKind
from fazhi.core.jsettings import get_setting
from fazhi.core.locking import bump_version, lock, touch
from fazhi.core.models import Org
from fazhi.core.permissions import require
from fazhi.core.types import Actor

from . import rules, selectors
from .choices import (
    EvidenceEventKind,
    EvidenceStatus,
    IndicatorOp,
    InspectionKind,
    InspectionStatus,
    InterviewEventKind,
    InterviewStatus,
    ItemMethod,
    ProblemSource,
    ProblemStatus,
    SchemeEventKind,
    SchemeStatus,
    ShufaEventKind,
    ShufaResult,
    ShufaStatus,
)
from .models import (
    Evidence,
    EvidenceEvent,
    Inspection,
    InspectionEvent,
    Interview,
    InterviewEvent,
    Problem,
    ProblemEvent,
    Scheme,
    SchemeEvent,
    SchemeItem,
    Shufa,
    ShufaEvent,
    UnitScore,
)

MANAGE, HANDLE, ASSESS = "supervision.manage", "supervision.handle", "supervision.assess"


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}"})
    return value


# -- 督察 ----------------------------------------------------------------------------------------------------
@transaction.atomic
def start_inspection(
    *,
    actor: Actor,
    org: Org,
    title: str,
    kind: str,
    started_on: date,
    units: Iterable[Org],
    scope: str = "",
    inspectors: str = "",
) -> Inspection:
    """开展督察: the office of `org` inspects governments and units of its subtree."""
    require(actor, org, MANAGE, message="无权组织该地区的法治督察")
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": f"未知的督察方式：{kind}"})
    units = list(units)
    if not units:
        raise ValidationError({"units": "请选择被督察单位"})
    outside = [u.name for u in units if not u.path.startswith(org.path) or u.pk == org.pk]
    if outside:
        raise ValidationError({"units": f"被督察单位须为{org.name}所辖的政府或部门：{'、'.join(outside)}"})
    inspection = Inspection(
        org=org,
        title=_text(title, "title", "督察名称"),
        kind=kind,
        scope=scope.strip(),
        inspectors=inspectors.strip(),
        started_on=started_on,
        created_by=_user(actor),
    )
    inspection.full_clean(exclude=["created_by"])
    save_audited(inspection, actor=actor, reason="开展督察")
    inspection.inspected_units.set(units)
    InspectionEvent.objects.create(
        case=inspection,
        kind="started",
        on=started_on,
        note=f"{InspectionKind(kind).label}，被督察单位 {len(units)} 个",
        actor=_user(actor),
    )
    return inspection


@transaction.atomic
def conclude_inspection(*, case: Inspection, actor: Actor, ended_on: date, note: str = "") -> Inspection:
    lock(case)
    require(actor, case.org, MANAGE, message="无权结束该督察")
    rules.INSPECTION_WORKFLOW.check(case, "conclude")
    if ended_on < case.started_on:
        raise ValidationError({"ended_on": "结束日期不能早于开始日期"})
    bump_version(case)
    case.ended_on, case.status = ended_on, InspectionStatus.CONCLUDED
    save_audited(case, actor=actor, reason="督察结束")
    found = case.problems.count()
    InspectionEvent.objects.create(
        case=case,
        kind="concluded",
        on=ended_on,
        note=(note or f"发现问题 {found} 个")[:300],
        actor=_user(actor),
    )
    return case


# -- 问题台账 ------------------------------------------------------------------------------------------------
def ledger_org(org: Org, inspection: Inspection | None) -> Org:
    """Whose 问题台账 a problem joins: the inspecting office's; otherwise the government above the responsible
    org (a department's own government; a county government's parent)."""
    if inspection is not None:
        return inspection.org
    if org.kind == OrgKind.UNIT:
        return org.jurisdiction()
    return org.parent or org


def _save_problem(problem: Problem, *, actor: Actor, reason: str) -> None:
    if problem.pk is not None:
        bump_version(problem)
    if errors := rules.validate(problem):
        if problem.pk:
            problem.refresh_from_db()
        raise ValidationError(errors)
    if problem.pk is None:  # a registration: every field; a step changes only fields rules.validate checks
        problem.full_clean(exclude=["created_by", "inspection"])
    save_audited(problem, actor=actor, reason=reason)


def _event(problem: Problem, action: str, *, on: date, actor: Actor | None, note: str = "") -> None:
    kind, on, text = rules.event(problem, action, on, note=note)
    ProblemEvent.objects.create(case=problem, kind=kind, on=on, note=text, actor=_user(actor))


@transaction.atomic
def record_problem(
    *,
    actor: Actor,
    org: Org,
    source: str,
    description: str,
    found_on: date,
    rectify_due: date | None = None,
    inspection: Inspection | None = None,
    source_ref: str = "",
    category: str = "",
) -> Problem:
    """发现问题: a problem joins the 问题台账 with its responsible unit and 整改期限 (by default the number of days the
    jurisdiction set, 本级参数 supervision.rectify_days)."""
    jurisdiction = ledger_org(org, inspection)
    require(actor, jurisdiction, MANAGE, message="无权登记该地区的督察问题")
    if rectify_due is None:
        rectify_due = found_on + timedelta(days=int(get_setting(jurisdiction, "supervision.rectify_days")))
    if source not in ProblemSource.values:
        raise ValidationError({"source": f"未知的问题来源：{source}"})
    if inspection is not None:
        if source != ProblemSource.INSPECTION:
            raise ValidationError({"source": "属于某次督察的问题，来源应为「法治督察」"})
        if found_on < inspection.started_on:
            raise ValidationError({"found_on": "发现日期不能早于督察开始日期"})
        if not inspection.inspected_units.filter(pk=org.pk).exists():
            raise ValidationError({"org": f"{org.name}不是该次督察的被督察单位"})
    elif not org.path.startswith(jurisdiction.path):
        raise ValidationError({"org": "整改责任单位不在本地区"})
    problem = Problem(
        jurisdiction=jurisdiction,
        org=org,
        inspection=inspection,
        source=source,
        source_ref=source_ref.strip(),
        category=category.strip(),
        description=description.strip(),
        found_on=found_on,
        rectify_due=rectify_due,
        created_by=_user(actor),
    )
    _save_problem(problem, actor=actor, reason="登记问题")
    _event(problem, "found", on=found_on, actor=actor)
    return problem


def _unit_step(problem: Problem, actor: Actor, action: str) -> None:
    lock(problem)
    require(actor, problem.org, HANDLE, message="只有整改责任单位和法治办可以办理整改")
    rules.check_transition(problem, action)


def _office_step(problem: Problem, actor: Actor, action: str) -> None:
    lock(problem)
    require(actor, problem.jurisdiction, MANAGE, message="销号由法治办审核：无权审核该问题")
    rules.check_transition(problem, action)


def _not_before_found(problem: Problem, on: date, field: str, label: str) -> None:
    if on < problem.found_on:
        raise ValidationError(
            {field: f"{label}（{on:%Y-%m-%d}）不能早于发现日期（{problem.found_on:%Y-%m-%d}）"}
        )


@transaction.atomic
def plan_rectification(*, case: Problem, actor: Actor, measures: str, planned_on: date) -> Problem:
    """制定整改措施: the responsible unit starts rectifying (待整改 → 整改中)."""
    _unit_step(case, actor, "plan")
    _not_before_found(case, planned_on, "planned_on", "制定日期")
    case.measures = _text(measures, "measures", "整改措施")
    case.status = ProblemStatus.RECTIFYING
    _save_problem(case, actor=actor, reason="制定整改措施")
    _event(case, "plan", on=planned_on, actor=actor)
    return case


@transaction.atomic
def report_progress(*, case: Problem, actor: Actor, note: str, reported_on: date) -> Problem:
    _unit_step(case, actor, "progress")
    _not_before_found(case, reported_on, "reported_on", "报告日期")
    note = _text(note, "note", "整改进展")
    _save_problem(case, actor=actor, reason="报告整改进展")
    _event(case, "progress", on=reported_on, actor=actor, note=note)
    return case


@transaction.atomic
def apply_closure(*, case: Problem, actor: Actor, note: str, applied_on: date) -> Problem:
    """申请销号: the unit reports the problem rectified, with its evidence (attachments on the record)."""
    _unit_step(case, actor, "apply")
    _not_before_found(case, applied_on, "applied_on", "申请日期")
    note = _text(note, "note", "整改完成情况")
    case.status, case.applied_on = ProblemStatus.APPLIED, applied_on
    _save_problem(case, actor=actor, reason="申请销号")
    _event(case, "apply", on=applied_on, actor=actor, note=note)
    return case


@transaction.atomic
def approve_closure(*, case: Problem, actor: Actor, closed_on: date, note: str = "") -> Problem:
    """销号: the office accepts the rectification."""
    _office_step(case, actor, "approve")
    case.status, case.closed_on = ProblemStatus.CLOSED, closed_on
    _save_problem(case, actor=actor, reason="销号")
    _event(case, "approve", on=closed_on, actor=actor, note=note.strip())
    return case


@transaction.atomic
def refuse_closure(*, case: Problem, actor: Actor, reason: str, refused_on: date) -> Problem:
    """退回整改: the office refuses the 销号, with its reason in Chinese."""
    _office_step(case, actor, "refuse")
    reason = _text(reason, "reason", "退回理由")
    case.status, case.applied_on = ProblemStatus.RECTIFYING, None
    _save_problem(case, actor=actor, reason=f"退回整改：{reason}"[:100])
    _event(case, "refuse", on=refused_on, actor=actor, note=reason)
    return case


@transaction.atomic
def reopen_problem(
    *, case: Problem, actor: Actor, reason: str, reopened_on: date, rectify_due: date | None = None
) -> Problem:
    """重新整改: a closed problem that has come back (回头看) is open again, with a new deadline if given."""
    _office_step(case, actor, "reopen")
    reason = _text(reason, "reason", "重新整改的理由")
    case.status, case.applied_on, case.closed_on = ProblemStatus.RECTIFYING, None, None
    if rectify_due is not None:
        if rectify_due < reopened_on:
            raise ValidationError({"rectify_due": "新的整改期限不能早于重新整改日期"})
        case.rectify_due = rectify_due
    _save_problem(case, actor=actor, reason=f"重新整改：{reason}"[:100])
    _event(case, "reopen", on=reopened_on, actor=actor, note=reason)
    return case


# -- 约谈 ----------------------------------------------------------------------------------------------------
def interview_org(org: Org, inspection: Inspection | None, problem: Problem | None) -> Org:
    """Which office holds a 约谈: the inspecting office, the problem's ledger, or the government above the unit."""
    if inspection is not None:
        return inspection.org
    if problem is not None:
        return problem.jurisdiction
    return ledger_org(org, None)


@transaction.atomic
def record_interview(
    *,
    actor: Actor,
    org: Org,
    leader: str,
    title: str,
    held_on: date,
    reason: str,
    inspection: Inspection | None = None,
    problem: Problem | None = None,
    requirements: str = "",
) -> Interview:
    """约谈: the office interviews the leader of a unit (or a lower government) over 落实不力, a 督察 finding or an
    overdue 整改, and records what it required of them."""
    jurisdiction = interview_org(org, inspection, problem)
    require(actor, jurisdiction, MANAGE, message="无权登记该地区的约谈")
    if org.pk == jurisdiction.pk or not org.path.startswith(jurisdiction.path):
        raise ValidationError({"org": f"被约谈单位须为{jurisdiction.name}所辖的政府或部门"})
    if problem is not None:
        if problem.org_id != org.pk:
            raise ValidationError({"problem": f"该问题的整改责任单位是{problem.org.name}，不是{org.name}"})
        if inspection is not None and problem.inspection_id != inspection.pk:
            raise ValidationError({"problem": "该问题不属于所选督察"})
        if held_on < problem.found_on:
            raise ValidationError({"held_on": "约谈日期不能早于问题发现日期"})
    if inspection is not None:
        if not inspection.inspected_units.filter(pk=org.pk).exists():
            raise ValidationError({"org": f"{org.name}不是该次督察的被督察单位"})
        if held_on < inspection.started_on:
            raise ValidationError({"held_on": "约谈日期不能早于督察开始日期"})
    record = Interview(
        jurisdiction=jurisdiction,
        org=org,
        leader=_text(leader, "leader", "被约谈人"),
        title=_text(title, "title", "职务"),
        held_on=held_on,
        reason=_text(reason, "reason", "约谈事由"),
        inspection=inspection,
        problem=problem,
        requirements=requirements.strip(),
        created_by=_user(actor),
    )
    record.full_clean(exclude=["created_by", "inspection", "problem"])
    save_audited(record, actor=actor, reason="登记约谈")
    InterviewEvent.objects.create(
        case=record, kind=InterviewEventKind.HELD, on=held_on, note=record.reason[:300], actor=_user(actor)
    )
    return record


@transaction.atomic
def follow_up_interview(*, case: Interview, actor: Actor, outcome: str, followed_on: date) -> Interview:
    """跟踪落实: the office records what the interviewed unit did after the 约谈."""
    lock(case)
    require(actor, case.jurisdiction, MANAGE, message="约谈由法治办跟踪落实：无权办理")
    rules.INTERVIEW_WORKFLOW.check(case, "follow")
    outcome = _text(outcome, "outcome", "落实情况")
    if followed_on < case.held_on:
        raise ValidationError({"followed_on": "跟踪日期不能早于约谈日期"})
    bump_version(case)
    case.status, case.outcome, case.followed_on = InterviewStatus.FOLLOWED, outcome, followed_on
    save_audited(case, actor=actor, reason="约谈跟踪落实")
    InterviewEvent.objects.create(
        case=case, kind=InterviewEventKind.FOLLOWED, on=followed_on, note=outcome[:300], actor=_user(actor)
    )
    return case


# -- 考评 ----------------------------------------------------------------------------------------------------
def _scheme_event(scheme: Scheme, kind: str, on: date, actor: Actor | None, note: str = "") -> None:
    SchemeEvent.objects.create(case=scheme, kind=kind, on=on, note=note[:300], actor=_user(actor))


@transaction.atomic
def create_scheme(*, actor: Actor, org: Org, year: int, name: str, adopted_on: date) -> Scheme:
    """制定考评方案: a new version for the year (the earlier versions stay as they were)."""
    require(actor, org, MANAGE, message="无权制定该地区的考评方案")
    last = Scheme.objects.filter(org=org, year=year).order_by("-revision").first()
    scheme = Scheme(
        org=org,
        year=year,
        name=_text(name, "name", "方案名称"),
        revision=(last.revision + 1) if last else 1,
        adopted_on=adopted_on,
        created_by=_user(actor),
    )
    scheme.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            save_audited(scheme, actor=actor, reason="制定考评方案")
    except IntegrityError:
        raise ValidationError("同时有人制定了该年度的考评方案，请刷新后重试") from None
    _scheme_event(scheme, SchemeEventKind.CREATED, adopted_on, actor, f"第{scheme.revision}版")
    return scheme


@transaction.atomic
def add_item(
    *,
    case: Scheme,
    actor: Actor,
    name: str,
    points: Decimal,
    method: str,
    indicator: str = "",
    op: str = "",
    target: Decimal | None = None,
    min_sample: int = 0,
    guidance: str = "",
) -> SchemeItem:
    """增加考评项目 (only while the scheme is being scored)."""
    from fazhi.indicators.registry import catalog

    lock(case)
    require(actor, case.org, MANAGE, message="无权修改该考评方案")
    rules.SCHEME_WORKFLOW.check(case, "item")
    if method not in ItemMethod.values:
        raise ValidationError({"method": f"未知的计分方式：{method}"})
    if points is None or points <= 0:
        raise ValidationError({"points": "分值应大于 0"})
    if method == ItemMethod.INDICATOR:
        if indicator not in catalog():
            raise ValidationError({"indicator": f"指标目录中没有「{indicator}」"})
        if op not in IndicatorOp.values or target is None:
            raise ValidationError({"target": "按指标计分的项目须填写达标条件和目标值"})
    else:
        indicator, op, target = "", "", None
    seq = (case.items.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    item = SchemeItem(
        scheme=case,
        seq=seq,
        name=_text(name, "name", "考评项目名称"),
        points=points,
        method=method,
        indicator=indicator,
        op=op,
        target=target,
        min_sample=min_sample or 0,
        guidance=guidance.strip(),
    )
    item.full_clean()
    save_audited(item, actor=actor, reason="增加考评项目")
    touch(case)
    _scheme_event(case, SchemeEventKind.ITEM, case.adopted_on, actor, str(item))
    return item


def _put_score(
    item: SchemeItem, unit: Org, score: Decimal, *, computed: bool, basis: str, actor: Actor
) -> None:
    row = UnitScore.objects.filter(item=item, unit=unit).first() or UnitScore(item=item, unit=unit)
    row.score, row.computed, row.basis = score, computed, basis[:300]
    save_audited(row, actor=actor, reason="按指标计分" if computed else "评分")


@transaction.atomic
def score_unit(
    *,
    case: Scheme,
    actor: Actor,
    item: SchemeItem,
    unit: Org,
    score: Decimal,
    basis: str = "",
    scored_on: date,
) -> Scheme:
    """评分: an assessor scores one unit on one item (a deduction as a negative number)."""
    return score_units(case=case, actor=actor, scores=[(item, unit, score, basis)], scored_on=scored_on)


@transaction.atomic
def score_units(
    *, case: Scheme, actor: Actor, scores: list[tuple[SchemeItem, Org, Decimal, str]], scored_on: date
) -> Scheme:
    """评分 of several (item, unit) pairs at once (an assessors' sitting, an import): each checked as one score."""
    from .selectors import assessed_units

    lock(case)
    require(actor, case.org, ASSESS, message="无权为该考评方案评分")
    rules.SCHEME_WORKFLOW.check(case, "score")
    assessed = set(assessed_units(case))
    for item, unit, score, basis in scores:
        if item.scheme_id != case.pk:
            raise ValidationError({"item": "该考评项目不属于本方案"})
        if unit not in assessed:
            raise ValidationError({"unit": f"{unit.name}不是本方案的考评对象"})
        if refusal := rules.check_score(item, score):
            raise ValidationError({"score": refusal})
        _put_score(item, unit, rules.q2(score), computed=False, basis=(basis or "").strip(), actor=actor)
    touch(case)
    if len(scores) == 1:
        item, unit, score, _ = scores[0]
        note = f"{unit.name} · {item.name}：{rules.points_text(rules.q2(score))}"
    else:
        note = f"评分 {len(scores)} 项"
    _scheme_event(case, SchemeEventKind.SCORED, scored_on, actor, note)
    return case


@transaction.atomic
def compute_scores(*, case: Scheme, actor: Actor, computed_on: date) -> Scheme:
    """按指标计分: every indicator item for every assessed unit, from the figure of the scheme's year. Items whose
    sample is too small (or that have no figure) are left for the assessors; their earlier computed score goes."""
    from fazhi.indicators.registry import Period, compute

    from .selectors import assessed_units, indicator_items

    lock(case)
    require(actor, case.org, ASSESS, message="无权为该考评方案评分")
    rules.SCHEME_WORKFLOW.check(case, "compute")
    items = list(indicator_items(case))
    keys = sorted({i.indicator for i in items})
    done = left = 0
    for unit in assessed_units(case):
        values = compute(unit, Period.year(case.year), keys) if keys else {}
        for item in items:
            v = values[item.indicator]
            sample = v.denominator if v.denominator is not None else v.value
            value = Decimal(str(v.value)) if v.value is not None else None
            got = rules.score_indicator(
                item,
                value,
                int(sample) if sample is not None else None,
                unit="%" if v.unit == "percent" else "",
            )
            if got.score is None:
                UnitScore.objects.filter(item=item, unit=unit, computed=True).delete()
                left += 1
                continue
            _put_score(item, unit, got.score, computed=True, basis=got.basis, actor=actor)
            done += 1
    touch(case)
    _scheme_event(
        case, SchemeEventKind.COMPUTED, computed_on, actor, f"自动计分 {done} 项，待评审打分 {left} 项"
    )
    return case


@transaction.atomic
def publish_results(*, case: Scheme, actor: Actor, published_on: date) -> Scheme:
    """公布结果: the scores are locked (no item, score or computation after this)."""
    lock(case)
    require(actor, case.org, MANAGE, message="无权公布该考评结果")
    rules.SCHEME_WORKFLOW.check(case, "publish")
    if not case.items.exists():
        raise ValidationError("考评方案还没有考评项目，不能公布结果")
    if published_on < case.adopted_on:
        raise ValidationError({"published_on": "公布日期不能早于方案印发日期"})
    bump_version(case)
    case.status, case.published_on = SchemeStatus.PUBLISHED, published_on
    save_audited(case, actor=actor, reason="公布考评结果")
    _scheme_event(case, SchemeEventKind.PUBLISHED, published_on, actor)
    return case


# -- 考评材料 ------------------------------------------------------------------------------------------------
def check_link(link: str) -> str:
    """A link to records in Fazhi: a path of one of its own pages (/legality/12/, /enforcement/?year=2025)."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    link = (link or "").strip()
    if not link:
        return ""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise ValidationError({"link": "关联记录须为本系统页面的地址（以 / 开头），如 /legality/12/"})
    try:
        resolve(parts.path)
    except Resolver404:
        raise ValidationError({"link": f"本系统中没有页面「{parts.path}」"}) from None
    return link


@transaction.atomic
def submit_evidence(
    *, actor: Actor, item: SchemeItem, org: Org, note: str, submitted_on: date, link: str = ""
) -> Evidence:
    """提交考评材料: an assessed unit files its evidence for one item (files are attached to the record after)."""
    from .selectors import assessed_units

    scheme = item.scheme
    require(actor, org, HANDLE, message="只有被考评单位可以提交本单位的考评材料")
    if scheme.status != SchemeStatus.DRAFT:
        raise ValidationError({"item": f"{scheme.number}的结果已公布，不能再提交考评材料"})
    if org not in assessed_units(scheme):
        raise ValidationError({"org": f"{org.name}不是{scheme.name}的考评对象"})
    if submitted_on < scheme.adopted_on:
        raise ValidationError({"submitted_on": "提交日期不能早于方案印发日期"})
    record = Evidence(
        org=org,
        item=item,
        note=_text(note, "note", "材料说明"),
        link=check_link(link),
        submitted_on=submitted_on,
        created_by=_user(actor),
    )
    record.full_clean(exclude=["created_by"])
    save_audited(record, actor=actor, reason="提交考评材料")
    EvidenceEvent.objects.create(
        case=record,
        kind=EvidenceEventKind.SUBMITTED,
        on=submitted_on,
        note=record.note[:300],
        actor=_user(actor),
    )
    return record


@transaction.atomic
def review_evidence(*, case: Evidence, actor: Actor, comment: str, reviewed_on: date) -> Evidence:
    """审阅: an assessor has read the evidence (and notes what it shows) before scoring the item."""
    lock(case)
    require(actor, case.item.scheme.org, ASSESS, message="无权审阅该考评材料")
    rules.EVIDENCE_WORKFLOW.check(case, "review")
    if reviewed_on < case.submitted_on:
        raise ValidationError({"reviewed_on": "审阅日期不能早于提交日期"})
    bump_version(case)
    case.status, case.comment, case.reviewed_on = EvidenceStatus.REVIEWED, comment.strip(), reviewed_on
    save_audited(case, actor=actor, reason="审阅考评材料")
    EvidenceEvent.objects.create(
        case=case,
        kind=EvidenceEventKind.REVIEWED,
        on=reviewed_on,
        note=(comment.strip() or "已审阅")[:300],
        actor=_user(actor),
    )
    return case


# -- 述法 ----------------------------------------------------------------------------------------------------
@transaction.atomic
def record_shufa(
    *,
    actor: Actor,
    org: Org,
    year: int,
    leader: str,
    title: str,
    held_on: date,
    meeting: str,
    summary: str = "",
    person: Any = None,
) -> Shufa:
    """登记述法: a leader's annual 述法 (述职述法) at a meeting. `person` is the leader's Fazhi user (their study
    record is read by person); not given, the one active user of that full name (a member of the unit first) is
    taken, and none when the name is ambiguous or unknown (the record page says so)."""
    require(actor, org, HANDLE, message="无权登记该单位的述法")
    leader = _text(leader, "leader", "述法人")
    if person is None:
        candidates = selectors.person_candidates(org, leader)
        person = candidates[0] if len(candidates) == 1 else None
    elif person.first_name and person.first_name != leader:
        raise ValidationError({"person": f"所选系统用户为{person.first_name}，与述法人{leader}不符"})
    if Shufa.objects.filter(org=org, year=year, leader=leader).exists():
        raise ValidationError({"leader": f"{leader} {year}年度的述法已登记"})
    if held_on.year < year:
        raise ValidationError({"held_on": f"{year}年度的述法不能早于{year}年"})
    record = Shufa(
        org=org,
        year=year,
        leader=leader,
        person=person,
        title=_text(title, "title", "职务"),
        held_on=held_on,
        meeting=_text(meeting, "meeting", "述法会议"),
        summary=summary.strip(),
        created_by=_user(actor),
    )
    record.full_clean(exclude=["created_by"])
    save_audited(record, actor=actor, reason="登记述法")
    ShufaEvent.objects.create(
        case=record, kind=ShufaEventKind.REPORTED, on=held_on, note=record.meeting[:300], actor=_user(actor)
    )
    return record


@transaction.atomic
def review_shufa(*, case: Shufa, actor: Actor, result: str, comment: str, reviewed_on: date) -> Shufa:
    """评议: the office (or the meeting) assesses the 述法."""
    lock(case)
    require(actor, case.org.jurisdiction(), MANAGE, message="述法评议由法治办登记：无权评议")
    rules.SHUFA_WORKFLOW.check(case, "review")
    if result not in ShufaResult.values:
        raise ValidationError({"result": f"未知的评议结果：{result}"})
    if reviewed_on < case.held_on:
        raise ValidationError({"reviewed_on": "评议日期不能早于述法日期"})
    bump_version(case)
    case.status, case.result, case.comment, case.reviewed_on = (
        ShufaStatus.REVIEWED,
        result,
        comment.strip(),
        reviewed_on,
    )
    save_audited(case, actor=actor, reason="述法评议")
    ShufaEvent.objects.create(
        case=case,
        kind=ShufaEventKind.REVIEWED,
        on=reviewed_on,
        note=f"{ShufaResult(result).label} {comment}".strip()[:300],
        actor=_user(actor),
    )
    return case
