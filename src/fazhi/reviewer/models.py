"""Reviewer: the records of reports received from other jurisdictions and what the reviewer read in them.

The reading itself is the pure-Python modules of this package (`fazhi.reviewer.review_text` …); `record_review`
stores one result. The tables kept their names from when the reviewer lived in the reports app (migration
reviewer 0001 takes them over without touching the database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.capabilities import DataScope
from fazhi.core.permissions import org_filter, scope_for

from . import SECTION_KEYS, ReviewResult


class ReviewSource(models.TextChoices):
    WEB = "web", "网页上传"
    CLI = "cli", "命令行"


class FindingKind(models.TextChoices):
    RATE_MISMATCH = "rate_mismatch", "比率与件数不符"
    COUNT_EXCEEDS_TOTAL = "count_exceeds_total", "分项大于总数"
    MISSING_FIGURE = "missing_figure", "缺少应报数字"
    BELOW_TARGET = "below_target", "未达到工作要点目标"
    NOT_ANNUAL_REPORT = "not_annual_report", "不是年度报告"


class ReviewBatchState(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "审阅中"
    DONE = "done", "审阅完成"
    FAILED = "failed", "审阅出错"


class ReviewBatch(models.Model):
    """One submission of reports for review: a web upload of several files or one `fazhi review --save` run.

    A web upload (or `fazhi review --enqueue`) is reviewed in the background (reviewer.tasks.run_review_batch):
    the files wait in storage (`pending`), the page polls `status` and the count of files reviewed."""

    source = models.CharField("来源", max_length=8, choices=ReviewSource.choices, default=ReviewSource.WEB)
    org = models.ForeignKey(
        "core.Org", verbose_name="审阅单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    file_count = models.PositiveIntegerField("文件数", default=0)
    failed_count = models.PositiveIntegerField("无法读取", default=0)
    # Batches reviewed in the request (before background review) and `fazhi review --save` runs are done at once.
    status = models.CharField(
        "状态", max_length=10, choices=ReviewBatchState.choices, default=ReviewBatchState.DONE
    )
    total = models.PositiveIntegerField("提交文件数", default=0)
    # The uploads waiting for the task: {"files": [{"name", "path", "size"}], "plan": {...} or null}; emptied
    # (and the stored files deleted) once reviewed.
    pending = models.JSONField("待审阅文件", default=dict, blank=True)
    notes = models.JSONField("说明", default=list, blank=True)  # Chinese messages: plan unreadable, failure
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    history = HistoricalRecords(table_name="reports_historicalreviewbatch")

    class Meta:
        db_table = "reports_reviewbatch"
        verbose_name = "报告审阅批次"
        verbose_name_plural = "报告审阅批次"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(failed_count__lte=models.F("file_count")),
                name="reports_reviewbatch_failed_within_files",
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.file_count} 份"

    @property
    def finished(self) -> bool:
        return self.status in (ReviewBatchState.DONE, ReviewBatchState.FAILED)

    @property
    def percent(self) -> int:
        return min(100, self.file_count * 100 // self.total) if self.total else 0


class ReviewedReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reports the user may read: own submissions, and those of the offices in the user's scope."""
        scope = scope_for(user)
        if scope.is_superuser:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(created_by=user) | org_filter(user, "org"))


