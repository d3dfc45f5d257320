"""矛盾纠纷 in the Django admin: read-only (core.admin.ReadOnlyCaseAdmin); records change only through services."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Dispute, DisputeEvent


class DisputeEventInline(ReadOnlyInline):
    model = DisputeEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyCaseAdmin):
    list_display = ("number", "org", "unit", "channel", "kind", "parties", "status", "received_on")
    list_filter = ("status", "channel", "kind", "source", "outcome", "confirmation", "org")
    search_fields = ("number", "parties", "committee", "summary")
    date_hierarchy = "received_on"
    list_select_related = ("org", "unit")
    inlines = [DisputeEventInline]
