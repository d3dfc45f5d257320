"""矛盾纠纷 in the Django admin: read-only (core.admin.ReadOnlyCaseAdmin); records change only through services."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Dispute, DisputeEvent, MediationOrg, Mediator, Sweep, Training


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


@admin.register(MediationOrg)
class MediationOrgAdmin(ReadOnlyCaseAdmin):
    list_display = ("name", "kind", "org", "unit", "established_on", "dissolved_on")
    list_filter = ("kind", "org")
    search_fields = ("name",)


@admin.register(Mediator)
class MediatorAdmin(ReadOnlyCaseAdmin):
    list_display = ("name", "organization", "post", "appointment", "phone", "appointed_on", "left_on")
    list_filter = ("post", "appointment", "org")
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)


@admin.register(Training)
class TrainingAdmin(ReadOnlyCaseAdmin):
    list_display = ("title", "unit", "held_on", "hours")
    search_fields = ("title",)


@admin.register(Sweep)
class SweepAdmin(ReadOnlyCaseAdmin):
    list_display = ("held_on", "area", "unit", "organization", "risks_found")
    search_fields = ("area",)
