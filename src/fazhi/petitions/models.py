from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import Answer, Category, Channel, EventKind, Opinion, Route, Status


class Petition(OrgRecord):
    """A 信访事项 and its handling: 登记 → 受理告知 (or 诉访分离) → 办理 → 答复 → 复查 → 复核.

    `org` is the jurisdiction whose office counts it; `unit` the organ that received and handles it."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="办理单位")
    number = models.CharField("编号", max_length=60, unique=True)
    channel = models.CharField("信访形式", max_length=10, choices=Channel.choices)
    petitioner = models.CharField("信访人", max_length=100)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    people = models.PositiveSmallIntegerField("来访人数", default=1)
    representatives = models.PositiveSmallIntegerField("推选代表人数", default=0)
    received_by = models.CharField("接访领导", max_length=60, blank=True)
    category = models.CharField("信访事项类别", max_length=12, choices=Category.choices)
    subject = models.CharField("反映事项", max_length=200)
    content = models.CharField("主要诉求", max_length=1000, blank=True)
    received_on = models.DateField("收到信访事项日期")
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="重复信访"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.REGISTERED)
    notice_due = models.DateField("告知期限", null=True, blank=True, editable=False)
    disposed_on = models.DateField("受理告知或导入日期", null=True, blank=True, editable=False)
    disposed_on_time = models.BooleanField("按期告知", default=False, editable=False)
    route = models.CharField("导入途径", max_length=20, choices=Route.choices, blank=True)
    route_reason = models.CharField("导入理由", max_length=300, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长天数", default=0)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    handling_due = models.DateField("办结期限", null=True, blank=True, editable=False)
    answered_on = models.DateField("书面答复日期", null=True, blank=True)
    answer = models.CharField("处理意见", max_length=10, choices=Answer.choices, blank=True)
    answered_on_time = models.BooleanField("按期办结", default=False, editable=False)
    review_requested_on = models.DateField("请求复查日期", null=True, blank=True)
    review_due = models.DateField("复查期限", null=True, blank=True, editable=False)
    reviewed_on = models.DateField("复查意见日期", null=True, blank=True)
    review_opinion = models.CharField("复查意见", max_length=10, choices=Opinion.choices, blank=True)
    recheck_requested_on = models.DateField("请求复核日期", null=True, blank=True)
    hearing_start = models.DateField("复核听证开始日期", null=True, blank=True)
    hearing_end = models.DateField("复核听证结束日期", null=True, blank=True)
    recheck_due = models.DateField("复核期限", null=True, blank=True, editable=False)
    rechecked_on = models.DateField("复核意见日期", null=True, blank=True)
    recheck_opinion = models.CharField("复核意见", max_length=10, choices=Opinion.choices, blank=True)
    due_on = models.DateField("当前期限", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])
    personal_fields = ("phone",)  # masked unless the user may see it (core.personal)

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["org", "received_on", "id"], name="pet_org_received"),
            models.Index(fields=["unit", "received_on", "id"], name="pet_unit_received"),
            models.Index(fields=["received_on", "id"], name="pet_received"),
            models.Index(fields=["org", "disposed_on"], name="pet_org_disposed"),
            models.Index(fields=["org", "answered_on"], name="pet_org_answered"),
            models.Index(fields=["petitioner", "subject"], name="pet_repeat"),
            models.Index(fields=["due_on"], name="pet_due", condition=Q(due_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.number


class PetitionEvent(TimelineEvent):
    case = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=20, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "信访办理过程"
        verbose_name_plural = "信访办理过程"
