"""行政应诉 in the Django admin, for office administrators: find a suit, read it and its history. Read-only
(core.admin.ReadOnlyCaseAdmin): case data changes only through services.py, from the pages, the API or an import."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import CourtHearing, LitigationCase, LitigationEvent


class CourtHearingInline(ReadOnlyInline):
    model = CourtHearing
    fields = ("held_on", "appearance", "appearing_person", "appearing_title", "absence_reason")


class LitigationEventInline(ReadOnlyInline):
    model = LitigationEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyCaseAdmin):
    list_display = (
        "case_number",
        "org",
        "defendant",
        "court",
        "stage",
        "plaintiff",
        "status",
        "complaint_received_on",
    )
    list_filter = ("status", "stage", "act_type", "result", "lost", "head_appeared", "org")
    search_fields = ("case_number", "plaintiff", "court", "act_description", "defendant__name")
    date_hierarchy = "complaint_received_on"
    list_select_related = ("org", "defendant")
    inlines = [CourtHearingInline, LitigationEventInline]
