"""合法性审核 and the 法律顾问/公职律师 register in the Django admin: read-only (core.admin.ReadOnlyCaseAdmin); records
change only through services.py, from the pages, the API or an import."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Counsel, CounselOpinion, ReviewEvent, ReviewPoint, ReviewRequest


class ReviewPointInline(ReadOnlyInline):
    model = ReviewPoint
    fields = ("raised_on", "text")


class CounselOpinionInline(ReadOnlyInline):
    model = CounselOpinion
    fields = ("given_on", "counsel", "text")


class ReviewEventInline(ReadOnlyInline):
    model = ReviewEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyCaseAdmin):
    list_display = (
        "number",
        "org",
        "unit",
        "title",
        "subject_kind",
        "status",
        "received_on",
        "due_on",
        "opinion",
    )
    list_filter = ("status", "subject_kind", "opinion", "short_notice", "org")
    search_fields = ("number", "title", "subject_ref", "unit__name")
    date_hierarchy = "received_on"
    list_select_related = ("org", "unit")
    inlines = [ReviewPointInline, CounselOpinionInline, ReviewEventInline]


@admin.register(Counsel)
class CounselAdmin(ReadOnlyCaseAdmin):
    list_display = ("name", "kind", "org", "unit", "firm", "certificate_no", "start_on", "end_on", "status")
    list_filter = ("kind", "status", "org")
    search_fields = ("name", "firm", "certificate_no", "unit__name")
    list_select_related = ("org", "unit")
