from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import StudyListItem, StudySession


@admin.register(StudySession)
class StudySessionAdmin(SimpleHistoryAdmin):
    list_display = ("held_on", "kind", "title", "unit", "attendee_count")
    list_filter = ("kind",)
    search_fields = ("title", "speaker")


@admin.register(StudyListItem)
class StudyListItemAdmin(SimpleHistoryAdmin):
    list_display = ("year", "law", "audience", "org")
