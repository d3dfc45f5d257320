from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import CounselEventKind, CounselKind, CounselStatus, EventKind, Opinion, Status, SubjectKind


class Counsel(OrgRecord):
    """A 法律顾问 (external lawyer under contract) or 公职律师 (a civil servant holding the certificate) on the
    jurisdiction's register. `org` is the jurisdiction; `unit` the organ it serves (or employs it)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="服务（所在）单位")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类别", max_length=16, choices=CounselKind.choices)
    firm = models.CharField("执业机构", max_length=100, blank=True, help_text="法律顾问所在律师事务所等")
    certificate_no = models.CharField("证书编号", max_length=60, blank=True, help_text="公职律师证书编号")
    start_on = models.DateField("聘任（取得证书）日期")
    end_on = models.DateField("聘期届满（离任）日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=8, choices=CounselStatus.choices, default=CounselStatus.ACTIVE
    )
    phone = models.CharField("联系电话", max_length=40, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "法律顾问、公职律师"
        verbose_name_plural = "法律顾问、公职律师"
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="legality_counsel_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "start_on", "id"], name="leg_counsel_org_start"),
            models.Index(fields=["unit", "start_on", "id"], name="leg_counsel_unit_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class ReviewRequest(OrgRecord):
    """A request for 合法性审核 (审查) of a draft: 规范性文件, 重大行政决策, 行政协议, 重大执法决定 or another 涉法事务.

    `org` is the jurisdiction whose 法制机构 reviews; `unit` the submitting unit. A record of another app (a
    规范性文件 or a 重大行政决策) names this request by its number; `subject_ref` is the free reference the
    other way (文号, the other record's number), never a foreign key."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="审核机关")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="送审单位")
    number = models.CharField("审核编号", max_length=60)
    title = models.CharField("送审事项", max_length=200)
    subject_kind = models.CharField("审核类别", max_length=16, choices=SubjectKind.choices)
    subject_ref = models.CharField(
        "关联文件或记录", max_length=120, blank=True, help_text="文号或规范性文件、重大行政决策记录的编号"
    )
    draft_text = models.TextField("草案文本", blank=True)
    draft_version = models.PositiveSmallIntegerField("草案版本（第几稿）", default=1)
    received_on = models.DateField("收件日期")
    requested_by = models.DateField("要求出具意见日期", null=True, blank=True)
    minimum_due = models.DateField("法定最短审查时间届满日", null=True, blank=True, editable=False)
    short_notice = models.BooleanField("送审时间不足", default=False, editable=False)
    review_days = models.PositiveSmallIntegerField("办理时限（工作日）", editable=False, default=0)
    clock_from = models.DateField("时限起算日", null=True, blank=True, editable=False)
    due_on = models.DateField("办理期限", null=True, blank=True, editable=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.RECEIVED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="承办人",
    )
    co_reviewers = models.CharField("其他审核人员", max_length=200, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    resubmitted_on = models.DateField("补充材料日期", null=True, blank=True)
    counsel_consulted = models.BooleanField("征求法律顾问、公职律师意见", default=False, editable=False)
    opinion = models.CharField("审核结论", max_length=16, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField("审核意见", blank=True)
    points_count = models.PositiveSmallIntegerField("意见建议条数", default=0, editable=False)
    opinion_on = models.DateField("出具意见日期", null=True, blank=True)
    on_time = models.BooleanField("按时出具", null=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version", "draft_text"])

    class Meta:
        verbose_name = "合法性审核"
        verbose_name_plural = "合法性审核"
        ordering = ["-received_on", "-id"]
        constraints = [
            # a voided request (作废) does not hold its number
            models.UniqueConstraint(
                fields=["org", "number"],
                condition=Q(voided_at__isnull=True),
                name="legality_review_unique_number",
                violation_error_message="该审核编号已经使用",
            ),
            models.CheckConstraint(
                condition=Q(opinion_on__isnull=True) | Q(opinion_on__gte=models.F("received_on")),
                name="legality_review_opinion_after_receipt",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "received_on", "id"], name="leg_org_received"),
            models.Index(fields=["unit", "received_on", "id"], name="leg_unit_received"),
            models.Index(fields=["received_on", "id"], name="leg_received"),
            models.Index(fields=["org", "opinion_on", "opinion"], name="leg_org_opinion"),
            models.Index(
                fields=["due_on"], name="leg_due", condition=Q(status__in=["received", "reviewing"])
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ReviewPoint(models.Model):
    """One point (意见建议) the written opinion raises: "提出意见建议 X 条" counts these."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="points")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField("提出日期")
    text = models.CharField("意见建议", max_length=500)

    class Meta:
        verbose_name = "审核意见建议"
        verbose_name_plural = "审核意见建议"
        ordering = ["request", "id"]
        indexes = [models.Index(fields=["org", "raised_on"], name="leg_point_org_raised")]

    def __str__(self) -> str:
        return self.text[:30]


class CounselOpinion(models.Model):
    """A 法律顾问's or 公职律师's legal opinion on a review (决策条例 第二十八条): "法律顾问参与 X 次" counts these."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="counsel_opinions")
    counsel = models.ForeignKey(
        Counsel, on_delete=models.PROTECT, related_name="opinions", verbose_name="人员"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField("提出意见日期")
    text = models.TextField("法律意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "法律顾问、公职律师意见"
        verbose_name_plural = "法律顾问、公职律师意见"
        ordering = ["given_on", "id"]
        indexes = [models.Index(fields=["org", "given_on"], name="leg_counsel_op_org_given")]

    def __str__(self) -> str:
        return f"{self.given_on} {self.counsel}"


class ReviewEvent(TimelineEvent):
    case = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "审核过程"
        verbose_name_plural = "审核过程"


class CounselEvent(TimelineEvent):
    """A step of a counsel's record on the register (聘任, 续聘, 离任)."""

    case = models.ForeignKey(Counsel, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=CounselEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "法律顾问、公职律师履职记录"
        verbose_name_plural = "法律顾问、公职律师履职记录"
