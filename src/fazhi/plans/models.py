from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import EventKind, Op, Recurrence, ReportStatus, Status


class WorkPlan(OrgRecord):
    """A jurisdiction's work plan for a year (法治政府建设工作要点, 工作安排, 实施方案) as published: its header,
    parts and numbered tasks, imported from the document or built by hand."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("发文机关", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "工作要点"
        verbose_name_plural = "工作要点"
        ordering = ["-year", "org__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "title"], name="plans_workplan_unique_org_year_title"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanPart(models.Model):
    """A part of the plan (一、进一步加强党的领导…)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("标题", max_length=200)

    class Meta:
        verbose_name = "工作要点部分"
        verbose_name_plural = "工作要点部分"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plans_part_unique_number")]

    def __str__(self) -> str:
        return self.title


class PlanTask(models.Model):
    """A numbered task of the plan with its full wording, the units the text names and its deadline."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    part = models.ForeignKey(PlanPart, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    number = models.PositiveSmallIntegerField("序号")
    label = models.CharField(
        "原文编号",
        max_length=20,
        blank=True,
        help_text="编号在各（一）（二）下重新起算时的原文编号，如（二）3",
    )
    title = models.CharField("任务", max_length=200)
    text = models.TextField("任务内容")
    lead_units_text = models.CharField("牵头单位（原文）", max_length=500, blank=True)
    units_text = models.CharField("责任单位（原文）", max_length=1000, blank=True)
    unmatched_units = models.CharField("未匹配的单位", max_length=1000, blank=True)
    deadline = models.DateField("完成时限", null=True, blank=True)
    recurrence = models.CharField(
        "周期", max_length=12, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作任务"
        verbose_name_plural = "工作任务"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plans_task_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TaskTarget(models.Model):
    """A quantitative target a task states (出庭应诉率不低于90%), linked to the catalog figure that measures it,
    so its progress is the figure's live value, not a typed one. The link is proposed by the importer and may
    be corrected by hand (`linked_by`)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField("目标原文", max_length=300)
    op = models.CharField("比较", max_length=4, choices=Op.choices)
    value = models.DecimalField("目标值", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("单位", max_length=10, blank=True)
    indicator = models.CharField("对应指标", max_length=80, blank=True)
    linked_by_hand = models.BooleanField("人工校正", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任务目标"
        verbose_name_plural = "任务目标"
        ordering = ["task", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(op="cmp") | Q(value__isnull=False), name="plans_target_value_unless_cmp"
            )
        ]

    def __str__(self) -> str:
        return self.text


def halfway(assigned_on: date | None, deadline: date | None) -> date | None:
    """The day half of a share's time has passed (下达 to 完成时限, rounded down): from then on a share whose
    progress is under half is 滞后 (时间过半、进度未过半). None for a share given after its deadline (a plan entered
    late in its year): it is overdue from the start, never 滞后."""
    if assigned_on is None or deadline is None or deadline < assigned_on:
        return None
    return assigned_on + (deadline - assigned_on) // 2


class Assignment(OrgRecord):
    """One unit's share of a task (任务分工): the unit answers for it by the deadline, reports progress, and
    the office accepts the reports, urges (督办) when it lags. `org` is the plan's jurisdiction."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位")
    task = models.ForeignKey(PlanTask, on_delete=models.PROTECT, related_name="assignments")
    lead = models.BooleanField("牵头单位", default=False)
    assigned_on = models.DateField("下达日期")
    deadline = models.DateField("完成时限")
    due = models.DateField(
        "当前期限", editable=False, help_text="完成时限；督办后、回复前为督办的限期回复日期"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    last_reported_on = models.DateField("最近报送", null=True, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    halfway_on = models.DateField(
        "时间过半日期",
        null=True,
        editable=False,
        help_text="下达日期与完成时限的中点（时间过半、进度未过半为滞后）",
    )
    urge_count = models.PositiveSmallIntegerField("督办次数", default=0, editable=False)
    first_urged_on = models.DateField("首次督办日期", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "任务分工"
        verbose_name_plural = "任务分工"
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="plans_assignment_unique_task_unit"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="plans_assignment_percent_max_100"),
        ]
        indexes = [
            models.Index(fields=["org", "assigned_on", "id"], name="plans_asg_org_assigned"),
            models.Index(fields=["unit", "assigned_on", "id"], name="plans_asg_unit_assigned"),
            models.Index(fields=["due"], name="plans_asg_open_due", condition=~Q(status="done")),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.unit}"

    def save(self, *args, **kwargs):
        self.halfway_on = halfway(self.assigned_on, self.deadline)
        if (fields := kwargs.get("update_fields")) is not None and {"assigned_on", "deadline"} & set(fields):
            kwargs["update_fields"] = {*fields, "halfway_on"}
        super().save(*args, **kwargs)

    @property
    def number(self) -> str:
        """How a refusal names it: 第16项（市司法局）."""
        return f"第{self.task.number}项（{self.unit.short_name or self.unit.name}）"


class ProgressReport(models.Model):
    """A unit's report on its share of a task (进展): text, percent, evidence (attachments of the assignment);
    the office accepts it or returns it with a reason."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField("报送日期")
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）")
    status = models.CharField(
        "审核", max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    reason = models.CharField("退回理由", max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任务进展"
        verbose_name_plural = "任务进展"
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="plans_report_percent_max_100")
        ]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.percent}%"


class Urging(models.Model):
    """A 督办通知 on a lagging or overdue share of a task: the reply it asks for by `reply_due` (the assignment's
    new due date, reminded through the due-date protocol); a second one is an escalation (再次督办). The unit's
    next progress report answers it (`answered_on`): the share's due date goes back to its deadline."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="urgings")
    urged_on = models.DateField("督办日期")
    reply_due = models.DateField("限期回复")
    level = models.PositiveSmallIntegerField("督办次序", default=1)
    note = models.CharField("督办事项", max_length=300)
    answered_on = models.DateField(
        "回复日期", null=True, blank=True, help_text="责任单位督办后报送进展之日（即回复督办）"
    )
    urged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "督办通知"
        verbose_name_plural = "督办通知"
        ordering = ["urged_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_due__gte=models.F("urged_on")), name="plans_urging_reply_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.urged_on} 督办"


class AssignmentEvent(TimelineEvent):
    """One step of an assignment's timeline (下达, 报送, 采纳/退回, 督办, 完成)."""

    case = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "任务办理过程"
        verbose_name_plural = "任务办理过程"
