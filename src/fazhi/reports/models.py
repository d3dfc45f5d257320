"""Reports: the annual report builder's records (fazhi.reports.builder), the office's own 法治政府建设年度报告.

The reviewer's records (reports received from other jurisdictions) live in fazhi.reviewer.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公开"


class ReportSectionKey(models.TextChoices):
    """The five contents the 《法治政府建设与责任落实督察工作规定》 requires of an annual report."""

    MEASURES = "measures_and_results", "主要举措和成效"
    SHORTCOMINGS = "shortcomings_and_causes", "存在的不足和原因"
    FIRST_RESPONSIBILITY = "leaders_first_responsibility", "党政主要负责人履行推进法治建设第一责任人职责情况"
    NEXT_YEAR = "next_year_plan", "下一年度主要安排"
    OTHER = "other_matters", "其他需要报告的情况"


class AnnualReport(models.Model):
    """The 法治政府建设年度报告 of one government (or department) on one year: the header block of the
    document, the narrative of its five statutory sections with live figures (`{{ key }}` placeholders), and,
    once published (每年4月1日之前向社会公开), the public address and the files as published."""

    org = models.ForeignKey("core.Org", verbose_name="报告机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    status = models.CharField(
        "状态", max_length=12, choices=AnnualReportStatus.choices, default=AnnualReportStatus.DRAFT
    )
    doc_header = models.CharField("发文机关标志（红头）", max_length=100, blank=True)
    issuer = models.CharField("发文机关署名", max_length=100)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, help_text="如 澜政〔2026〕12号")
    signer = models.CharField("签发人", max_length=40, blank=True)
    addressee = models.CharField("主送机关", max_length=200)
    title = models.CharField("标题", max_length=200)
    signed_on = models.DateField("成文日期")
    intro = models.TextField("开头段", blank=True)
    closing = models.CharField("结束语", max_length=100, blank=True, default="特此报告。")
    public_note = models.CharField("附注", max_length=100, blank=True, default="此件公开发布")
    print_office = models.CharField("印发机关", max_length=100, blank=True, help_text="填写后打印版记")
    print_date = models.DateField("印发日期", null=True, blank=True, help_text="留空则同成文日期")
    cc = models.CharField("抄送机关", max_length=300, blank=True, help_text="版记中的抄送，机关之间用逗号")
    copy_no = models.CharField(
        "份号",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "份号应为6位阿拉伯数字，如 000001")],
        help_text="6位数字，如 000001；可不填",
    )
    secrecy = models.CharField("密级和保密期限", max_length=20, blank=True, help_text="公开发布的报告不填")
    published_on = models.DateField("公开日期", null=True, blank=True)
    public_url = models.URLField("公开网址", max_length=500, blank=True)
    docx_file = models.FileField("公开的 Word 文件", upload_to="reports/annual/", max_length=300, blank=True)
    pdf_file = models.FileField("公开的 PDF 文件", upload_to="reports/annual/", max_length=300, blank=True)
    pdf_error = models.CharField("PDF 生成错误", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    # Counts saves; the editor posts it back so a stale page is refused (core.locking). Not part of the history.
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="%(app_label)s_%(class)s_unique_org_year"),
            models.CheckConstraint(
                condition=Q(status=AnnualReportStatus.DRAFT) | Q(published_on__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "year"], name="reports_annual_status_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == AnnualReportStatus.PUBLISHED


class ReportSection(models.Model):
    """The narrative of one statutory section of an annual report, as the office wrote it (placeholders kept)."""

    report = models.ForeignKey(
        AnnualReport, verbose_name="报告", on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField("部分", max_length=40, choices=ReportSectionKey.choices)
    text = models.TextField("正文", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度报告正文"
        verbose_name_plural = "年度报告正文"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"], name="%(app_label)s_%(class)s_unique_report_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_key_display()}"


class FigureRef(models.Model):
    """A figure as printed in a published annual report: the text, the value and where it came from (formula
    and drill-down to the records). Written once at publication and never changed, so it has no history
    table: it is the record of what the report said."""

    report = models.ForeignKey(
        AnnualReport, verbose_name="报告", on_delete=models.CASCADE, related_name="figures"
    )
    position = models.PositiveIntegerField("顺序")
    section = models.CharField("所在部分", max_length=40)
    key = models.CharField("指标", max_length=80)
    part = models.CharField("取值", max_length=12, default="value")
    name = models.CharField("名称", max_length=200)
    text = models.CharField("印出文字", max_length=200)
    value = models.DecimalField("数值", max_digits=16, decimal_places=4, null=True, blank=True)
    formula = models.CharField("公式", max_length=300, blank=True)
    drilldown = models.CharField("明细查询", max_length=300, blank=True)

    class Meta:
        verbose_name = "年度报告数据"
        verbose_name_plural = "年度报告数据"
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"], name="%(app_label)s_%(class)s_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}：{self.text}"
