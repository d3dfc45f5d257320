"""Every write to work plans and the shares of their tasks: one atomic, permission-checked, audited function per
action. The importer (`import_plan`), the pages, the API, `fazhi plans import` and the demo call the same ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.attachments import attachments_of
from fazhi.core.audit import save_audited
from fazhi.core.choices import OrgKind
from fazhi.core.locking import bump_version, check_version, lock, touch
from fazhi.core.models import Org
from fazhi.core.permissions import can, require
from fazhi.core.types import Actor
from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.registry import catalog
from fazhi.indicators.targets import delete_target

from . import rules
from .choices import Op, Recurrence, ReportStatus, Status
from .linking import link_target
from .models import (
    Assignment,
    AssignmentEvent,
    PlanPart,
    PlanTask,
    ProgressReport,
    TaskTarget,
    Urging,
    WorkPlan,
)
from .parsing import ParsedPlan

# A target's comparison as the indicators' Target model stores it (cmp and = are not thresholds).
COMPARATORS = {">=": Comparator.GTE, ">": Comparator.GT, "<=": Comparator.LTE, "<": Comparator.LT}


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _event(a: Assignment, action: str, *, on: date, actor: Actor | None, **facts: Any) -> None:
    kind, on, note = rules.event(a, action, on, **facts)
    AssignmentEvent.objects.create(case=a, kind=kind, on=on, note=note, actor=_user(actor))


def _save(a: Assignment, *, actor: Actor, reason: str) -> None:
    if a.pk is not None:
        bump_version(a)
    if errors := rules.validate(a):
        if a.pk:
            a.refresh_from_db()
        raise ValidationError(errors)
    save_audited(a, actor=actor, reason=reason)


# -- units named in a plan ------------------------------------------------------------------------------------

# Collective names: every county government, every department of the jurisdiction.
_COUNTIES_RE = re.compile(r"^各(县|县区|县（区）|县\(区\)|区县|县市区|县（市、区）)(人民)?政府$")
_DEPARTMENTS_RE = re.compile(
    r"^(市|县|区)?(政府)?(各|直各|直有关|有关)(部门|单位)$|^市政府各部门$|^县直各部门$"
)


@dataclass
class Resolved:
    """Unit names of a task resolved against the jurisdiction's org tree."""

    leads: list[Org] = field(default_factory=list)
    units: list[Org] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def _short(name: str, jurisdiction: Org) -> set[str]:
    """The ways a plan may name an org of `jurisdiction`: 青城市市场监督管理局 → 市市场监督管理局, 市场监督管理局."""
    out = {name}
    prefix = jurisdiction.short_name or jurisdiction.name
    if prefix and name.startswith(prefix):
        rest = name[len(prefix) :]
        out |= {rest, prefix[-1] + rest}
    return out | {n.replace("人民政府", "政府") for n in out}


def resolve_units(org: Org, names: list[str]) -> tuple[list[Org], list[str]]:
    """The orgs of `org`'s jurisdiction that `names` name (exact name, short name, or the name without the
    jurisdiction's name: 市司法局), collective names expanded (各县区人民政府, 市政府各部门); names matching
    nothing are returned as unmatched, never dropped."""
    children = list(Org.objects.filter(parent=org).order_by("path"))
    index: dict[str, Org] = {}
    for o in [org, *children]:
        for n in _short(o.name, org) | ({o.short_name} if o.short_name else set()):
            index.setdefault(n, o)
    found: list[Org] = []
    unmatched: list[str] = []
    for raw in names:
        name = raw.strip()
        if _COUNTIES_RE.match(name):
            hits = [o for o in children if o.kind == OrgKind.COUNTY]
        elif _DEPARTMENTS_RE.match(name):
            hits = [o for o in children if o.kind == OrgKind.UNIT]
        else:
            hit = index.get(name)
            hits = [hit] if hit else []
        if not hits:
            unmatched.append(name)
        for o in hits:
            if o not in found:
                found.append(o)
    return found, unmatched


# -- importing a plan -----------------------------------------------------------------------------------------


