"""任务分工 import and export: the sheet "任务分工" for the shared machinery in fazhi.core.importing.

A row is one unit's share of one task of a work plan: the plan (年度 and its title or 文号), the task's 序号, the
unit (name, short name as the plan writes it — 市司法局 — or code, matched in the plan's org tree), 牵头 or not,
its 完成时限 and 下达日期, and the progress the office has collected (完成进度, 进展情况, 报送日期). A share not
yet given is assigned (分解下达); a given one takes the row's 牵头 and 完成时限; progress that differs from the
share's accepted progress is recorded as the unit's report and accepted by the office (the office collected
it). A row equal to what Fazhi holds changes nothing, so an export imports back unchanged. All rows are checked
first; one bad row imports nothing. Every write goes through the services (permission checked, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import BOOL, DATE, INT, Column, Importer, RowInvalid, register
from fazhi.core.importing.cells import CellError, parse_date
from fazhi.core.models import Org
from fazhi.core.permissions import can

from . import rules, services
from .choices import ReportStatus, Status
from .models import Assignment, PlanTask, ProgressReport, WorkPlan

REASON = "导入任务分工"


@dataclass
class BuiltShare:
    task: PlanTask
    unit: Org
    share: Assignment | None  # None: to be assigned
    lead: bool
    deadline: date
    assigned_on: date
    progress: tuple[int, str, date] | None  # (percent, text, reported_on) to record, or None


def last_accepted(a: Assignment) -> ProgressReport | None:
    return a.reports.filter(status=ReportStatus.ACCEPTED).order_by("-reported_on", "-id").first()


@register
class ShareImporter(Importer):
    app = "plans"
    title = "任务分工"
    sheet_name = "任务分工"
    model = Assignment
    list_url_name = "plans:list"
    staged = False  # updates existing shares through the services
    columns = (
        Column("year", "年度", INT, required=True, min_value=2000, max_value=2100, width=8),
        Column("plan", "工作要点", required=True, max_length=200, help="工作要点标题或文号", width=34),
        Column("task", "任务序号", INT, required=True, min_value=1, max_value=999, width=10),
        Column(
            "unit",
            "责任单位",
            required=True,
            max_length=100,
            help="机构名称、简称（如市司法局）或机构代码",
            width=24,
            aliases=("承办单位", "责任部门"),
        ),
        Column("lead", "牵头单位", BOOL, help="是：牵头单位；否或空：责任单位", width=10),
        # a date to come: read as text (a DATE column refuses days after today)
        Column("deadline", "完成时限", help="日期，如 2025-06-30；空：任务原文的时限，无则年底", width=14),
        Column("assigned_on", "下达日期", DATE, help="空：导入当日；已下达的分工不能改", width=14),
        Column("percent", "完成进度（%）", INT, min_value=0, max_value=100, width=12),
        Column("text", "进展情况", max_length=2000, width=40, aliases=("工作进展", "进展")),
        Column("reported_on", "报送日期", DATE, help="填写进展时必填", width=14),
    )
    notes = (
        "一行是一个单位承担的一项任务（任务分工）。工作要点须已导入系统（按年度和标题或文号查找）。",
        "系统中尚无的分工将分解下达；已有的分工按本行修改牵头单位和完成时限。",
        "完成进度或进展情况与系统中已采纳的进展不同时，记为该单位报送的进展并由法治办采纳；进度100%即为完成。",
        "导出的文件不作修改再导入，不会改变任何记录。任何一行有误，整个文件都不导入。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        years = sorted({v["year"] for _, v in rows if v.get("year")})
        from .selectors import visible_plans

        self.plans: dict[int, list[WorkPlan]] = {}
        for p in visible_plans(self.user).filter(year__in=years).select_related("org"):
            self.plans.setdefault(p.year, []).append(p)
        self.seen: dict[tuple[int, int], int] = {}
        self.today = timezone.localdate()

    def _plan(self, row: int, year: int, text: str) -> WorkPlan:
        name = text.strip().strip("《》")
        found = [p for p in self.plans.get(year, []) if name in (p.title, p.doc_number)]
        if not found:
            self.error(row, "plan", f"{year}年度没有标题或文号为「{name}」的工作要点（请先导入工作要点）")
            raise RowInvalid
        if len(found) > 1:
            orgs = "、".join(p.org.name for p in found)
            self.error(row, "plan", f"「{name}」对应多个工作要点（{orgs}），请改填文号")
            raise RowInvalid
        plan = found[0]
        if not can(self.user, plan.org, "plans.manage"):
            self.error(row, "plan", f"无权管理《{plan.title}》的任务分工")
            raise RowInvalid
        return plan

    def _unit(self, row: int, plan: WorkPlan, text: str) -> Org:
        try:
            unit = self.orgs.resolve(text)
        except CellError as exc:
            found, _ = services.resolve_units(plan.org, [text])
            if len(found) != 1:
                self.error(row, "unit", str(exc) if not found else f"「{text}」对应多个单位，请填写机构代码")
                raise RowInvalid from None
            unit = found[0]
        if not unit.path.startswith(plan.org.path):
            self.error(row, "unit", f"{unit.name}不属于{plan.org.name}，不能承担《{plan.title}》的任务")
            raise RowInvalid
        return unit

    def build(self, row: int, v: dict[str, Any]) -> BuiltShare:
        plan = self._plan(row, v["year"], v["plan"])
        task = plan.tasks.filter(number=v["task"]).first()
        if task is None:
            self.error(row, "task", f"《{plan.title}》中没有第{v['task']}项任务")
            raise RowInvalid
        unit = self._unit(row, plan, v["unit"])
        key = (task.pk, unit.pk)
        if key in self.seen:
            self.error(row, "unit", f"与第{self.seen[key]}行重复：同一单位同一任务只能有一行")
            raise RowInvalid
        self.seen[key] = row
        share = Assignment.objects.filter(task=task, unit=unit).first()
        lead = bool(v.get("lead"))
        assigned_on = v.get("assigned_on")
        if share is not None:
            if assigned_on and assigned_on != share.assigned_on:
                self.error(
                    row,
                    "assigned_on",
                    f"该分工已于{share.assigned_on:%Y-%m-%d}下达，下达日期不能修改（清空或填写原日期）",
                )
                raise RowInvalid
            assigned_on = share.assigned_on
        elif assigned_on is None:
            assigned_on = self.today
        elif assigned_on > self.today:
            self.error(row, "assigned_on", "下达日期不能晚于今天")
            raise RowInvalid
        deadline = self._deadline(row, v.get("deadline")) or (
            share.deadline if share else rules.default_deadline(task)
        )
        if deadline < assigned_on and deadline != task.deadline:  # the plan's own past deadline stands
            self.error(
                row, "deadline", f"完成时限（{deadline:%Y-%m-%d}）不能早于下达日期（{assigned_on:%Y-%m-%d}）"
            )
            raise RowInvalid
        if share is not None and share.status == Status.DONE and deadline != share.deadline:
            self.error(row, "deadline", "该分工已完成，完成时限不再修改")
            raise RowInvalid
        progress = self._progress(row, v, share, assigned_on)
        return BuiltShare(task, unit, share, lead, deadline, assigned_on, progress)

    def _deadline(self, row: int, text: str | None) -> date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except CellError as exc:
            self.error(row, "deadline", str(exc))
            raise RowInvalid from None

    def _progress(
        self, row: int, v: dict[str, Any], share: Assignment | None, assigned_on: date
    ) -> tuple[int, str, date] | None:
        percent, text, on = v.get("percent"), (v.get("text") or "").strip(), v.get("reported_on")
        if percent is None and not text and on is None:
            return None
        last = last_accepted(share) if share is not None else None
        current = share.percent if share is not None else 0
        if percent is None:
            percent = current
        if last is not None and (percent, text, on) == (last.percent, last.text, last.reported_on):
            return None  # what Fazhi holds: nothing to record
        if last is None and percent == current and not text and on is None:
            return None
        if not text:
            self.error(row, "text", "填写完成进度时请填写进展情况")
            raise RowInvalid
        if on is None:
            self.error(row, "reported_on", "填写进展情况时请填写报送日期")
            raise RowInvalid
        if on < assigned_on:
            self.error(row, "reported_on", f"报送日期不能早于下达日期（{assigned_on:%Y-%m-%d}）")
            raise RowInvalid
        if on > self.today:
            self.error(row, "reported_on", "报送日期不能晚于今天")
            raise RowInvalid
        if share is not None:
            if share.status == Status.DONE:
                self.error(row, "percent", "该分工已完成，不再报送进展")
                raise RowInvalid
            if share.reports.filter(status=ReportStatus.SUBMITTED).exists():
                self.error(row, "text", "该分工有待审核的进展，请先在系统中采纳或退回")
                raise RowInvalid
            if percent < current:
                self.error(row, "percent", f"完成进度（{percent}%）低于已采纳的进度（{current}%）")
                raise RowInvalid
            if last is not None and on < last.reported_on:
                self.error(
                    row, "reported_on", f"报送日期早于已采纳的最近一次进展（{last.reported_on:%Y-%m-%d}）"
                )
                raise RowInvalid
        return percent, text, on

    def write(self, built: list[BuiltShare], *, progress) -> int:
        done = 0
        for b in built:
            share = b.share
            try:
                if share is None:
                    share = services.assign_task(
                        actor=self.user,
                        task=b.task,
                        unit=b.unit,
                        on=b.assigned_on,
                        deadline=b.deadline,
                        lead=b.lead,
                    )
                elif (share.lead, share.deadline) != (b.lead, b.deadline):
                    share = services.update_share(
                        actor=self.user, case=share, lead=b.lead, deadline=b.deadline, reason=REASON
                    )
                if b.progress is not None:
                    percent, text, on = b.progress
                    services.report_progress(
                        case=share, actor=self.user, reported_on=on, text=text, percent=percent
                    )
                    services.accept_report(case=share, actor=self.user, reviewed_on=max(on, self.today))
            except ValidationError as exc:  # checked in build; a change since then stops the whole file
                raise ValidationError(f"{b.task.number}项 {b.unit.name}：{'；'.join(exc.messages)}") from exc
            done += 1
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------
    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        """The shares of the list's filter (a unit: its own), of an org's subtree (the plan's jurisdiction or the
        unit), of a plan year; grouped by plan and task, the lead unit first."""
        from .casework import KIND

        within = Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path) if org else Q()
        by_year = Q(task__plan__year=year) if year else Q()
        shares = KIND.filtered_from(self.user, filters).filter(within, by_year)
        return shares.select_related("unit", "task__plan").order_by(
            "task__plan_id", "task__number", "-lead", "id"
        )

    def export_row(self, a: Assignment) -> list[Any]:
        plan = a.task.plan
        last = last_accepted(a)
        return [
            plan.year,
            plan.doc_number or plan.title,
            a.task.number,
            self.orgs.label(a.unit),
            "是" if a.lead else "否",
            a.deadline,
            a.assigned_on,
            a.percent,
            last.text if last else "",
            last.reported_on if last else None,
        ]
