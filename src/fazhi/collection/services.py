"""统计填报 (periodic data collection): every write as one service (keyword-only, atomic, permission
checked, audited through django-simple-history); the org-scoped reads are selectors.py.

The lifecycle of a form: the office of a jurisdiction defines it (`create_form`) and sends it to units and
sub-jurisdictions of its subtree with a due date (`assign_form`, one 填报任务 per org); the org's clerk or office
fills it in (`save_values`, or an xlsx upload that calls the same service) and submits it (`submit_task`); the
office accepts it (`accept_task`) or returns it with a reason (`return_task`), after which it is corrected
and submitted again. Only accepted tasks count (indicators.py). Late tasks are reminded by
`fazhi remind` (`send_late_reminders`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.audit import save_audited
from fazhi.core.locking import lock
from fazhi.core.models import Org
from fazhi.core.permissions import can, require
from fazhi.core.types import Actor, Viewer
from fazhi.indicators.access import require_manage
from fazhi.indicators.registry import Period, catalog

from .indicators import entry_keys, form_keys, parts
from .models import CollectedValue, CollectionForm, CollectionReminder, CollectionTask
from .selectors import late_tasks

log = logging.getLogger("fazhi.remind")

MAX_VALUE = Decimal(10) ** 15

Status = CollectionTask.Status


# ---------------------------------------------------------------------------------------------------------
# Permissions


def can_fill(user: Viewer, task: CollectionTask) -> bool:
    return (
        can(user, task.org, "collection.fill")
        and task.is_open
        and task.form.status == CollectionForm.Status.ISSUED
    )


# ---------------------------------------------------------------------------------------------------------
# Values


def clean_value(key: str, raw: object) -> Decimal | None:
    """A typed or uploaded value of figure `key` as stored; empty means 无数据. Raises ValidationError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    e = catalog()[key]
    name = e.get("zh", key)
    if isinstance(raw, bool):
        raise ValidationError(f"「{name}」应为数字")
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int | float):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        if text.endswith("%") and e.get("unit") == "percent":
            text = text[:-1].strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(f"「{name}」应为数字，现为「{raw}」") from None
    if not value.is_finite():
        raise ValidationError(f"「{name}」应为数字，现为「{raw}」")
    if value < 0:
        raise ValidationError(f"「{name}」不能为负数")
    if value >= MAX_VALUE:
        raise ValidationError(f"「{name}」数值过大")
    unit = e.get("unit")
    if unit in ("count", "people") and value != value.to_integral_value():
        raise ValidationError(f"「{name}」应为整数，现为 {value.normalize():f}")
    if unit == "percent" and value > 100:
        raise ValidationError(f"「{name}」是百分比，应在0至100之间，现为 {value.normalize():f}")
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValidationError(f"「{name}」最多保留4位小数")
    return value


def _check_pairs(form: CollectionForm, values: dict[str, Decimal | None]) -> None:
    """A rate's numerator cannot exceed its denominator (调解成功件数 ≤ 调处纠纷件数)."""
    errors = {}
    for key in form.keys:
        if len(parts(key)) != 2:
            continue
        n, d = parts(key)
        nv, dv = values.get(n), values.get(d)
        if nv is not None and dv is not None and nv > dv:
            names = catalog()
            errors[n] = (
                f"「{names[n]['zh']}」（{nv.normalize():f}）不能大于「{names[d]['zh']}」（{dv.normalize():f}）"
            )
    if errors:
        raise ValidationError(errors)


def task_values(task: CollectionTask) -> dict[str, Decimal | None]:
    return {v.key: v.value for v in task.values.all()}


# ---------------------------------------------------------------------------------------------------------
# Forms


def _validate_keys(keys: list[str]) -> list[str]:
    allowed = set(form_keys())
    out: list[str] = []
    for key in keys:
        if key not in allowed:
            raise ValidationError({"keys": f"指标 {key} 不是统计填报指标（目录中来源应为 form）"})
        if key not in out:
            out.append(key)
    if not out:
        raise ValidationError({"keys": "至少选择一项指标"})
    return out


