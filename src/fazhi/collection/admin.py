from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CollectedValue, CollectionForm, CollectionReminder, CollectionTask


class TaskInline(admin.TabularInline):
    model = CollectionTask
    extra = 0
    fields = ("org", "due_on", "status", "submitted_at", "reviewed_at")
    readonly_fields = ("submitted_at", "reviewed_at")
    show_change_link = True


@admin.register(CollectionForm)
class CollectionFormAdmin(SimpleHistoryAdmin):
    list_display = ("name", "owner", "period_label", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "owner__name")
    inlines = [TaskInline]


class ValueInline(admin.TabularInline):
    model = CollectedValue
    extra = 0
    fields = ("key", "value", "note")


@admin.register(CollectionTask)
class CollectionTaskAdmin(SimpleHistoryAdmin):
    list_display = ("form", "org", "due_on", "status", "submitted_at", "reviewed_at", "last_reminded_on")
    list_filter = ("status",)
    search_fields = ("form__name", "org__name")
    inlines = [ValueInline]


@admin.register(CollectionReminder)
class CollectionReminderAdmin(SimpleHistoryAdmin):
    list_display = ("task", "sent_on", "days_overdue", "message")
    search_fields = ("task__org__name", "message")
