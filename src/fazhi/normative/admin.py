"""行政规范性文件 in the Django admin, read-only: data changes only through services.py."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import CleanupCampaign, CleanupItem, NormativeDocument, NormativeEvent


class NormativeEventInline(ReadOnlyInline):
    model = NormativeEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyCaseAdmin):
    list_display = (
        "registration_number",
        "title",
        "doc_number",
        "issuer",
        "status",
        "published_on",
        "expires_on",
    )
    list_filter = ("status", "review_result", "filed_on_time", "org")
    search_fields = ("registration_number", "title", "doc_number", "issuer__name")
    date_hierarchy = "registered_on"
    list_select_related = ("org", "issuer")
    inlines = [NormativeEventInline]


class CleanupItemInline(ReadOnlyInline):
    model = CleanupItem
    fields = ("document", "outcome", "decided_on")


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReadOnlyCaseAdmin):
    list_display = ("title", "org", "started_on", "status", "published_on")
    list_filter = ("status", "org")
    search_fields = ("title",)
    inlines = [CleanupItemInline]