def _require_manage(actor: Actor, org: Org) -> None:
    require(actor, org, "plans.manage", message="只有本级或上级法治办可以管理该行政区划的工作要点")


@transaction.atomic
def import_plan(
    *, actor: Actor, org: Org, parsed: ParsedPlan, year: int | None = None, source_name: str = "", on: date
) -> WorkPlan:
    """Writes the parsed plan: header, parts, tasks with their targets (each linked to the catalog figure its
    words name), a share for every unit the task names that the org tree knows (牵头 first), and the plan's
    targets into the indicators' targets (指标目标) of the jurisdiction. All or nothing."""
    _require_manage(actor, org)
    year = year or parsed.year
    if not year:
        raise ValidationError({"year": "未能从标题识别年度，请指定年度"})
    if not parsed.tasks:
        raise ValidationError("未识别到编号的工作任务，未导入任何内容")
    if WorkPlan.objects.filter(org=org, year=year, title=parsed.title).exists():
        raise ValidationError({"title": f"{org.name}{year}年度已有《{parsed.title}》，未重复导入"})
    plan = WorkPlan(
        org=org,
        year=year,
        title=parsed.title[:200],
        issuer=parsed.issuer[:100],
        doc_number=parsed.doc_number[:60],
        issued_on=parsed.issued_on,
        source_name=source_name[:200],
        created_by=_user(actor),
    )
    plan.full_clean(exclude=["created_by"])
    save_audited(plan, actor=actor, reason="导入工作要点")
    # The shares were given when the plan was issued (or, undated, from the start of its year), also when the
    # plan is entered later; never after `on`.
    if parsed.issued_on and parsed.issued_on <= on:
        on = parsed.issued_on
    elif on.year > year:
        on = date(year, 1, 1)
    parts = {n: PlanPart.objects.create(plan=plan, number=n, title=t[:200]) for n, t in parsed.parts}
    for pt in parsed.tasks:
        if PlanTask.objects.filter(plan=plan, number=pt.number).exists():
            raise ValidationError(f"任务序号 {pt.number} 重复出现，请检查原文编号")
        # against the year the document states (the office may file it under another year)
        if refusal := rules.plan_year_refusal(pt.number, pt.deadline, parsed.year or year):
            raise ValidationError({"deadline": refusal})
        leads, lead_unmatched = resolve_units(org, pt.lead_units)
        units, unmatched = resolve_units(org, pt.units)
        task = PlanTask(
            plan=plan,
            part=parts.get(pt.part),
            number=pt.number,
            label=pt.label[:20],
            title=pt.title[:200],
            text=pt.text,
            lead_units_text="、".join(pt.lead_units)[:500],
            units_text="、".join(pt.units)[:1000],
            unmatched_units="、".join(lead_unmatched + unmatched)[:1000],
            deadline=pt.deadline,
            recurrence=pt.recurrence,
        )
        save_audited(task, actor=actor, reason="导入工作要点")
        for t in pt.targets:
            target = TaskTarget(
                task=task,
                text=t.text[:300],
                op=t.op,
                value=t.value,
                unit=t.unit,
                indicator=t.indicator or link_target(t.text, t.op, t.unit) or "",
            )
            save_audited(target, actor=actor, reason="导入工作要点")
        try:
            for unit in leads:
                _assign(actor=actor, task=task, unit=unit, lead=True, on=on)
            for unit in units:
                if unit not in leads:
                    _assign(actor=actor, task=task, unit=unit, lead=False, on=on)
        except ValidationError as exc:
            raise ValidationError(f"第{pt.number}项任务：{'；'.join(exc.messages)}") from exc
    sync_targets(plan=plan, actor=actor)
    return plan


def _assign(
    *, actor: Actor, task: PlanTask, unit: Org, lead: bool, on: date, deadline: date | None = None
) -> Assignment:
    deadline = deadline or rules.default_deadline(task)
    a = Assignment(
        org=task.plan.org,
        unit=unit,
        task=task,
        lead=lead,
        assigned_on=on,
        deadline=deadline,
        due=deadline,
        created_by=_user(actor),
    )
    _save(a, actor=actor, reason="分解下达任务")
    _event(a, "assign", on=on, actor=actor)
    return a


