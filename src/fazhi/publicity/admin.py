from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Duty


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("held_on", "kind", "title", "unit", "audience")
    list_filter = ("kind",)
    search_fields = ("title", "place")


@admin.register(Duty)
class DutyAdmin(SimpleHistoryAdmin):
    list_display = ("year", "unit", "item", "kind", "required")
