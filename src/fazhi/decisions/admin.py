"""重大行政决策 in the Django admin, read-only: data changes only through services.py."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Decision, DecisionCatalog, DecisionEvent


class DecisionEventInline(ReadOnlyInline):
    model = DecisionEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyCaseAdmin):
    list_display = ("number", "title", "sponsor", "status", "listed_on", "discussed_on")
    list_filter = ("status", "category", "org")
    search_fields = ("number", "title", "sponsor__name")
    list_select_related = ("org", "sponsor")
    inlines = [DecisionEventInline]


@admin.register(DecisionCatalog)
class DecisionCatalogAdmin(ReadOnlyCaseAdmin):
    list_display = ("org", "year", "status", "approved_on", "published_on")
    list_filter = ("status", "year")