@transaction.atomic
def assign_task(
    *, actor: Actor, task: PlanTask, unit: Org, on: date, deadline: date | None = None, lead: bool = False
) -> Assignment:
    """分解下达: gives `unit` a share of `task`, due by `deadline` (the task's own, else the plan year's end)."""
    plan = task.plan
    _require_manage(actor, plan.org)
    if not unit.path.startswith(plan.org.path):
        raise ValidationError({"unit": "责任单位应属于本行政区划"})
    if Assignment.objects.filter(task=task, unit=unit).exists():
        raise ValidationError({"unit": f"{unit.name}已承担该任务"})
    return _assign(actor=actor, task=task, unit=unit, lead=lead, on=on, deadline=deadline)


@transaction.atomic
def update_share(*, actor: Actor, case: Assignment, lead: bool, deadline: date, reason: str) -> Assignment:
    """A share's 牵头 and 完成时限 changed (the 任务分工 import): the current due date follows the deadline unless
    a 督办 has set a reply deadline; a done share keeps its deadline."""
    lock(case)
    _require_manage(actor, case.org)
    if case.status == Status.DONE and deadline != case.deadline:
        raise ValidationError({"deadline": "任务已完成，完成时限不再修改"})
    case.lead = lead
    if deadline != case.deadline:
        if not rules.awaiting_reply(case):
            case.due = deadline
        case.deadline = deadline
    _save(case, actor=actor, reason=reason)
    return case


# -- editing a plan's tasks by hand ----------------------------------------------------------------------------


def _delete_audited(obj: Any, *, actor: Actor, reason: str) -> None:
    obj._history_user = _user(actor)
    obj._change_reason = reason
    obj.delete()


def _lock_plan(actor: Actor, plan: WorkPlan, version: int | None) -> None:
    """Every change of a plan's tasks and targets: the plan locked, the office's right checked, the form's
    version of the plan compared (a page filled in before someone else's change is refused); the plan's version
    then counts the change (`touch`)."""
    lock(plan)
    _require_manage(actor, plan.org)
    check_version(plan, version)


def _check_task(
    plan: WorkPlan,
    task: PlanTask | None,
    *,
    number: int,
    title: str,
    deadline: date | None,
    recurrence: str,
    part: PlanPart | None,
) -> None:
    """The fields of a task added (`task` None) or edited, checked against its plan; all errors at once."""
    errors: dict[str, str] = {}
    if number < 1:
        errors["number"] = "序号应为正整数"
    elif (task is None or number != task.number) and plan.tasks.filter(number=number).exists():
        errors["number"] = f"序号 {number} 已有任务"
    if not title.strip():
        errors["title"] = "请填写任务"
    if deadline and deadline.year < plan.year:
        errors["deadline"] = "完成时限不能早于工作要点年度"
    if recurrence not in Recurrence.values:
        errors["recurrence"] = "周期不在可选范围内"
    if part is not None and part.plan_id != plan.pk:
        errors["part"] = "所属部分不是本工作要点的"
    if errors:
        raise ValidationError(errors)


def _check_units(plan: WorkPlan, leads: list[Org], units: list[Org]) -> None:
    outside = [o.name for o in [*leads, *units] if not o.path.startswith(plan.org.path)]
    if outside:
        raise ValidationError({"units": f"责任单位应属于本行政区划：{'、'.join(outside)}"})


