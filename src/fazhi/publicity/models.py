from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    ActivityKind,
    EventKind,
    LiterateStatus,
    ReviewResult,
    SiteKind,
    SiteStatus,
    Status,
    VillageLevel,
    VillageStatus,
)


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


class CultureSite(OrgRecord):
    """A 法治文化阵地 of a jurisdiction (`org`): a 法治公园, 广场, 长廊, 文化墙 … where it stands, when it was built and
    accepted, and the unit that looks after it (`unit`). It counts as a site from its completion until removed."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="管护单位")
    name = models.CharField("阵地名称", max_length=120)
    kind = models.CharField("阵地类型", max_length=12, choices=SiteKind.choices)
    township = models.CharField("所在乡镇（街道）", max_length=60, blank=True)
    location = models.CharField("具体位置", max_length=200)
    built_on = models.DateField("建成日期")
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=SiteStatus.choices, default=SiteStatus.IN_USE)
    closed_on = models.DateField("撤除日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "法治文化阵地"
        verbose_name_plural = "法治文化阵地"
        ordering = ["-built_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("built_on")),
                name="publicity_culturesite_accepted_after_built",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("built_on")),
                name="publicity_culturesite_closed_after_built",
            ),
        ]
        indexes = [models.Index(fields=["org", "built_on", "id"], name="pub_site_org_built")]

    def __str__(self) -> str:
        return self.name


class ModelVillage(OrgRecord):
    """A 民主法治示范村（社区） of a jurisdiction (`org`): the village, the level that named it (全国/省/市/县) and when,
    under the care of `unit` (司法所 or 司法局); its 复核 results are `reviews`, and a failed one revokes the name."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="指导单位")
    village = models.CharField("村（社区）", max_length=80)
    township = models.CharField("所在乡镇（街道）", max_length=60, blank=True)
    level = models.CharField("命名级别", max_length=12, choices=VillageLevel.choices)
    named_on = models.DateField("命名日期")
    batch = models.CharField("命名批次（文号）", max_length=120, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=VillageStatus.choices, default=VillageStatus.NAMED
    )
    revoked_on = models.DateField("撤销命名日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "民主法治示范村（社区）"
        verbose_name_plural = "民主法治示范村（社区）"
        ordering = ["-named_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "village", "level"],
                condition=Q(voided_at__isnull=True),
                name="publicity_modelvillage_unique_level",
            ),
        ]
        indexes = [models.Index(fields=["org", "named_on", "id"], name="pub_village_org_named")]

    def __str__(self) -> str:
        return f"{self.village}（{self.get_level_display()}）"


class VillageReview(models.Model):
    """One 复核 of a named village: the year, the result and the reviewers' remark."""

    village = models.ForeignKey(ModelVillage, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField("复核年度")
    reviewed_on = models.DateField("复核日期")
    result = models.CharField("复核结果", max_length=10, choices=ReviewResult.choices)
    note = models.CharField("复核意见", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "示范村复核"
        verbose_name_plural = "示范村复核"
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="publicity_villagereview_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_result_display()}"


class LegalLiterate(OrgRecord):
    """A 法律明白人 of a village (社区): personal data (name, phone), the training received and the certificate;
    registered with the jurisdiction (`org`) by the 司法所 or 司法局 (`unit`). The portal publishes counts only."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="培养单位")
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    village = models.CharField("村（社区）", max_length=80)
    township = models.CharField("所在乡镇（街道）", max_length=60, blank=True)
    registered_on = models.DateField("确认日期")
    trained_hours = models.PositiveSmallIntegerField("培训学时", default=0)
    training = models.CharField("培训情况", max_length=200, blank=True)
    certificate = models.CharField("证书编号", max_length=40, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=LiterateStatus.choices, default=LiterateStatus.ACTIVE
    )
    left_on = models.DateField("退出日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])
    personal_fields = (
        "phone",
    )  # masked on pages, exports and history; shown whole only as core.personal allows

    class Meta:
        verbose_name = "法律明白人"
        verbose_name_plural = "法律明白人"
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("registered_on")),
                name="publicity_legalliterate_left_after_registered",
            ),
        ]
        indexes = [models.Index(fields=["org", "registered_on", "id"], name="pub_literate_org_reg")]

    def __str__(self) -> str:
        return f"{self.name}（{self.village}）"
