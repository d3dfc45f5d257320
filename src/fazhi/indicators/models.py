from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org


class Comparator(models.TextChoices):
    GTE = "gte", "不低于"
    GT = "gt", "高于"
    LTE = "lte", "不高于"
    LT = "lt", "低于"


class Target(models.Model):
    """A target of the year's work plan for one indicator and org (e.g. 出庭应诉率不低于90%)."""

    key = models.CharField("指标", max_length=80)
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveSmallIntegerField("年度")
    comparator = models.CharField("比较", max_length=4, choices=Comparator.choices)
    threshold = models.DecimalField("目标值", max_digits=12, decimal_places=2)
    source = models.CharField("依据", max_length=200, blank=True, help_text="如 2024年法治政府建设工作要点")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标目标"
        verbose_name_plural = "指标目标"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "org", "year"], name="indicators_target_unique_key_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.get_comparator_display()} {self.threshold}"

    def met(self, value) -> bool:
        v = float(value)
        t = float(self.threshold)
        return {"gte": v >= t, "gt": v > t, "lte": v <= t, "lt": v < t}[self.comparator]


# ---------------------------------------------------------------------------------------------------------
# 统计填报: figures kept outside Fazhi, collected from units and sub-jurisdictions by period.


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
    history = HistoricalRecords()

    class Meta:
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
        from .registry import Period

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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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


# ---------------------------------------------------------------------------------------------------------
# Period lock: the figures of a published year, and the log of later differences (更正记录).


class PeriodLock(models.Model):
    """The figures of an org's year as published (年度报告发布): a snapshot, so that later corrections of the
    records produce restatement entries instead of silently changing a published number."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveSmallIntegerField("年度")
    locked_at = models.DateTimeField("发布锁定时间")
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    reason = models.CharField("说明", max_length=300, help_text="如 2024年度法治政府建设情况报告已发布")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度数据发布锁定"
        verbose_name_plural = "年度数据发布锁定"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="indicators_periodlock_unique_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年度"


class PublishedValue(models.Model):
    """One figure as published: value, numerator and denominator, and the ids of the records behind it then
    (so a restatement can name the records that entered, left or changed since)."""

    lock = models.ForeignKey(
        PeriodLock, on_delete=models.CASCADE, related_name="values", verbose_name="发布锁定"
    )
    key = models.CharField("指标", max_length=80)
    unit = models.CharField("单位", max_length=16)
    value = models.DecimalField("发布值", max_digits=20, decimal_places=4, null=True, blank=True)
    numerator = models.BigIntegerField("分子", null=True, blank=True)
    denominator = models.BigIntegerField("分母", null=True, blank=True)
    record_model = models.CharField("明细记录类型", max_length=100, blank=True)
    record_ids = models.JSONField("明细记录", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "已发布指标值"
        verbose_name_plural = "已发布指标值"
        ordering = ["lock", "key"]
        constraints = [
            models.UniqueConstraint(fields=["lock", "key"], name="indicators_publishedvalue_unique_lock_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class Restatement(models.Model):
    """An entry of the 更正记录: a published figure whose live value now differs (or agrees again), with the
    records changed since the lock — who changed what and when, from the history tables."""

    lock = models.ForeignKey(
        PeriodLock, on_delete=models.CASCADE, related_name="restatements", verbose_name="发布锁定"
    )
    key = models.CharField("指标", max_length=80)
    detected_at = models.DateTimeField("发现时间")
    published_value = models.DecimalField("发布值", max_digits=20, decimal_places=4, null=True, blank=True)
    published_numerator = models.BigIntegerField("发布分子", null=True, blank=True)
    published_denominator = models.BigIntegerField("发布分母", null=True, blank=True)
    current_value = models.DecimalField("现值", max_digits=20, decimal_places=4, null=True, blank=True)
    current_numerator = models.BigIntegerField("现分子", null=True, blank=True)
    current_denominator = models.BigIntegerField("现分母", null=True, blank=True)
    changes = models.JSONField("变动的记录", default=list, blank=True)
    detected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="核对人",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "更正记录"
        verbose_name_plural = "更正记录"
        ordering = ["-detected_at", "-id"]
        indexes = [models.Index(fields=["lock", "key", "detected_at"], name="indicators_restate_lock_key")]

    def __str__(self) -> str:
        return f"{self.lock} {self.key}"

    @property
    def agrees_again(self) -> bool:
        return (
            self.current_value == self.published_value
            and self.current_numerator == self.published_numerator
            and self.current_denominator == self.published_denominator
        )
