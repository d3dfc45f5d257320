from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExtractedFigure, ReviewBatch, ReviewedReport, ReviewFinding


class ExtractedFigureInline(admin.TabularInline):
    model = ExtractedFigure
    extra = 0
    fields = ("key", "label", "value", "unit", "approximate", "evidence")
    readonly_fields = ("key", "label", "evidence")


class ReviewFindingInline(admin.TabularInline):
    model = ReviewFinding
    extra = 0
    fields = ("kind", "key", "message", "evidence")


@admin.register(ReviewedReport)
class ReviewedReportAdmin(SimpleHistoryAdmin):
    list_display = (
        "file_name",
        "jurisdiction",
        "year",
        "doc_number",
        "is_annual_report",
        "error",
        "created_at",
    )
    list_filter = ("year", "is_annual_report")
    search_fields = ("file_name", "jurisdiction", "authority", "title", "doc_number")
    readonly_fields = ("sha256", "size", "text", "created_by", "created_at", "batch")
    inlines = [ExtractedFigureInline, ReviewFindingInline]


@admin.register(ReviewBatch)
class ReviewBatchAdmin(SimpleHistoryAdmin):
    list_display = ("created_at", "source", "org", "created_by", "file_count", "failed_count")
    list_filter = ("source",)


@admin.register(ExtractedFigure)
class ExtractedFigureAdmin(SimpleHistoryAdmin):
    list_display = ("report", "key", "value", "unit", "evidence")
    list_filter = ("key",)
    search_fields = ("report__jurisdiction", "evidence")


@admin.register(ReviewFinding)
class ReviewFindingAdmin(SimpleHistoryAdmin):
    list_display = ("report", "kind", "key", "message")
    list_filter = ("kind",)
