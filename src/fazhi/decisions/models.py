from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    CatalogStatus,
    Category,
    CommentAnswer,
    CommentChannel,
    CommentStatus,
    EvaluationTrigger,
    EventKind,
    LegalityOpinion,
    Meeting,
    Status,
)


class DecisionCatalog(OrgRecord):
    """A jurisdiction's annual 重大行政决策事项目录 (第三条第三款): approved by the same-level 党委, published,
    adjusted during the year."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="决策机关")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=12, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT
    )
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("向社会公布日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="decisions_catalog_unique_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.org.short_name or self.org.name}{self.year}年度重大行政决策事项目录"


class Decision(OrgRecord):
    """A 重大行政决策 of the catalog and its statutory steps (公众参与, 专家论证, 风险评估, 合法性审查, 集体讨论决定,
    公布, 归档, 决策后评估), each with its date. `org` is the 决策机关 (the jurisdiction), `sponsor` the 决策承办单位."""

    catalog = models.ForeignKey(
        DecisionCatalog, on_delete=models.PROTECT, related_name="items", verbose_name="目录"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="决策机关")
    sponsor = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="决策承办单位")
    number = models.CharField("事项编号", max_length=80)
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=12, choices=Category.choices)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    listed_on = models.DateField("列入目录日期")
    adjustment_reason = models.CharField("目录调整理由", max_length=300, blank=True)
    # which steps the matter requires (第十四条, 第十九条, 第二十二条, 第十六条)
    needs_public = models.BooleanField(
        "须公众参与", default=True, help_text="依法不予公开的决策事项除外（第十四条）"
    )
    needs_expert = models.BooleanField(
        "须专家论证", default=False, help_text="专业性、技术性较强的（第十九条）"
    )
    needs_risk = models.BooleanField(
        "须风险评估", default=False, help_text="可能对社会稳定、公共安全等造成不利影响的（第二十二条）"
    )
    needs_hearing = models.BooleanField(
        "须召开听证会", default=False, help_text="第十六条；法律、法规、规章另有规定的依照其规定"
    )
    # 公众参与
    comment_start = models.DateField("公开征求意见开始日期", null=True, blank=True)
    comment_end = models.DateField("公开征求意见截止日期", null=True, blank=True)
    comment_earliest_end = models.DateField("法定最早截止日期", null=True, blank=True, editable=False)
    comment_shortened_reason = models.CharField("缩短征求意见期限的理由", max_length=300, blank=True)
    draft_text = models.TextField(
        "决策草案（征求意见稿）", blank=True, help_text="向社会公布、逐条征求意见的草案正文（第十五条第一款）"
    )
    comments_received = models.PositiveIntegerField("收到意见（条）", default=0)
    comments_adopted = models.PositiveIntegerField("采纳意见（条）", default=0)
    adoption_summary = models.TextField("意见采纳情况", blank=True)
    hearing_on = models.DateField("听证会日期", null=True, blank=True)
    hearing_materials_due = models.DateField("听证材料最迟送达日期", null=True, blank=True, editable=False)
    hearing_materials_served_on = models.DateField("听证材料送达日期", null=True, blank=True)
    # 专家论证, 风险评估
    expert_on = models.DateField("专家论证日期", null=True, blank=True)
    expert_summary = models.CharField("专家论证意见及采纳情况", max_length=500, blank=True)
    risk_on = models.DateField("风险评估日期", null=True, blank=True)
    risk_conclusion = models.CharField("风险评估结论", max_length=500, blank=True)
    # 合法性审查 (the review itself is a record of the legality app, named here by its number)
    legality_review = models.CharField("合法性审查编号", max_length=80, blank=True)
    legality_on = models.DateField("合法性审查意见日期", null=True, blank=True)
    legality_opinion = models.CharField(
        "合法性审查意见", max_length=16, choices=LegalityOpinion.choices, blank=True
    )
    # 集体讨论决定, 公布, 归档, 后评估
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    meeting = models.CharField("会议", max_length=12, choices=Meeting.choices, blank=True)
    decision_text = models.CharField("决定内容", max_length=500, blank=True)
    dissent = models.CharField(
        "不同意见", max_length=500, blank=True, help_text="第三十条第三款：不同意见应当如实载明"
    )
    published_on = models.DateField("决策公布日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    evaluated_on = models.DateField("决策后评估日期", null=True, blank=True)
    evaluation_trigger = models.CharField(
        "后评估情形", max_length=12, choices=EvaluationTrigger.choices, blank=True
    )
    evaluation_summary = models.CharField("后评估结论", max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-listed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(voided_at__isnull=True),
                name="decisions_unique_number",
                violation_error_message="该事项编号已经使用",
            ),
            models.CheckConstraint(
                condition=Q(comment_end__isnull=True) | Q(comment_end__gte=models.F("comment_start")),
                name="decisions_comment_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "listed_on", "id"], name="dec_org_listed"),
            models.Index(fields=["sponsor", "listed_on", "id"], name="dec_sponsor_listed"),
            models.Index(fields=["listed_on", "id"], name="dec_listed"),
            models.Index(fields=["org", "discussed_on"], name="dec_org_discussed"),
            models.Index(
                fields=["hearing_materials_due"],
                name="dec_hearing_due",
                condition=Q(hearing_materials_served_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class DecisionEvent(TimelineEvent):
    """One step of a decision's record (第三十三条: 决策过程记录)."""

    case = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "决策过程记录"
        verbose_name_plural = "决策过程记录"


class DraftClause(models.Model):
    """One clause (条) of the draft published for comment, split from `Decision.draft_text` by its 第X条 headings
    (a draft without them is one clause); what a public comment is about."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="clauses")
    seq = models.PositiveSmallIntegerField("序号")
    part = models.CharField("所在章节", max_length=100, blank=True)
    heading = models.CharField("条号", max_length=40, blank=True)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "征求意见稿条文"
        verbose_name_plural = "征求意见稿条文"
        ordering = ["decision", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "seq"], name="decisions_clause_unique_seq")
        ]

    def __str__(self) -> str:
        return self.heading or "草案全文"


class PublicComment(models.Model):
    """A comment from the public on one clause of a draft (第十五条: 明确提出意见的方式和期限), moderated by the office
    (待审核 → 公开 / 不予公开) and answered (采纳 / 部分采纳 / 不采纳, 第十八条). The name and contact are personal data:
    kept for the office, never shown on the portal."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="public_comments")
    clause = models.ForeignKey(
        DraftClause, on_delete=models.PROTECT, related_name="comments", verbose_name="条文"
    )
    submitted_on = models.DateField("提交日期")
    channel = models.CharField(
        "收到途径", max_length=12, choices=CommentChannel.choices, default=CommentChannel.PORTAL
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    name = models.CharField("姓名或名称", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    text = models.TextField("意见内容")
    status = models.CharField(
        "审核状态", max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    withheld_reason = models.CharField("不予公开的理由", max_length=300, blank=True)
    moderated_on = models.DateField("审核日期", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField("采纳情况", max_length=12, choices=CommentAnswer.choices, blank=True)
    answer_reason = models.CharField("答复（理由）", max_length=500, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()
    personal_fields = ("contact",)  # masked unless the user may see it (core.personal)

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["decision", "status"], name="dec_comment_status"),
            models.Index(fields=["submitted_on", "id"], name="dec_comment_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.decision.number} {self.clause} 公众意见"

    @property
    def case(self) -> Decision:
        """The decision, whose orgs say who may see the personal fields (core.personal.record_orgs)."""
        return self.decision
