from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent
from fazhi.law.choices import ActType

from .choices import (
    ApplicantKind,
    Decision,
    EventKind,
    HearingKind,
    Procedure,
    Status,
    TerminationReason,
)


class ReconsiderationCase(OrgRecord):
    """A 行政复议 case handled by a 复议机关 (the jurisdiction in `org`) against an act of `respondent`.

    Due dates are derived by services from the dates below through fazhi.law (never typed in) and stored so
    that "due soon / overdue" lists are index lookups; `next_due` is the one that matters now."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="复议机关")
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    number = models.CharField("案号", max_length=60)
    respondent = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="被申请人")
    act_type = models.CharField("行为类别", max_length=20, choices=ActType.choices)
    act_field = models.CharField("管理领域", max_length=40, blank=True, help_text="字典：执法领域")
    act_description = models.CharField("被申请复议的行政行为", max_length=300)
    channel = models.CharField("申请渠道", max_length=40, blank=True, help_text="字典：申请渠道")
    applicant_summary = models.CharField("申请人", max_length=200, help_text="列表显示用；明细见申请人")
    procedure = models.CharField(
        "审理程序", max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.RECEIVED)

    received_on = models.DateField("收到申请日期")
    correction_notice_on = models.DateField("补正通知送达日期", null=True, blank=True)
    correction_received_on = models.DateField("收到补正材料日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    rejected_on = models.DateField("不予受理日期", null=True, blank=True)
    copy_received_on = models.DateField("被申请人收到副本日期", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长天数", default=0)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_approver = models.CharField("延期批准人", max_length=60, blank=True)
    decision = models.CharField("复议决定", max_length=24, choices=Decision.choices, blank=True)
    termination_reason = models.CharField(
        "终止原因", max_length=24, choices=TerminationReason.choices, blank=True
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    decision_note = models.TextField("决定要旨", blank=True)

    # Derived by services.recompute_deadlines(); explained on the page by rules.explain().
    acceptance_due = models.DateField("受理审查期限", null=True, blank=True, editable=False)
    correction_due = models.DateField("补正期限", null=True, blank=True, editable=False)
    reply_due = models.DateField("答复期限", null=True, blank=True, editable=False)
    decision_due = models.DateField("决定期限", null=True, blank=True, editable=False)
    next_due = models.DateField("当前期限", null=True, blank=True, editable=False)

    # version, created_at, created_by: core.records.OrgRecord
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "seq"], name="reconsideration_case_unique_org_year_seq"
            ),
            models.UniqueConstraint(fields=["org", "number"], name="reconsideration_case_unique_org_number"),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                name="reconsideration_case_accepted_after_received",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="reconsideration_case_decided_after_received",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=30), name="reconsideration_case_extension_max_30"
            ),
        ]
        indexes = [
            models.Index(fields=["org", "received_on", "id"], name="recon_org_received"),
            models.Index(fields=["respondent", "received_on", "id"], name="recon_resp_received"),
            models.Index(fields=["received_on", "id"], name="recon_received"),
            models.Index(fields=["next_due"], name="recon_next_due", condition=Q(next_due__isnull=False)),
            models.Index(
                fields=["org", "decided_on", "decision", "termination_reason"], name="recon_org_decided"
            ),
            models.Index(fields=["org", "accepted_on"], name="recon_org_accepted"),
            models.Index(
                fields=["org", "rejected_on"],
                name="recon_org_rejected",
                condition=Q(rejected_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.org_id and self.respondent_id and self.org_id == self.respondent_id:
            raise ValidationError({"respondent": "被申请人不能是复议机关本身"})

    @property
    def is_open(self) -> bool:
        from .choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES


class Applicant(models.Model):
    """An applicant (申请人) of a case, with their representative (代理人/代表人) if any."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.CASCADE, related_name="applicants")
    kind = models.CharField(
        "类型", max_length=12, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    name = models.CharField("姓名/名称", max_length=100)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    contact = models.CharField("联系方式", max_length=60, blank=True)
    representative = models.CharField("代理人/代表人", max_length=100, blank=True)
    history = HistoricalRecords()
    personal_fields = ("id_number", "contact")  # masked unless the user may see them (core.personal)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return self.name


class Suspension(models.Model):
    """A 中止 of the case (复议法 第三十九条); the decision clock stops until `resumed_on`."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.CASCADE, related_name="suspensions")
    started_on = models.DateField("中止日期")
    resumed_on = models.DateField("恢复日期", null=True, blank=True)
    reason = models.CharField("中止原因", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "中止记录"
        verbose_name_plural = "中止记录"
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("started_on")),
                name="reconsideration_suspension_resumed_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_on} 中止：{self.reason}"


class Hearing(models.Model):
    """听取意见 (第四十九条) or 听证 (第五十条) held in a case."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField("方式", max_length=12, choices=HearingKind.choices)
    held_on = models.DateField("日期")
    note = models.CharField("情况", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "听取意见/听证"
        verbose_name_plural = "听取意见/听证"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"


class CaseEvent(TimelineEvent):
    """One step of the case timeline, written by the service that made the step."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=24, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "办理过程"
        verbose_name_plural = "办理过程"