def _sync_shares(
    *, actor: Actor, task: PlanTask, leads: list[Org], units: list[Org], on: date, old_deadline: date
) -> None:
    """The task's shares made to follow the units chosen on its page: a share for each (牵头 first), the lead
    flag set, the shares of units taken off removed (refused once the unit has worked on it), and the shares
    that kept the task's deadline moved with it."""
    wanted: dict[int, tuple[Org, bool]] = {o.pk: (o, True) for o in leads}
    for o in units:
        wanted.setdefault(o.pk, (o, False))
    refusals = []
    for a in Assignment.objects.filter(task=task).select_related("unit"):
        if a.unit_id not in wanted:
            if why := rules.share_removal_refusal(a, has_attachments=bool(attachments_of(a))):
                refusals.append(why)
                continue
            _delete_audited(a, actor=actor, reason="调整任务责任单位")
            continue
        _, lead = wanted.pop(a.unit_id)
        new_deadline = rules.default_deadline(task)
        moves = new_deadline != old_deadline and rules.follows_task_deadline(a, old_deadline)
        if a.lead == lead and not moves:
            continue
        lock(a)
        a.lead = lead
        if moves:
            if not rules.awaiting_reply(a):
                a.due = new_deadline
            a.deadline = new_deadline
        try:
            _save(a, actor=actor, reason="修改工作任务")
        except ValidationError as exc:
            raise ValidationError(f"{a.unit.name}：{'；'.join(exc.messages)}") from exc
    if refusals:
        raise ValidationError(
            {"units": f"不能取消以下单位的分工：{'；'.join(refusals)}（可在分工页面作废并说明原因）"}
        )
    for unit, lead in wanted.values():
        try:
            _assign(actor=actor, task=task, unit=unit, lead=lead, on=on)
        except ValidationError as exc:
            raise ValidationError(f"{unit.name}：{'；'.join(exc.messages)}") from exc


def _units_text(orgs: list[Org]) -> str:
    return "、".join(o.name for o in orgs)


@transaction.atomic
def add_task(
    *,
    actor: Actor,
    plan: WorkPlan,
    number: int,
    title: str,
    text: str,
    deadline: date | None = None,
    recurrence: str = "",
    part: PlanPart | None = None,
    leads: list[Org] | None = None,
    units: list[Org] | None = None,
    version: int | None = None,
    on: date | None = None,
) -> PlanTask:
    """A task added by hand to a plan (a plan built or corrected on its page): its targets read from its words
    and linked to the catalog, a share for each unit chosen (dated `on`)."""
    _lock_plan(actor, plan, version)
    leads, units = list(leads or []), list(units or [])
    _check_task(plan, None, number=number, title=title, deadline=deadline, recurrence=recurrence, part=part)
    _check_units(plan, leads, units)
    task = PlanTask(
        plan=plan,
        part=part,
        number=number,
        title=title.strip()[:200],
        text=text.strip() or title.strip(),
        deadline=deadline,
        recurrence=recurrence,
        lead_units_text=_units_text(leads)[:500],
        units_text=_units_text([u for u in units if u not in leads])[:1000],
    )
    save_audited(task, actor=actor, reason="新增工作任务")
    from .parsing import targets_of

    for t in targets_of(task.text):
        save_audited(
            TaskTarget(
                task=task,
                text=t.text[:300],
                op=t.op,
                value=t.value,
                unit=t.unit,
                indicator=link_target(t.text, t.op, t.unit) or "",
            ),
            actor=actor,
            reason="新增工作任务",
        )
    if leads or units:
        _sync_shares(
            actor=actor,
            task=task,
            leads=leads,
            units=units,
            on=on or timezone.localdate(),
            old_deadline=rules.default_deadline(task),
        )
    touch(plan)
    sync_targets(plan=plan, actor=actor)
    return task


