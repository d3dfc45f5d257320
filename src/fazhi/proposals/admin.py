from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ("number", "kind", "title", "unit", "assigned_on", "due_on", "status")
    list_filter = ("kind", "status")
    search_fields = ("number", "title", "proposer")
