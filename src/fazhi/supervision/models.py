"""督察 (inspections and the 问题台账 with its 整改 and 销号), 考评 (versioned scoring schemes, unit scores) and
述法 records of the 依法治市(县)办."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    EvidenceEventKind,
    EvidenceStatus,
    IndicatorOp,
    InspectionKind,
    InspectionStatus,
    InterviewEventKind,
    InterviewStatus,
    ItemMethod,
    ProblemEventKind,
    ProblemSource,
    ProblemStatus,
    SchemeEventKind,
    SchemeStatus,
    ShufaEventKind,
    ShufaResult,
    ShufaStatus,
)


class Inspection(OrgRecord):
    """A 法治督察 organised by the office of `org` (a jurisdiction) over some of its governments and units."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织督察的行政区划"
    )
    title = models.CharField("督察名称", max_length=200)
    kind = models.CharField("督察方式", max_length=16, choices=InspectionKind.choices)
    scope = models.CharField("督察内容", max_length=500, blank=True)
    inspectors = models.CharField("督察组成员", max_length=300, blank=True)
    inspected_units = models.ManyToManyField(Org, related_name="+", verbose_name="被督察单位")
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.ONGOING
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "法治督察"
        verbose_name_plural = "法治督察"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="supervision_inspection_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["org", "started_on", "id"], name="sup_insp_org_started")]

    def __str__(self) -> str:
        return self.title


class InspectionEvent(TimelineEvent):
    case = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        "事项", max_length=16, choices=[("started", "开展督察"), ("concluded", "督察结束")]
    )

    class Meta(TimelineEvent.Meta):
        verbose_name = "督察过程"
        verbose_name_plural = "督察过程"


class Problem(OrgRecord):
    """One problem of the 问题台账: found by an inspection or another source, owned by the office of
    `jurisdiction`, rectified by the responsible unit `org` by `rectify_due`, closed (销号) by the office."""

    jurisdiction = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="问题台账所属行政区划"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="整改责任单位")
    inspection = models.ForeignKey(
        Inspection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name="所属督察",
    )
    source = models.CharField("问题来源", max_length=16, choices=ProblemSource.choices)
    source_ref = models.CharField(
        "来源文号", max_length=100, blank=True, help_text="建议书、评查通报等的文号"
    )
    category = models.CharField("问题类别", max_length=40, blank=True)
    description = models.CharField("问题描述", max_length=1000)
    found_on = models.DateField("发现日期")
    rectify_due = models.DateField("整改期限")
    measures = models.CharField("整改措施", max_length=1000, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.PENDING
    )
    applied_on = models.DateField("申请销号日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "督察问题"
        verbose_name_plural = "问题台账"
        ordering = ["-found_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rectify_due__gte=models.F("found_on")),
                name="supervision_problem_due_after_found",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("found_on")),
                name="supervision_problem_closed_after_found",
            ),
        ]
        indexes = [
            # the figures of a jurisdiction (indicators.py) read only this index
            models.Index(
                fields=["jurisdiction", "found_on", "status", "rectify_due", "closed_on"],
                name="sup_prob_jur_figures",
            ),
            # the list of what a user sees (selectors.visible_cases: by the responsible org), and its figures line
            models.Index(fields=["org", "found_on", "id"], name="sup_prob_org_found"),
            models.Index(fields=["org", "status", "rectify_due"], name="sup_prob_org_status_due"),
            models.Index(fields=["found_on", "id"], name="sup_prob_found"),
            models.Index(fields=["status", "rectify_due"], name="sup_prob_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.org.name}：{self.description[:30]}"

    @property
    def number(self) -> str:
        """How a refusal names the problem (core.workflow)."""
        return f"第{self.pk}号" if self.pk else ""


class ProblemEvent(TimelineEvent):
    case = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=ProblemEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "整改过程"
        verbose_name_plural = "整改过程"


class Interview(OrgRecord):
    """A 约谈 by the office of `jurisdiction`: the leader of `org` is interviewed over problems of rule-of-law
    work (落实不力, a 督察 finding, an overdue 整改), on a date, for a reason, with what was required of them and,
    later, what followed."""

    jurisdiction = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织约谈的行政区划"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="被约谈单位")
    leader = models.CharField("被约谈人", max_length=50)
    title = models.CharField("职务", max_length=100)
    held_on = models.DateField("约谈日期")
    reason = models.CharField("约谈事由", max_length=1000)
    inspection = models.ForeignKey(
        Inspection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name="相关督察",
    )
    problem = models.ForeignKey(
        Problem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name="相关问题",
    )
    requirements = models.CharField("约谈要求", max_length=1000, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=InterviewStatus.choices, default=InterviewStatus.HELD
    )
    outcome = models.CharField("落实情况", max_length=1000, blank=True)
    followed_on = models.DateField("跟踪日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "约谈"
        verbose_name_plural = "约谈"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(followed_on__isnull=True) | Q(followed_on__gte=models.F("held_on")),
                name="supervision_interview_followed_after_held",
            )
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "held_on", "id"], name="sup_intv_jur_held"),
            models.Index(fields=["org", "held_on", "id"], name="sup_intv_org_held"),
        ]

    def __str__(self) -> str:
        return f"约谈{self.org.name}{self.leader}"

    @property
    def number(self) -> str:
        return f"{self.held_on:%Y-%m-%d}约谈{self.leader}" if self.held_on else ""


