"""统计填报: figures kept outside Fazhi, collected from units and sub-jurisdictions by period.

The tables keep the names they had in the indicators app (Meta.db_table, the history tables' table_name), where
these models lived until they became an app of their own (migrations/0001_initial.py moves them state only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org


class CollectionForm(models.Model):
    """A 统计填报表 the office of a jurisdiction defines: a named set of catalog figures of source "form" for a
    period (e.g. 2025年度法治政府建设统计表), sent to units and sub-jurisdictions as 填报任务."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已下发"
        CLOSED = "closed", "已截止"

    owner = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="发起机构")
    name = models.CharField("名称", max_length=100)
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    period_label = models.CharField("期间", max_length=60)
    keys = models.JSONField("指标", default=list, help_text="指标目录中来源为“统计填报”的指标代码")
    instructions = models.TextField("填报说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="创建人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords(table_name="indicators_historicalcollectionform")

    class Meta:
        db_table = "indicators_collectionform"
        verbose_name = "统计填报表"
        verbose_name_plural = "统计填报表"
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="indicators_collectionform_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["owner", "period_start"], name="indicators_form_owner_period")]

    def __str__(self) -> str:
        return self.name

    @property
    def period(self):
        from fazhi.indicators.registry import Period

        return Period(self.period_start, self.period_end, self.period_label)


class CollectionTask(models.Model):
    """A 填报任务: one form sent to one org (unit or sub-jurisdiction) with a due date. Its clerk or office fills
    it in and submits it; the office that sent it accepts it or returns it with a reason. Only accepted
    tasks count in the indicators."""

    class Status(models.TextChoices):
        PENDING = "pending", "待填报"
        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "待审核"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已采纳"

    form = models.ForeignKey(
        CollectionForm, on_delete=models.PROTECT, related_name="tasks", verbose_name="填报表"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="填报机构")
    due_on = models.DateField("截止日期")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="提交人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核人",
    )
    return_reason = models.CharField("退回原因", max_length=300, blank=True)
    # The claim of `fazhi remind` (conditional update, as healthchecks' sendreports): the day of the last
    # reminder, so two runs on the same day send one reminder.
    last_reminded_on = models.DateField("最近催报日期", null=True, blank=True, editable=False)
    history = HistoricalRecords(table_name="indicators_historicalcollectiontask")

    class Meta:
        db_table = "indicators_collectiontask"
        verbose_name = "填报任务"
        verbose_name_plural = "填报任务"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "org"], name="indicators_collectiontask_unique_form_org"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="indicators_task_status_due"),
            models.Index(fields=["org", "status"], name="indicators_task_org_status"),
        ]

    def __str__(self) -> str:
        return f"{self.form} · {self.org}"

    @property
    def is_open(self) -> bool:
        """Still to be (re)filled by the org: neither waiting for review nor accepted."""
        return self.status in OPEN_TASK_STATUSES


OPEN_TASK_STATUSES = (
    CollectionTask.Status.PENDING,
    CollectionTask.Status.DRAFT,
    CollectionTask.Status.RETURNED,
)


class CollectedValue(models.Model):
    """One figure entered in a 填报任务: the catalog key and the value (empty = 无数据, never 0)."""

    task = models.ForeignKey(
        CollectionTask, on_delete=models.CASCADE, related_name="values", verbose_name="填报任务"
    )
    key = models.CharField("指标", max_length=80)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4, null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    #: the record whose changes move a value in or out of a figure without touching it (a returned or re-accepted
    #: 填报任务): the restatement log (indicators/locks.py) lists its history with the values'
    restatement_parent = "task"
    history = HistoricalRecords(table_name="indicators_historicalcollectedvalue")

    class Meta:
        db_table = "indicators_collectedvalue"
        verbose_name = "填报数值"
        verbose_name_plural = "填报数值"
        ordering = ["task", "id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "key"], name="indicators_collectedvalue_unique_task_key"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="indicators_collectedvalue_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["key", "task"], name="indicators_value_key_task")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class CollectionReminder(models.Model):
    """A 催报 notice for a late 填报任务, written by `fazhi remind` and shown on the clerk's page."""

    task = models.ForeignKey(
        CollectionTask, on_delete=models.CASCADE, related_name="reminders", verbose_name="填报任务"
    )
    sent_on = models.DateField("催报日期")
    sent_at = models.DateTimeField("催报时间", auto_now_add=True)
    days_overdue = models.PositiveIntegerField("逾期天数")
    message = models.CharField("内容", max_length=300)
    history = HistoricalRecords(table_name="indicators_historicalcollectionreminder")

    class Meta:
        db_table = "indicators_collectionreminder"
        verbose_name = "催报记录"
        verbose_name_plural = "催报记录"
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "sent_on"], name="indicators_collectionreminder_unique_task_day"
            ),
        ]

    def __str__(self) -> str:
        return self.message