@transaction.atomic
def create_form(
    *, actor: Actor, owner: Org, name: str, period: Period, keys: list[str], instructions: str = ""
) -> CollectionForm:
    """定义填报表: a named set of form figures for a period, owned by the office of a jurisdiction."""
    require_manage(actor, owner, "只有法治办可以为该机构定义统计填报表")
    if not owner.is_jurisdiction:
        raise ValidationError({"owner": "填报表应由行政区划（本级法治办）发起"})
    if not (name or "").strip():
        raise ValidationError({"name": "请填写填报表名称"})
    form = CollectionForm(
        owner=owner,
        name=name.strip(),
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        keys=_validate_keys(keys),
        instructions=instructions.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    form.full_clean(exclude=["created_by"])
    save_audited(form, actor=actor, reason="定义填报表")
    return form


@transaction.atomic
def update_form(
    *, form: CollectionForm, actor: Actor, name: str, keys: list[str], instructions: str = ""
) -> CollectionForm:
    """修改填报表 while it is a draft (not yet sent)."""
    lock(form)
    require_manage(actor, form.owner)
    if form.status != CollectionForm.Status.DRAFT:
        raise ValidationError("填报表已下发，不能再修改指标；如需调整请新建填报表")
    if not (name or "").strip():
        raise ValidationError({"name": "请填写填报表名称"})
    form.name = name.strip()
    form.keys = _validate_keys(keys)
    form.instructions = instructions.strip()
    save_audited(form, actor=actor, reason="修改填报表")
    return form


@transaction.atomic
def assign_form(
    *, form: CollectionForm, actor: Actor, orgs: Iterable[Org], due_on: date
) -> list[CollectionTask]:
    """下发: one 填报任务 per org of the owner's subtree (orgs that already have one are left as they are)."""
    lock(form)
    require_manage(actor, form.owner)
    if form.status == CollectionForm.Status.CLOSED:
        raise ValidationError("填报表已截止，不能再下发")
    orgs = list(orgs)
    if not orgs:
        raise ValidationError({"orgs": "请选择填报单位"})
    outside = [o.name for o in orgs if not o.path.startswith(form.owner.path)]
    if outside:
        raise ValidationError({"orgs": f"{'、'.join(outside)}不在{form.owner.name}的管辖范围内"})
    if due_on < form.period_start:
        raise ValidationError({"due_on": "截止日期不能早于统计期间的开始日期"})
    existing = set(CollectionTask.objects.filter(form=form).values_list("org_id", flat=True))
    created = []
    for org in orgs:
        if org.pk in existing:
            continue
        task = CollectionTask(form=form, org=org, due_on=due_on)
        save_audited(task, actor=actor, reason="下发填报任务")
        created.append(task)
        existing.add(org.pk)
    if form.status == CollectionForm.Status.DRAFT:
        form.status = CollectionForm.Status.ISSUED
        save_audited(form, actor=actor, reason="下发")
    return created


@transaction.atomic
def close_form(*, form: CollectionForm, actor: Actor) -> CollectionForm:
    """截止: no more filling or reminders; accepted values keep counting."""
    lock(form)
    require_manage(actor, form.owner)
    form.status = CollectionForm.Status.CLOSED
    save_audited(form, actor=actor, reason="截止填报")
    return form


# ---------------------------------------------------------------------------------------------------------
# Tasks


def _lock_task(task: CollectionTask) -> CollectionTask:
    """Re-read the task under a row lock so two clerks or a clerk and a reviewer do not interleave."""
    return CollectionTask.objects.select_for_update().select_related("form", "org").get(pk=task.pk)


@transaction.atomic
def save_values(
    *, task: CollectionTask, actor: Actor, values: dict[str, Any], notes: dict[str, str] | None = None
) -> CollectionTask:
    """填报 (save without submitting): values by catalog key; empty = 无数据. Only the org's own users (or the
    office above it) while the task is open."""
    require(actor, task.org, "collection.fill", message="无权填报该单位的统计数据")
    task = _lock_task(task)
    if task.form.status != CollectionForm.Status.ISSUED:
        raise ValidationError("填报表未下发或已截止，不能填报")
    if not task.is_open:
        raise ValidationError(f"填报任务{task.get_status_display()}，不能修改；如需更正请联系法治办退回")
    allowed = entry_keys(task.form.keys)
    unknown = [k for k in values if k not in allowed]
    if unknown:
        raise ValidationError(f"本表没有这些指标：{'、'.join(unknown)}")
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Decimal | None] = {}
    for key, raw in values.items():
        try:
            cleaned[key] = clean_value(key, raw)
        except ValidationError as exc:
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)
    notes = notes or {}
    current = {v.key: v for v in task.values.all()}
    merged = {k: v.value for k, v in current.items()} | cleaned
    _check_pairs(task.form, merged)
    for key, value in cleaned.items():
        note = (notes.get(key) or "").replace("\x00", "").strip()[:200]  # PostgreSQL refuses a NUL in text
        row = current.get(key)
        if row is None:
            if value is None and not note:
                continue
            row = CollectedValue(task=task, key=key, value=value, note=note)
        elif row.value == value and row.note == note:
            continue
        else:
            row.value, row.note = value, note
        save_audited(row, actor=actor, reason="填报")
    if task.status == Status.PENDING:
        task.status = Status.DRAFT
        save_audited(task, actor=actor, reason="开始填报")
    return task


