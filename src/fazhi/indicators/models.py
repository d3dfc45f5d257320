from __future__ import annotations

from django.conf import settings
from django.db import models
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


class MonthlyCount(models.Model):
    """The summary of a declared count (fazhi.indicators.summary): how many records of one org field value are
    dated in one month and match the count's condition. Kept equal to the records by the summary's write hooks;
    `figure` is the count's signature (model, org field, date field, condition), so a changed declaration is a
    new signature, built afresh from the records."""

    figure = models.CharField("口径", max_length=40)
    org = models.BigIntegerField("机构")  # an org id, no FK: a summary row is derived data, not a reference
    month = models.DateField("月份")  # the month's first day
    n = models.IntegerField("件数", default=0)

    class Meta:
        verbose_name = "指标月度汇总"
        verbose_name_plural = "指标月度汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "org", "month"], name="indicators_monthlycount_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.org} {self.month:%Y-%m}: {self.n}"


class SummaryBuilt(models.Model):
    """For each summarized count (its slot, summary.Slot.name), the signature whose MonthlyCount rows were built
    from the records and kept since."""

    slot = models.CharField("指标", max_length=200, unique=True)
    figure = models.CharField("口径", max_length=40)
    built_at = models.DateTimeField("生成时间", auto_now=True)

    class Meta:
        verbose_name = "指标汇总口径"
        verbose_name_plural = "指标汇总口径"

    def __str__(self) -> str:
        return f"{self.slot} {self.figure}"
