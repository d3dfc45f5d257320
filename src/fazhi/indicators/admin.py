from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PeriodLock, PublishedValue, Restatement, Target


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("key", "org", "year", "comparator", "threshold", "source")
    list_filter = ("year", "comparator")
    search_fields = ("key", "org__name", "source")


class PublishedValueInline(admin.TabularInline):
    model = PublishedValue
    extra = 0
    fields = ("key", "unit", "value", "numerator", "denominator")
    readonly_fields = fields
    can_delete = False


@admin.register(PeriodLock)
class PeriodLockAdmin(SimpleHistoryAdmin):
    """Read-only: a published year is changed by nobody; differences go to the 更正记录."""

    list_display = ("org", "year", "locked_at", "locked_by", "reason")
    list_filter = ("year",)
    readonly_fields = ("org", "year", "locked_at", "locked_by", "reason")
    inlines = [PublishedValueInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Restatement)
class RestatementAdmin(SimpleHistoryAdmin):
    list_display = ("lock", "key", "published_value", "current_value", "detected_at")
    list_filter = ("lock__year",)
    search_fields = ("key", "lock__org__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
