from __future__ import annotations

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
        constraints = [models.UniqueConstraint(fields=["key", "org", "year"], name="indicators_target_unique_key_org_year")]

    def __str__(self) -> str:
        return f"{self.key} {self.get_comparator_display()} {self.threshold}"

    def met(self, value) -> bool:
        v = float(value)
        t = float(self.threshold)
        return {"gte": v >= t, "gt": v > t, "lte": v <= t, "lt": v < t}[self.comparator]
