from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, DictItem, Membership, Org


@admin.register(Org)
class OrgAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "unit_type", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")
    readonly_fields = ("path", "depth")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "org", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "org__name")
    autocomplete_fields = ("org",)


@admin.register(DictItem)
class DictItemAdmin(SimpleHistoryAdmin):
    list_display = ("category", "code", "label", "sort", "is_active")
    list_filter = ("category", "is_active")
    search_fields = ("code", "label")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created_at", "last_used_at")
    readonly_fields = ("key",)