class ReviewedReport(models.Model):
    """A 法治政府建设年度报告 submitted by another jurisdiction or a department, as the reviewer read it:
    its metadata, which statutory sections it has, and its normalised text (the figures and findings
    point into it). `error` is set when the file could not be read."""

    batch = models.ForeignKey(
        ReviewBatch,
        verbose_name="批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    org = models.ForeignKey(
        "core.Org", verbose_name="审阅单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("文件大小（字节）", default=0)
    title = models.CharField("标题", max_length=300, blank=True)
    authority = models.CharField("发文机关", max_length=200, blank=True)
    jurisdiction = models.CharField("地区", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    addressee = models.CharField("主送机关", max_length=300, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    is_annual_report = models.BooleanField("是年度报告", default=True)
    sections = models.JSONField("五项内容", default=dict, blank=True)
    section_headings = models.JSONField("对应标题", default=dict, blank=True)
    text = models.TextField("正文", blank=True)
    error = models.TextField("无法审阅的原因", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("审阅时间", auto_now_add=True)
    # The text is stored once; history keeps the reading, not copies of the whole report.
    history = HistoricalRecords(table_name="reports_historicalreviewedreport", excluded_fields=["text"])

    objects = ReviewedReportQuerySet.as_manager()

    class Meta:
        db_table = "reports_reviewedreport"
        verbose_name = "审阅的报告"
        verbose_name_plural = "审阅的报告"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["jurisdiction", "year"], name="reports_review_jur_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1990, year__lte=2100),
                name="reports_reviewedreport_year_plausible",
            )
        ]

    def __str__(self) -> str:
        if self.error:
            return f"{self.file_name}（无法审阅）"
        return f"{self.jurisdiction or self.file_name} {self.year or ''}".strip()

    @property
    def reviewed(self) -> bool:
        return not self.error

    def section_rows(self):
        from . import SECTION_LABELS

        return [
            {
                "key": k,
                "label": SECTION_LABELS[k],
                "present": bool(self.sections.get(k)),
                "heading": self.section_headings.get(k, ""),
            }
            for k in SECTION_KEYS
        ]


class ExtractedFigure(models.Model):
    """A figure of the indicator catalog that a reviewed report states for its whole jurisdiction and year,
    with the words it came from (their offsets in the report's text, for highlighting)."""

    report = models.ForeignKey(
        ReviewedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="figures"
    )
    key = models.CharField("指标", max_length=80)
    label = models.CharField("指标名称", max_length=120, blank=True)
    value = models.FloatField("数值")
    unit = models.CharField("单位", max_length=10, blank=True)
    approximate = models.BooleanField("约数（余、多）", default=False)
    evidence = models.TextField("原文")
    start = models.PositiveIntegerField("原文起")
    end = models.PositiveIntegerField("原文止")
    number_start = models.PositiveIntegerField("数字起")
    number_end = models.PositiveIntegerField("数字止")
    history = HistoricalRecords(table_name="reports_historicalextractedfigure")

    class Meta:
        db_table = "reports_extractedfigure"
        verbose_name = "报告中的数字"
        verbose_name_plural = "报告中的数字"
        ordering = ["report", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"], name="reports_extractedfigure_unique_report_key"
            ),
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="reports_extractedfigure_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.key}：{self.display_value}"

    @property
    def display_value(self) -> str:
        v = self.value
        number = f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.4f}".rstrip("0").rstrip(".")
        return f"{number}{self.unit}"

    @property
    def anchor(self) -> str:
        return "fig-" + self.key.replace(".", "-")


class ReviewFinding(models.Model):
    """A consistency finding on a reviewed report (a rate that fits no stated count, a part above its total,
    a figure the report should carry), with the words it rests on."""

    report = models.ForeignKey(
        ReviewedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField("类型", max_length=32, choices=FindingKind.choices)
    key = models.CharField("指标", max_length=80, blank=True)
    message = models.TextField("说明")
    evidence = models.TextField("原文", blank=True)
    start = models.PositiveIntegerField("原文起", null=True, blank=True)
    end = models.PositiveIntegerField("原文止", null=True, blank=True)
    history = HistoricalRecords(table_name="reports_historicalreviewfinding")

    class Meta:
        db_table = "reports_reviewfinding"
        verbose_name = "审阅发现的问题"
        verbose_name_plural = "审阅发现的问题"
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.message[:40]}"


def office_of(user):
    """The office a user reviews for: the org of the first whole-jurisdiction membership, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    m = (
        user.memberships.select_related("org")
        .filter(role__scope__in=[DataScope.ALL, DataScope.SUBTREE])
        .order_by("id")
        .first()
    )
    if m is None:
        m = user.memberships.select_related("org").order_by("id").first()
    return m.org if m else None


@transaction.atomic
def create_batch(*, actor, source: str, org=None) -> ReviewBatch:
    return ReviewBatch.objects.create(
        source=source, created_by=actor, org=org if org is not None else office_of(actor)
    )


@transaction.atomic
def record_review(
    *, result: ReviewResult, batch: ReviewBatch | None, actor, sha256: str, size: int
) -> ReviewedReport:
    """Store one reviewer result with its figures and findings; counts it in its batch."""
    md = result.metadata
    signed_on = None
    if md.date:
        try:
            signed_on = dt.date.fromisoformat(md.date)
        except ValueError:
            signed_on = None
    report = ReviewedReport.objects.create(
        batch=batch,
        org=batch.org if batch else office_of(actor),
        file_name=Path(result.file).name[-255:] or result.file[-255:],
        sha256=sha256,
        size=size,
        title=md.title[:300],
        authority=md.authority[:200],
        jurisdiction=md.jurisdiction[:100],
        doc_number=md.doc_number[:100],
        year=md.year if md.year and 1990 <= md.year <= 2100 else None,
        addressee=md.addressee[:300],
        signed_on=signed_on,
        is_annual_report=md.is_annual_report,
        sections=result.sections if result.ok else {},
        section_headings=result.section_headings,
        text=result.text,
        error=result.error or "",
        created_by=actor,
    )
    ExtractedFigure.objects.bulk_create(
        ExtractedFigure(
            report=report,
            key=f.key,
            label=f.label[:120],
            value=f.value,
            unit=f.unit,
            approximate=f.approx,
            evidence=f.evidence,
            start=f.start,
            end=f.end,
            number_start=f.number_start,
            number_end=f.number_end,
        )
        for f in result.figures.values()
    )
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            report=report,
            kind=f.kind,
            key=f.key or "",
            message=f.message,
            evidence=f.evidence,
            start=f.start,
            end=f.end,
        )
        for f in result.findings
    )
    if batch is not None:
        ReviewBatch.objects.filter(pk=batch.pk).update(
            file_count=models.F("file_count") + 1,
            failed_count=models.F("failed_count") + (0 if result.ok else 1),
        )
    return report
