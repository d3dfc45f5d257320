from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import Answer, ApplicantClass, Channel, EventKind, Form, Outcome, Status


class Application(OrgRecord):
    """An application for government information (政府信息公开申请) received by an organ (`unit`) of a jurisdiction
    (`org`), with its reply clock (条例 第三十三条) and its answer in the annual report's classes."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="受理机关")
    number = models.CharField("登记编号", max_length=40, unique=True)
    applicant = models.CharField("申请人", max_length=200)
    applicant_class = models.CharField("申请人类别", max_length=12, choices=ApplicantClass.choices)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    content = models.TextField("申请公开的政府信息")
    form = models.CharField("形式要求", max_length=12, choices=Form.choices, default=Form.ELECTRONIC)
    channel = models.CharField("申请渠道", max_length=12, choices=Channel.choices)
    received_on = models.DateField("收到申请日期", help_text="条例第三十一条")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    corrected_on = models.DateField("收到补正申请日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    due_on = models.DateField("答复期限", null=True, blank=True, editable=False)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answer = models.CharField("办理结果", max_length=16, choices=Answer.choices, blank=True)
    answer_note = models.CharField("答复说明", max_length=300, blank=True)
    on_time = models.BooleanField("按期答复", null=True, editable=False)
    review = models.CharField("行政复议", max_length=10, choices=Outcome.choices, blank=True)
    suit = models.CharField("行政诉讼", max_length=10, choices=Outcome.choices, blank=True)
    suit_after_review = models.BooleanField("复议后起诉", default=False)
    history = HistoricalRecords(excluded_fields=["version"])
    personal_fields = ("contact",)  # masked unless the user may see it (core.personal)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("received_on")),
                name="disclosure_answered_after_received",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=20), name="disclosure_extension_at_most_20"
            ),
        ]
        indexes = [
            models.Index(fields=["org", "received_on", "id"], name="dis_org_received"),
            models.Index(fields=["unit", "received_on", "id"], name="dis_unit_received"),
            models.Index(fields=["received_on", "id"], name="dis_received"),
            models.Index(fields=["org", "answered_on"], name="dis_org_answered"),
            models.Index(fields=["due_on"], name="dis_due", condition=Q(answered_on__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.number


class Consultation(models.Model):
    """征求第三方或其他机关意见 (第三十二条、第三十四条): the time it takes is not counted (第三十三条第三款)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    party = models.CharField("征求意见对象", max_length=200)
    started_on = models.DateField("发出征求意见书日期")
    ended_on = models.DateField("收到意见日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.party} {self.started_on}"


class DisclosureEvent(TimelineEvent):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "申请办理过程"
        verbose_name_plural = "申请办理过程"