@transaction.atomic
def update_task(
    *,
    actor: Actor,
    task: PlanTask,
    number: int,
    title: str,
    text: str,
    deadline: date | None,
    recurrence: str,
    leads: list[Org],
    units: list[Org],
    part: PlanPart | None = None,
    unmatched_units: str = "",
    version: int | None = None,
    on: date | None = None,
) -> PlanTask:
    """修改工作任务: its wording, number, part, deadline, recurrence and responsible units (牵头 and 责任), the
    shares following (a unit added gets a share dated `on`; a unit taken off loses its share unless it has
    worked on it; the shares that kept the task's deadline move with it). The targets are edited one by one
    (`save_target`), not re-read from the new wording."""
    plan = task.plan
    _lock_plan(actor, plan, version)
    task.refresh_from_db()
    _check_task(plan, task, number=number, title=title, deadline=deadline, recurrence=recurrence, part=part)
    _check_units(plan, leads, units)
    old_deadline = rules.default_deadline(task)
    task.number, task.part = number, part
    task.title, task.text = title.strip()[:200], text.strip() or title.strip()
    task.deadline, task.recurrence = deadline, recurrence
    task.lead_units_text = _units_text(leads)[:500]
    task.units_text = _units_text([u for u in units if u not in leads])[:1000]
    task.unmatched_units = unmatched_units.strip()[:1000]
    save_audited(task, actor=actor, reason="修改工作任务")
    _sync_shares(
        actor=actor,
        task=task,
        leads=leads,
        units=units,
        on=on or timezone.localdate(),
        old_deadline=old_deadline,
    )
    touch(plan)
    sync_targets(plan=plan, actor=actor)
    return task


@transaction.atomic
def delete_task(*, actor: Actor, task: PlanTask, version: int | None = None) -> None:
    """删除工作任务 (one entered by mistake): its targets and the shares nobody has worked on go with it; a task
    whose unit has reported, been urged or finished stays (its shares can be 作废 with a reason)."""
    plan = task.plan
    _lock_plan(actor, plan, version)
    shares = list(Assignment.all_objects.filter(task=task).select_related("unit"))
    refusals = [
        why
        for a in shares
        if (why := rules.share_removal_refusal(a, has_attachments=bool(attachments_of(a))))
    ]
    if refusals:
        raise ValidationError(f"第{task.number}项任务不能删除：{'；'.join(refusals)}")
    for a in shares:
        _delete_audited(a, actor=actor, reason="删除工作任务")
    for t in task.targets.all():
        _delete_audited(t, actor=actor, reason="删除工作任务")
    _delete_audited(task, actor=actor, reason="删除工作任务")
    touch(plan)
    sync_targets(plan=plan, actor=actor)


@transaction.atomic
def save_target(
    *,
    actor: Actor,
    task: PlanTask,
    text: str,
    op: str,
    value: Decimal | None,
    unit: str = "",
    indicator: str = "",
    target: TaskTarget | None = None,
    version: int | None = None,
) -> TaskTarget:
    """A task's quantitative target added or corrected by hand: its words, comparison, value, unit and the
    catalog figure that measures it (the link counts as set by hand); the plan's 指标目标 follow."""
    plan = task.plan
    _lock_plan(actor, plan, version)
    if target is not None and target.task_id != task.pk:
        raise ValidationError("该目标不属于此任务")
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "请填写目标原文"
    if op not in Op.values:
        errors["op"] = "比较方式不在可选范围内"
    elif op != Op.CMP and value is None:
        errors["value"] = "请填写目标值（与其他指标对比的除外）"
    if value is not None and value < 0:
        errors["value"] = "目标值不能为负数"
    if (unit or "").strip() == "%" and value is not None and value > 100:
        errors["value"] = "百分比目标值不能超过100"
    indicator = (indicator or "").strip()
    if indicator and indicator not in catalog():
        errors["indicator"] = f"指标目录中没有“{indicator}”"
    if errors:
        raise ValidationError(errors)
    row = target or TaskTarget(task=task)
    before = row.indicator if target is not None else None
    row.text, row.op = text.strip()[:300], op
    row.value = None if op == Op.CMP and value is None else value
    row.unit = (unit or "").strip()[:10]
    row.indicator = indicator
    row.linked_by_hand = row.linked_by_hand or target is None or before != indicator
    save_audited(row, actor=actor, reason="修改任务目标" if target is not None else "新增任务目标")
    touch(plan)
    sync_targets(plan=plan, actor=actor)
    return row


@transaction.atomic
def remove_target(*, actor: Actor, target: TaskTarget, version: int | None = None) -> None:
    """删除任务目标 (a clause the importer took for a target, or one no longer wanted); the plan's 指标目标 follow."""
    plan = target.task.plan
    _lock_plan(actor, plan, version)
    _delete_audited(target, actor=actor, reason="删除任务目标")
    touch(plan)
    sync_targets(plan=plan, actor=actor)


