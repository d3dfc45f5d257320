"""12345 工单 in the Django admin, for office administrators: find a ticket, read it, its 派单 records and its
history. Read-only (core.admin.ReadOnlyCaseAdmin): tickets change only through services.py."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Assignment, Ticket, TicketEvent


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = (
        "unit",
        "dispatched_on",
        "due_on",
        "signed_on",
        "bounce_kind",
        "bounce_reason",
        "outcome",
        "held_days",
    )


class TicketEventInline(ReadOnlyInline):
    model = TicketEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(Ticket)
class TicketAdmin(ReadOnlyCaseAdmin):
    list_display = ("number", "org", "received_on", "channel", "category", "unit", "status", "due_on")
    list_filter = ("status", "channel", "urgency", "satisfaction")
    search_fields = ("number", "caller")
    date_hierarchy = "received_on"
    list_select_related = ("org", "unit")
    show_full_result_count = False  # a million rows: no COUNT(*) per admin page
    inlines = [AssignmentInline, TicketEventInline]
