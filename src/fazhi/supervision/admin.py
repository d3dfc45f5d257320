"""督察, 考评 and 述法 in the Django admin, read-only: records change only through services.py."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Inspection, Interview, Problem, ProblemEvent, Scheme, SchemeItem, Shufa


class ProblemEventInline(ReadOnlyInline):
    model = ProblemEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(Problem)
class ProblemAdmin(ReadOnlyCaseAdmin):
    list_display = ("description", "org", "jurisdiction", "source", "status", "found_on", "rectify_due")
    list_filter = ("status", "source", "jurisdiction")
    search_fields = ("description", "measures", "org__name")
    date_hierarchy = "found_on"
    list_select_related = ("org", "jurisdiction")
    inlines = [ProblemEventInline]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyCaseAdmin):
    list_display = ("title", "org", "kind", "status", "started_on", "ended_on")
    list_filter = ("kind", "status")
    search_fields = ("title", "scope")


class SchemeItemInline(ReadOnlyInline):
    model = SchemeItem
    fields = ("seq", "name", "points", "method", "indicator", "op", "target", "min_sample")


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyCaseAdmin):
    list_display = ("name", "org", "year", "revision", "status", "adopted_on", "published_on")
    list_filter = ("status", "year")
    inlines = [SchemeItemInline]


@admin.register(Shufa)
class ShufaAdmin(ReadOnlyCaseAdmin):
    list_display = ("leader", "title", "org", "year", "held_on", "status", "result")
    list_filter = ("status", "year", "result")
    search_fields = ("leader", "title", "meeting")


@admin.register(Interview)
class InterviewAdmin(ReadOnlyCaseAdmin):
    list_display = ("leader", "title", "org", "jurisdiction", "held_on", "status")
    list_filter = ("status",)
    search_fields = ("leader", "title", "reason")
