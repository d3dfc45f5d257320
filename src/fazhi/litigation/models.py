from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent
from fazhi.law.choices import ActType
from fazhi.reconsideration.models import ReconsiderationCase

from .choices import Appearance, EventKind, Instance, Result, Status


class LitigationCase(OrgRecord):
    """An administrative lawsuit (行政诉讼) in which a unit of the jurisdiction is the defendant (被告).

    `org` is the jurisdiction whose office tracks the case; `defendant` is the sued unit."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    defendant = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="被告单位")
    court = models.CharField("受理法院", max_length=100)
    case_number = models.CharField("案号", max_length=80)
    stage = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    plaintiff = models.CharField("原告", max_length=200)
    act_type = models.CharField("被诉行为类别", max_length=20, choices=ActType.choices)
    act_description = models.CharField("被诉行政行为", max_length=300)
    reconsideration = models.ForeignKey(
        ReconsiderationCase,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigations",
        verbose_name="经复议的复议案件",
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    complaint_received_on = models.DateField("收到起诉状副本日期")
    answer_due = models.DateField("答辩期限", null=True, blank=True, editable=False)
    answered_on = models.DateField("提交答辩日期", null=True, blank=True)
    result = models.CharField("裁判结果", max_length=20, choices=Result.choices, blank=True)
    judged_on = models.DateField("裁判日期", null=True, blank=True)
    lost = models.BooleanField("是否败诉", default=False, editable=False)
    appealed = models.BooleanField("是否上诉", default=False)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    head_appeared = models.BooleanField("负责人是否出庭", default=False, editable=False)
    hearing_count = models.PositiveSmallIntegerField("开庭次数", default=0, editable=False)
    first_hearing_on = models.DateField("首次开庭日期", null=True, blank=True, editable=False)
    # version, created_at, created_by: core.records.OrgRecord
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        ordering = ["-complaint_received_on", "-id"]
        constraints = [
            # a voided registration (作废) does not block registering the suit again under its number
            models.UniqueConstraint(
                fields=["court", "case_number"],
                condition=Q(voided_at__isnull=True),
                name="litigation_case_unique_court_number",
                violation_error_message="该法院的这一案号已经登记过",
            ),
            models.CheckConstraint(
                condition=Q(judged_on__isnull=True) | Q(judged_on__gte=models.F("complaint_received_on")),
                name="litigation_case_judged_after_complaint",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "complaint_received_on", "id"], name="lit_org_received"),
            models.Index(fields=["defendant", "complaint_received_on", "id"], name="lit_def_received"),
            models.Index(fields=["complaint_received_on", "id"], name="lit_received"),
            models.Index(fields=["org", "judged_on", "lost"], name="lit_org_judged"),
            models.Index(fields=["org", "first_hearing_on", "head_appeared"], name="lit_org_hearing"),
            models.Index(fields=["answer_due"], name="lit_answer_due", condition=Q(answered_on__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.case_number


class CourtHearing(models.Model):
    """A court session (开庭) and who appeared for the defendant organ."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期")
    appearance = models.CharField("出庭情况", max_length=16, choices=Appearance.choices)
    appearing_person = models.CharField("出庭人员", max_length=100, blank=True)
    appearing_title = models.CharField("职务", max_length=60, blank=True)
    absence_reason = models.CharField(
        "负责人未出庭理由", max_length=200, blank=True, help_text="法释〔2020〕3号 第八条所列正当理由"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "开庭记录"
        verbose_name_plural = "开庭记录"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_appearance_display()}"


class LitigationEvent(TimelineEvent):
    """One step of the case timeline."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "应诉过程"
        verbose_name_plural = "应诉过程"
