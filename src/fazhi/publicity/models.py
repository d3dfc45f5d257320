from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import ActivityKind, EventKind, Status


class Activity(OrgRecord):
    """A 普法 activity held by a unit (`unit`) of a jurisdiction (`org`): when, where, what kind, for how many people,
    by which lecturers, and the media items that reported it."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="开展单位")
    kind = models.CharField("活动形式", max_length=16, choices=ActivityKind.choices)
    title = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("开展日期")
    place = models.CharField("地点", max_length=120)
    audience = models.PositiveIntegerField("受众人次", default=0)
    materials = models.PositiveIntegerField("发放资料份数", default=0)
    lecturers = models.CharField("宣讲人", max_length=200, blank=True)
    media = models.TextField("宣传报道链接", blank=True, help_text="每行一个链接")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.HELD)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["org", "held_on", "id"], name="pub_org_held"),
            models.Index(fields=["unit", "held_on", "id"], name="pub_unit_held"),
            models.Index(fields=["held_on", "id"], name="pub_held"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def media_links(self) -> list[str]:
        return [line.strip() for line in self.media.splitlines() if line.strip()]


class Duty(OrgRecord):
    """An item of a unit's 谁执法谁普法 责任清单 for a year: what it must do, and how many activities (of a kind, or
    of any kind) that takes. Completion is read from the unit's activities, never typed in."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位")
    year = models.PositiveSmallIntegerField("年度")
    item = models.CharField("普法责任", max_length=300)
    laws = models.CharField("重点普及的法律法规", max_length=300, blank=True)
    kind = models.CharField("活动形式", max_length=16, choices=ActivityKind.choices, blank=True)
    required = models.PositiveSmallIntegerField("应开展活动次数", default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "普法责任清单条目"
        verbose_name_plural = "普法责任清单"
        ordering = ["-year", "unit", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(required__gte=1), name="publicity_duty_required_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.item}"


class ActivityEvent(TimelineEvent):
    """One step of an activity's record."""

    case = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "普法活动记录"
        verbose_name_plural = "普法活动记录"