@transaction.atomic
def set_target_indicator(*, actor: Actor, target: TaskTarget, indicator: str) -> TaskTarget:
    """Corrects a target's link to its catalog figure by hand (blank: no figure measures it)."""
    plan = target.task.plan
    _require_manage(actor, plan.org)
    indicator = indicator.strip()
    if indicator and indicator not in catalog():
        raise ValidationError({"indicator": f"指标目录中没有“{indicator}”"})
    target.indicator = indicator
    target.linked_by_hand = True
    save_audited(target, actor=actor, reason="校正目标对应指标")
    sync_targets(plan=plan, actor=actor)
    return target


def _source_prefix(plan: WorkPlan) -> str:
    """What a 指标目标 taken from this plan cites: 《海东市2024年法治政府建设工作要点》第22条：…"""
    return f"《{plan.title}》第"


def _legacy_source_prefix(plan: WorkPlan) -> str:
    """The prefix written before 2026-12 ("2024年海东市2024年…第"), still recognised so a database made then
    keeps its plan targets in step."""
    return f"{plan.year}年{plan.title.removeprefix(plan.org.short_name or '')}第"


def _source(plan: WorkPlan, target: TaskTarget) -> str:
    return f"{_source_prefix(plan)}{target.task.number}条：{target.text}"


def sync_targets(*, plan: WorkPlan, actor: Actor) -> list[Target]:
    """The plan's numeric targets linked to a figure become the jurisdiction's 指标目标 for the plan's year
    (what the dashboard and the annual report compare figures with). A target the office set by hand (its
    source not this plan's) is kept; this plan's own earlier ones follow the plan."""
    lock(plan.org)
    mine = Target.objects.filter(org=plan.org, year=plan.year).filter(
        Q(source__startswith=_source_prefix(plan)) | Q(source__startswith=_legacy_source_prefix(plan))
    )
    wanted: dict[str, TaskTarget] = {}
    for t in TaskTarget.objects.filter(task__plan=plan).select_related("task").order_by("task__number", "id"):
        if t.indicator and t.op in COMPARATORS and t.value is not None and t.indicator in catalog():
            wanted.setdefault(t.indicator, t)
    for old in mine.exclude(key__in=list(wanted)):
        delete_target(actor=actor, target=old)
    out = []
    for key, t in wanted.items():
        existing = Target.objects.filter(org=plan.org, year=plan.year, key=key).first()
        if existing is not None and not existing.source.startswith(
            (_source_prefix(plan), _legacy_source_prefix(plan))
        ):
            continue  # the office's own target for the figure
        row = existing or Target(key=key, org=plan.org, year=plan.year)
        row.comparator, row.source = COMPARATORS[t.op], _source(plan, t)[:200]
        row.threshold = t.value if t.value is not None else row.threshold
        save_audited(row, actor=actor, reason="工作要点目标")
        out.append(row)
    return out


# -- progress, review, 督办 -----------------------------------------------------------------------------------


def _require_report(actor: Actor, a: Assignment) -> None:
    if not (can(actor, a.unit, "plans.report") or can(actor, a.org, "plans.manage")):
        raise PermissionDenied("只能报送本单位承担任务的进展")


