from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ("number", "applicant", "unit", "received_on", "due_on", "status", "answer")
    list_filter = ("status", "answer")
    search_fields = ("number", "applicant")