@transaction.atomic
def submit_task(*, task: CollectionTask, actor: Actor) -> CollectionTask:
    """提交 for review."""
    require(actor, task.org, "collection.fill", message="无权提交该单位的统计数据")
    task = _lock_task(task)
    if task.form.status != CollectionForm.Status.ISSUED:
        raise ValidationError("填报表未下发或已截止，不能提交")
    if not task.is_open:
        raise ValidationError(f"填报任务{task.get_status_display()}，不能重复提交")
    values = task_values(task)
    if not any(v is not None for v in values.values()):
        raise ValidationError("尚未填写任何数值，不能提交")
    _check_pairs(task.form, values)
    task.status = Status.SUBMITTED
    task.submitted_at = timezone.now()
    task.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    save_audited(task, actor=actor, reason="提交" if not task.return_reason else "更正后重新提交")
    return task


@transaction.atomic
def accept_task(*, task: CollectionTask, actor: Actor) -> CollectionTask:
    """采纳: from now on the values count in every report and dashboard."""
    require_manage(actor, task.form.owner, "只有发起填报的法治办可以审核")
    task = _lock_task(task)
    if task.status != Status.SUBMITTED:
        raise ValidationError(f"填报任务{task.get_status_display()}，只有待审核的任务可以采纳")
    task.status = Status.ACCEPTED
    task.reviewed_at = timezone.now()
    task.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    task.return_reason = ""
    save_audited(task, actor=actor, reason="采纳")
    return task


@transaction.atomic
def return_task(*, task: CollectionTask, actor: Actor, reason: str) -> CollectionTask:
    """退回 with a reason: a submitted task, or an accepted one that needs correcting (its values stop counting
    until accepted again; a published year shows the difference in its 更正记录)."""
    require_manage(actor, task.form.owner, "只有发起填报的法治办可以审核")
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回原因"})
    if len(reason) > 300:
        raise ValidationError({"reason": "退回原因不超过300字"})
    task = _lock_task(task)
    if task.status not in (Status.SUBMITTED, Status.ACCEPTED):
        raise ValidationError(f"填报任务{task.get_status_display()}，只有待审核或已采纳的任务可以退回")
    task.status = Status.RETURNED
    task.reviewed_at = timezone.now()
    task.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    task.return_reason = reason
    save_audited(task, actor=actor, reason=f"退回：{reason}"[:100])
    return task


# ---------------------------------------------------------------------------------------------------------
# Reminders (fazhi remind)


def send_late_reminders(
    *,
    today: date | None = None,
    every_days: int = 1,
    tasks: QuerySet[CollectionTask] | None = None,
    actor: Actor | None = None,
) -> list[CollectionReminder]:
    """One 催报 per late task at most every `every_days` days; safe to run twice and from several workers at
    once: each task is claimed with a conditional update of `last_reminded_on` (healthchecks' sendreports)
    before its reminder is written, in one transaction. `tasks` narrows the late tasks (一键催报 from the page,
    by `actor`); `fazhi remind` sends for all of them."""
    today = today or timezone.localdate()
    every_days = max(1, int(every_days))
    late = late_tasks(today)
    if tasks is not None:
        late = late.filter(pk__in=tasks.values("pk"))
    due = late.filter(
        Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=today - timedelta(days=every_days))
    )
    sent = []
    for task in due.select_related("form", "org").order_by("due_on", "id").iterator():
        with transaction.atomic():
            claimed = CollectionTask.objects.filter(
                pk=task.pk, last_reminded_on=task.last_reminded_on
            ).update(last_reminded_on=today)
            if not claimed:
                continue  # another run got there first
            days = (today - task.due_on).days
            message = f"「{task.form.name}」应于{task.due_on:%Y年%m月%d日}前报送，已逾期{days}天，请尽快填报并提交。"
            if task.status == Status.RETURNED:
                message += f"（已退回：{task.return_reason}）"[:100]
            reminder = CollectionReminder(task=task, sent_on=today, days_overdue=days, message=message[:300])
            save_audited(reminder, actor=actor, reason="一键催报" if actor is not None else "催报")
        log.info("催报 %s：%s", task.org.name, message)
        sent.append(reminder)
    return sent
