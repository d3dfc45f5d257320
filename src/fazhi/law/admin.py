"""Admin for the office's holiday table (State Council notices for years the package does not cover)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HolidayDay, HolidayYear


@admin.register(HolidayYear)
class HolidayYearAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no types
    list_display = ("year", "notice", "complete")
    list_filter = ("complete",)
    search_fields = ("notice",)


@admin.register(HolidayDay)
class HolidayDayAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no types
    list_display = ("date", "weekday_name", "is_workday", "name", "notice")
    list_filter = ("is_workday",)
    search_fields = ("name", "notice")
    date_hierarchy = "date"

    @admin.display(description="星期")
    def weekday_name(self, obj: HolidayDay) -> str:
        return obj.weekday_name