class InterviewEvent(TimelineEvent):
    case = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=InterviewEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "约谈过程"
        verbose_name_plural = "约谈过程"


class Scheme(OrgRecord):
    """A 考评细则 of one year, versioned: the items with their points, then the scores of the jurisdiction's
    governments and departments, locked when the results are published."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织考评的行政区划"
    )
    year = models.PositiveSmallIntegerField("考评年度")
    name = models.CharField("方案名称", max_length=200)
    revision = models.PositiveSmallIntegerField("版本号", default=1)
    status = models.CharField("状态", max_length=12, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    adopted_on = models.DateField("印发日期")
    published_on = models.DateField("结果公布日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "考评方案"
        verbose_name_plural = "考评方案"
        ordering = ["-adopted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "revision"], name="supervision_scheme_unique_org_year_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.revision}版）"

    @property
    def number(self) -> str:
        return f"{self.year}年度考评方案"


class SchemeItem(models.Model):
    """One item of a scheme: points and how it is scored (an indicator with a target, assessors, or a
    deduction/bonus item whose points are the most it can take away or add)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("考评项目", max_length=200)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    method = models.CharField("计分方式", max_length=12, choices=ItemMethod.choices)
    indicator = models.CharField("关联指标", max_length=80, blank=True)
    op = models.CharField("达标条件", max_length=2, choices=IndicatorOp.choices, blank=True)
    target = models.DecimalField("目标值", max_digits=10, decimal_places=2, null=True, blank=True)
    min_sample = models.PositiveIntegerField("最少样本数", default=0, help_text="不足时改由评审依据材料打分")
    guidance = models.CharField("评分标准", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考评项目"
        verbose_name_plural = "考评项目"
        ordering = ["scheme", "seq", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "seq"], name="supervision_item_unique_seq"),
            models.CheckConstraint(condition=Q(points__gt=0), name="supervision_item_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name}（{self.points}分）"


class UnitScore(models.Model):
    """The score of one unit (a government or department assessed) on one item: signed (a deduction is
    negative), with the note of the assessor or the figure it was computed from."""

    item = models.ForeignKey(SchemeItem, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="被考评单位")
    score = models.DecimalField("得分", max_digits=7, decimal_places=2)
    computed = models.BooleanField("按指标计分", default=False)
    basis = models.CharField("计分依据", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考评得分"
        verbose_name_plural = "考评得分"
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="supervision_score_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.item_id}：{self.score}"


class Evidence(OrgRecord):
    """考评材料: what an assessed unit (`org`) submits for one scored item of a scheme — a note, a link to the
    records in Fazhi it rests on, and its files (core.attachments) — read by the assessors before they score."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="被考评单位")
    item = models.ForeignKey(
        SchemeItem, on_delete=models.PROTECT, related_name="evidence", verbose_name="考评项目"
    )
    note = models.CharField("材料说明", max_length=1000)
    link = models.CharField(
        "关联记录", max_length=300, blank=True, help_text="本系统中相关记录或列表页面的地址，如 /legality/12/"
    )
    submitted_on = models.DateField("提交日期")
    status = models.CharField(
        "状态", max_length=12, choices=EvidenceStatus.choices, default=EvidenceStatus.SUBMITTED
    )
    comment = models.CharField("审阅意见", max_length=500, blank=True)
    reviewed_on = models.DateField("审阅日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "考评材料"
        verbose_name_plural = "考评材料"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["org", "submitted_on", "id"], name="sup_evid_org_sub"),
            models.Index(fields=["item", "org"], name="sup_evid_item_org"),
        ]

    def __str__(self) -> str:
        return f"{self.org.name} · {self.item.name}"

    @property
    def number(self) -> str:
        return f"第{self.pk}号考评材料" if self.pk else ""


class EvidenceEvent(TimelineEvent):
    case = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EvidenceEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "考评材料过程"
        verbose_name_plural = "考评材料过程"


class SchemeEvent(TimelineEvent):
    case = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=SchemeEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "考评过程"
        verbose_name_plural = "考评过程"


class Shufa(OrgRecord):
    """A leader's annual 述法 (述职述法): who, for which unit or government, when and at which meeting, and the
    review result (the 第一责任人 duties of the annual report's section 三 draw on these)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="述法人所在单位")
    year = models.PositiveSmallIntegerField("述法年度")
    leader = models.CharField("述法人", max_length=50)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="述法人（系统用户）",
        help_text="述法人本人：其学法记录按此人（学法用法参加人员的系统用户）读取，同名的人不混同",
    )
    title = models.CharField("职务", max_length=100)
    held_on = models.DateField("述法日期")
    meeting = models.CharField("述法会议", max_length=200)
    summary = models.CharField("述法报告摘要", max_length=2000, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=ShufaStatus.choices, default=ShufaStatus.REPORTED
    )
    result = models.CharField("评议结果", max_length=12, choices=ShufaResult.choices, blank=True)
    comment = models.CharField("评议意见", max_length=1000, blank=True)
    reviewed_on = models.DateField("评议日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "述法"
        verbose_name_plural = "述法"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "leader"], name="supervision_shufa_unique_leader_year"
            )
        ]
        indexes = [models.Index(fields=["org", "held_on", "id"], name="sup_shufa_org_held")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.leader}"

    @property
    def number(self) -> str:
        return f"{self.year}年度{self.leader}述法"


class ShufaEvent(TimelineEvent):
    case = models.ForeignKey(Shufa, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=ShufaEventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "述法过程"
        verbose_name_plural = "述法过程"
