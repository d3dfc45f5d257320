"""行政复议 in the Django admin, for office administrators: find a case, read it and its history. Read-only
(core.admin.ReadOnlyCaseAdmin): case data changes only through services.py, from the pages, the API or an import."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Applicant, CaseEvent, Hearing, ReconsiderationCase, Suspension


class ApplicantInline(ReadOnlyInline):
    model = Applicant
    fields = ("kind", "name", "id_number", "contact", "representative")


class SuspensionInline(ReadOnlyInline):
    model = Suspension
    fields = ("started_on", "resumed_on", "reason")


class HearingInline(ReadOnlyInline):
    model = Hearing
    fields = ("kind", "held_on", "note")


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("on", "kind", "note", "actor", "created_at")


@admin.register(ReconsiderationCase)
class ReconsiderationCaseAdmin(ReadOnlyCaseAdmin):
    list_display = (
        "number",
        "org",
        "respondent",
        "act_type",
        "applicant_summary",
        "status",
        "received_on",
        "next_due",
    )
    list_filter = ("status", "year", "act_type", "procedure", "decision", "org")
    search_fields = ("number", "applicant_summary", "act_description", "respondent__name")
    date_hierarchy = "received_on"
    list_select_related = ("org", "respondent")
    inlines = [ApplicantInline, SuspensionInline, HearingInline, CaseEventInline]
