"""信访事项 in the Django admin: read-only (core.admin.ReadOnlyCaseAdmin); records change only through services."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import LeaderReception, Petition, PetitionEvent


class PetitionEventInline(ReadOnlyInline):
    model = PetitionEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(Petition)
class PetitionAdmin(ReadOnlyCaseAdmin):
    list_display = ("number", "org", "unit", "channel", "category", "petitioner", "status", "received_on")
    list_filter = ("status", "channel", "category", "route", "answer", "org")
    search_fields = ("number", "petitioner", "subject")
    date_hierarchy = "received_on"
    list_select_related = ("org", "unit")
    inlines = [PetitionEventInline]


@admin.register(LeaderReception)
class LeaderReceptionAdmin(ReadOnlyCaseAdmin):
    list_display = ("held_on", "leader", "leader_title", "place", "org", "unit")
    search_fields = ("leader", "matters", "place")
    date_hierarchy = "held_on"