@transaction.atomic
def report_progress(
    *, case: Assignment, actor: Actor, reported_on: date, text: str, percent: int
) -> ProgressReport:
    """报送进展: the unit's account of its share (evidence: attachments of the share), for the office to accept."""
    lock(case)
    _require_report(actor, case)
    rules.check_transition(case, "report")
    if not text.strip():
        raise ValidationError({"text": "请填写进展情况"})
    if not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": "完成进度应在0至100之间"})
    if reported_on < case.assigned_on:
        raise ValidationError({"reported_on": f"报送日期不能早于任务下达日期（{case.assigned_on:%Y-%m-%d}）"})
    report = ProgressReport(
        assignment=case,
        reported_on=reported_on,
        text=text.strip(),
        percent=int(percent),
        reported_by=_user(actor),
    )
    save_audited(report, actor=actor, reason="报送进展")
    case.last_reported_on = reported_on
    if case.status == Status.NOT_STARTED:
        case.status = Status.IN_PROGRESS
    # the report made after a 督办 is the unit's reply to it: the 督办 is answered and the share's due date, the
    # reply deadline until now, goes back to the share's own deadline
    answered = list(case.urgings.filter(answered_on__isnull=True, urged_on__lte=reported_on))
    for u in answered:
        u.answered_on = reported_on
        save_audited(u, actor=actor, reason="回复督办")
    if answered:
        case.due = case.deadline
    _save(case, actor=actor, reason="回复督办" if answered else "报送进展")
    _event(case, "report", on=reported_on, actor=actor, percent=report.percent, answers=bool(answered))
    return report


def _pending(case: Assignment) -> ProgressReport:
    report = case.reports.filter(status=ReportStatus.SUBMITTED).order_by("-reported_on", "-id").first()
    if report is None:
        raise ValidationError("没有待审核的进展")
    return report


@transaction.atomic
def accept_report(*, case: Assignment, actor: Actor, reviewed_on: date) -> Assignment:
    """采纳: the report's percent becomes the share's; at 100% the share is done (its completion date the
    report's)."""
    lock(case)
    _require_manage(actor, case.org)
    rules.check_transition(case, "accept")
    report = _pending(case)
    if reviewed_on < report.reported_on:
        raise ValidationError({"reviewed_on": "审核日期不能早于报送日期"})
    report.status, report.reviewed_on = ReportStatus.ACCEPTED, reviewed_on
    save_audited(report, actor=actor, reason="采纳进展")
    case.percent = report.percent
    if report.percent >= 100:
        case.status, case.completed_on = Status.DONE, report.reported_on
    else:
        case.status = Status.IN_PROGRESS
    _save(case, actor=actor, reason="采纳进展")
    _event(case, "accept", on=reviewed_on, actor=actor)
    return case


@transaction.atomic
def return_report(*, case: Assignment, actor: Actor, reviewed_on: date, reason: str) -> Assignment:
    """退回: the report is not accepted; the reason tells the unit what to add."""
    lock(case)
    _require_manage(actor, case.org)
    rules.check_transition(case, "return")
    if not reason.strip():
        raise ValidationError({"reason": "请填写退回理由"})
    report = _pending(case)
    if reviewed_on < report.reported_on:
        raise ValidationError({"reviewed_on": "审核日期不能早于报送日期"})
    report.status, report.reviewed_on, report.reason = (
        ReportStatus.RETURNED,
        reviewed_on,
        reason.strip()[:300],
    )
    save_audited(report, actor=actor, reason="退回进展")
    _save(case, actor=actor, reason="退回进展")
    _event(case, "return", on=reviewed_on, actor=actor, reason=report.reason)
    return case


@transaction.atomic
def urge(*, case: Assignment, actor: Actor, urged_on: date, reply_due: date, note: str) -> Urging:
    """督办通知 on a lagging or overdue share: the unit replies by `reply_due`, which becomes its due date (the
    due-date protocol reminds it); a second 督办 is an escalation (再次督办)."""
    lock(case)
    _require_manage(actor, case.org)
    rules.check_transition(case, "urge")
    if reply_due < urged_on:
        raise ValidationError({"reply_due": "限期回复日期不能早于督办日期"})
    if not note.strip():
        raise ValidationError({"note": "请填写督办事项"})
    level = case.urge_count + 1
    u = Urging(
        assignment=case,
        urged_on=urged_on,
        reply_due=reply_due,
        level=level,
        note=note.strip()[:300],
        urged_by=_user(actor),
    )
    save_audited(u, actor=actor, reason="督办" if level == 1 else "再次督办")
    case.urge_count, case.due = level, reply_due
    case.first_urged_on = case.first_urged_on or urged_on
    _save(case, actor=actor, reason="督办")
    _event(case, "urge", on=urged_on, actor=actor, level=level, reply_due=reply_due, note=u.note)
    return u
