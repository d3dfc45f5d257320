from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, Least
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    CampaignStatus,
    CleanupOutcome,
    DocKind,
    EffectiveException,
    EventKind,
    ReviewResult,
    Status,
)

#: the due day of a filing that is not open (filed, or never due): later than any real one
NO_OPEN_FILING = dt.date(9999, 12, 31)


def open_filing_due() -> Least:
    """The earliest due day of the document's open filings (filed_on empty, due set), NO_OPEN_FILING when none is
    open: one expression, indexed (norm_open_filing_due), for the list's ?due=soon / ?due=overdue. Four ORed
    "filed IS NULL AND due …" pairs were planned by PostgreSQL as if due and filed were independent (thousands of
    expected matches) and read the whole table through the registration index; the expression has statistics of its
    own. Each argument is COALESCEd since SQLite's MIN() of a NULL is NULL where PostgreSQL's LEAST skips it."""
    return Least(
        *(
            Coalesce(
                Case(When(**{f"{f}_filed_on__isnull": True}, then=F(f"{f}_due"))),
                Value(NO_OPEN_FILING),
                output_field=models.DateField(),
            )
            for f in ("congress", "government", "state_council", "province_congress")
        )
    )


class NormativeDocument(OrgRecord):
    """A 行政规范性文件 of the jurisdiction: registered and numbered by the office (三统一: 统一登记、统一编号、
    统一印发), published, filed (备案) with the 本级人大常委会 and the higher government, reviewed there (备案审查),
    cleaned up (清理) and watched for the end of its validity (有效期).

    `org` is the jurisdiction whose office keeps the register; `issuer` the 制定机关 (the government itself or one
    of its departments); `filed_to` the government that reviews the filing (the higher level for a government's
    document, the 本级 government for a department's)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    issuer = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="制定机关")
    filed_to = models.ForeignKey(
        Org, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="备案审查机关"
    )
    kind = models.CharField("文件类型", max_length=12, choices=DocKind.choices, default=DocKind.NORMATIVE)
    title = models.CharField("文件名称", max_length=200)
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    registration_number = models.CharField("统一登记编号", max_length=80)
    legality_review = models.CharField(
        "合法性审核编号", max_length=80, blank=True, help_text="该文件经过的合法性审核（审核意见书编号）"
    )
    text = models.TextField("文件正文", blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.REGISTERED)
    registered_on = models.DateField("登记日期")
    adopted_on = models.DateField("审议通过日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    # 规章 only (规章制定程序条例 第三十二条): 30日后施行 unless one of the article's cases applies
    effective_earliest = models.DateField("最早施行日期", null=True, blank=True, editable=False)
    effective_exception = models.CharField(
        "自公布之日起施行的情形", max_length=12, choices=EffectiveException.choices, blank=True
    )
    effective_reason = models.CharField("提前施行理由", max_length=300, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    expires_on = models.DateField("有效期届满日期", null=True, blank=True)
    provisional = models.BooleanField("暂行/试行", default=False)
    # 备案: due dates derived from the publication date and the jurisdiction's settings
    congress_due = models.DateField("报人大常委会备案期限", null=True, blank=True, editable=False)
    congress_filed_on = models.DateField("报人大常委会备案日期", null=True, blank=True)
    government_due = models.DateField("报政府备案期限", null=True, blank=True, editable=False)
    government_filed_on = models.DateField("报政府备案日期", null=True, blank=True)
    # 规章 only (立法法 第一百零九条第（四）项): 国务院, and for a 设区的市's 规章 the 省、自治区 人大常委会
    state_council_due = models.DateField("报国务院备案期限", null=True, blank=True, editable=False)
    state_council_filed_on = models.DateField("报国务院备案日期", null=True, blank=True)
    province_congress_due = models.DateField(
        "报省级人大常委会备案期限", null=True, blank=True, editable=False
    )
    province_congress_filed_on = models.DateField("报省级人大常委会备案日期", null=True, blank=True)
    filed_on_time = models.BooleanField("按时报备", null=True, editable=False)
    # 备案审查 by `filed_to`
    review_result = models.CharField("备案审查结果", max_length=12, choices=ReviewResult.choices, blank=True)
    reviewed_on = models.DateField("备案审查日期", null=True, blank=True)
    review_problem = models.CharField("审查发现的问题", max_length=500, blank=True)
    review_correction = models.CharField("制定机关纠正情况", max_length=500, blank=True)
    ended_on = models.DateField("失效/废止日期", null=True, blank=True)
    # the latest published 清理 that included the document
    cleaned_on = models.DateField("清理结果公布日期", null=True, blank=True)
    cleanup_outcome = models.CharField("清理结果", max_length=8, choices=CleanupOutcome.choices, blank=True)
    history = HistoricalRecords(excluded_fields=["version", "text"])

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-registered_on", "-id"]
        constraints = [
            # a voided registration (作废) does not block its number
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=Q(voided_at__isnull=True),
                name="normative_doc_unique_registration_number",
                violation_error_message="该统一登记编号已经使用",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=models.F("registered_on")),
                name="normative_doc_published_after_registered",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("effective_on")),
                name="normative_doc_expires_after_effective",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "registered_on", "id"], name="norm_org_registered"),
            models.Index(fields=["issuer", "registered_on", "id"], name="norm_issuer_registered"),
            models.Index(fields=["registered_on", "id"], name="norm_registered"),
            models.Index(open_filing_due(), name="norm_open_filing_due"),
            models.Index(fields=["org", "published_on"], name="norm_org_published"),
            models.Index(fields=["filed_to", "reviewed_on"], name="norm_filed_to_reviewed"),
            models.Index(fields=["status", "expires_on"], name="norm_status_expires"),
            models.Index(fields=["org", "cleaned_on"], name="norm_org_cleaned"),
            models.Index(
                fields=["congress_due"], name="norm_congress_due", condition=Q(congress_filed_on__isnull=True)
            ),
            models.Index(
                fields=["government_due"],
                name="norm_government_due",
                condition=Q(government_filed_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.title}"

    @property
    def number(self) -> str:
        return self.registration_number


class NormativeEvent(TimelineEvent):
    """One step of a document's timeline."""

    case = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "规范性文件办理过程"
        verbose_name_plural = "规范性文件办理过程"


class CleanupCampaign(OrgRecord):
    """A 清理 of the jurisdiction's documents in force (定期清理 every two years, or 专项清理): the documents picked,
    a decision per document, and the published result lists."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    title = models.CharField("清理名称", max_length=200)
    started_on = models.DateField("开始日期")
    published_on = models.DateField("结果公布日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    """One document in a clean-up and what was decided for it."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="cleanups")
    outcome = models.CharField("清理结果", max_length=8, choices=CleanupOutcome.choices, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "清理文件"
        verbose_name_plural = "清理文件"
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="normative_cleanup_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.get_outcome_display()}"
