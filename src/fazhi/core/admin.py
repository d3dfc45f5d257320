from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import services
from .capabilities import all_capabilities, resolve
from .models import (
    ApiToken,
    DictItem,
    JurisdictionSetting,
    Membership,
    Notice,
    NumberSequence,
    Org,
    PersonalDataAccess,
    Role,
)
from .personal import log_access, mask, personal_fields, sees_full


@admin.register(Org)
class OrgAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "unit_type", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")
    readonly_fields = ("path", "depth")


class RoleForm(forms.ModelForm):
    """角色管理: the capabilities as ticks. A built-in role stores patterns (so new apps' capabilities reach
    it); they are shown resolved and kept as they are unless the ticks change."""

    capabilities = forms.MultipleChoiceField(
        label="权限", required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Role
        fields = ("code", "name", "scope", "capabilities", "sort", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["capabilities"]
        field.choices = [(code, f"{label}（{code}）") for code, label in all_capabilities().items()]
        self.initial["capabilities"] = resolve(self.instance.capabilities or [])
        if self.instance.pk and self.instance.builtin:
            self.fields["code"].disabled = True

    def clean_capabilities(self):
        ticked = self.cleaned_data["capabilities"]
        if self.instance.pk and set(ticked) == set(self.initial["capabilities"]):
            return self.instance.capabilities
        return [code for code in all_capabilities() if code in ticked]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    form = RoleForm
    list_display = ("name", "code", "scope", "builtin", "is_active", "sort")
    list_filter = ("scope", "builtin", "is_active")
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (
            obj is not None and (obj.builtin or obj.memberships.exists())
        ) and super().has_delete_permission(request, obj)


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


class JurisdictionSettingForm(forms.ModelForm):
    """The key is one of the declared settings; the value must fit its type."""

    class Meta:
        model = JurisdictionSetting
        fields = ("org", "key", "value")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .jsettings import declared

        self.fields["key"] = forms.ChoiceField(
            label="设置项",
            choices=[(k, f"{label}（默认 {default}）") for k, (label, default) in declared().items()],
        )

    def clean(self):
        data = super().clean()
        from .jsettings import parse

        if data.get("key") and data.get("value") is not None:
            try:
                parse(data["key"], data["value"])
            except ValidationError as e:
                self.add_error("value", e)
        org = data.get("org")
        if org is not None and not org.is_jurisdiction:
            self.add_error("org", "参数按行政区划设置，请选择市、县（区）或乡镇，而不是单位")
        return data


@admin.register(JurisdictionSetting)
class JurisdictionSettingAdmin(SimpleHistoryAdmin):
    form = JurisdictionSettingForm
    list_display = ("key", "label", "org", "value")
    list_filter = ("key",)
    search_fields = ("key", "org__name")
    autocomplete_fields = ("org",)

    @admin.display(description="名称")
    def label(self, obj):
        from .jsettings import declared

        return declared().get(obj.key, ("（未声明）", None))[0]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read-only: notices are written by `fazhi remind` and read by their recipient (no history: not records)."""

    list_display = ("recipient", "title", "created_at", "read_at", "emailed_at")
    list_filter = ("read_at",)
    search_fields = ("recipient__username", "title")
    readonly_fields = ("recipient", "title", "body", "url", "key", "created_at", "read_at", "emailed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Read-only with a revoke action: tokens are created on the 令牌管理 page (the secret is shown once there),
    never here, so the admin cannot save a token without a generated key."""

    list_display = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "name", "prefix")
    fields = readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.select_related("user"):
            try:
                services.revoke_token(token=token, actor=request.user)
            except PermissionDenied as exc:
                self.message_user(request, f"{token}：{exc}", messages.ERROR)
                continue
            done += 1
        self.message_user(request, f"已吊销 {done} 个令牌")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class FazhiUserAdmin(UserAdmin):
    """Django's user admin; a password an administrator sets (new user, or reset) is an initial password
    that the user must change at the next login (FAZHI_FORCE_PASSWORD_CHANGE)."""

    fieldsets = (*UserAdmin.fieldsets, ("API 令牌", {"fields": ("api_tokens_link",)}))
    readonly_fields = ("api_tokens_link",)

    @admin.display(description="API 令牌")
    def api_tokens_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("core-tokens") + f"?user={obj.pk}"
        return format_html('<a href="{}">为该用户创建或吊销令牌（超级管理员）</a>', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.require_password_change(user=obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.require_password_change(user=self.get_object(request, id))
        return response


@admin.register(NumberSequence)
class NumberSequenceAdmin(SimpleHistoryAdmin):
    """案号规则: the office edits the prefix and pattern; the counter moves only through core.numbering."""

    list_display = ("org", "app", "year", "prefix", "pattern", "last")
    list_filter = ("app", "year")
    search_fields = ("org__name", "prefix")
    autocomplete_fields = ("org",)
    readonly_fields = ("last",)


class _ReadOnly:
    """Adds, changes and deletes nothing (also hides simple_history's revert)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _PersonalShown:
    """Personal data (core.personal) in the admin: the model's personal fields are shown through a display
    function that masks them for a user without `personal.view_full` where the record is, and notes each value
    shown in full; the view logs those (one 个人信息查看日志 row per model) once its page is rendered."""

    def _shown(self, request, name: str):
        cache = request.__dict__.setdefault("_personal_shown", {})
        key = (self.model._meta.label_lower, name)
        if key not in cache:
            model = self.model

            def shown(obj):
                value = getattr(obj, name)
                if value in (None, ""):
                    return value
                if sees_full(request.user, obj):
                    seen = request.__dict__.setdefault("_personal_seen", {})
                    seen.setdefault(model, {}).setdefault(obj.pk, set()).add(name)
                    return value
                return mask(value)

            shown.short_description = model._meta.get_field(name).verbose_name  # type: ignore[attr-defined]
            shown.__name__ = f"{name}_shown"
            cache[key] = shown
        return cache[key]

    def _masked(self, request, names) -> list:
        personal = set(personal_fields(self.model))
        return [self._shown(request, n) if isinstance(n, str) and n in personal else n for n in names]

    def get_list_display(self, request):
        return self._masked(request, super().get_list_display(request))  # type: ignore[misc]

    def get_fields(self, request, obj=None):
        return self._masked(request, super().get_fields(request, obj))  # type: ignore[misc]

    def get_readonly_fields(self, request, obj=None):
        return self._masked(request, super().get_readonly_fields(request, obj))  # type: ignore[misc]

    def get_search_fields(self, request):
        personal = set(personal_fields(self.model))  # searching by a number would reveal who has it
        return [f for f in super().get_search_fields(request) if f not in personal]  # type: ignore[misc]


def log_personal_seen(request, response):
    """Render `response` and log the personal values its page showed in full (see _PersonalShown)."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    seen = request.__dict__.pop("_personal_seen", {})
    for model, rows in seen.items():
        fields = sorted({f for names in rows.values() for f in names})
        log_access(
            request.user, how="reveal", model=model, object_ids=list(rows), fields=fields, count=len(rows)
        )
    return response


class _PersonalHistory(HistoricalRecordContextHelper):
    """The admin's 修改历史 diffs show personal fields masked, as the record page's history tab does."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return mask(value) if change.field in personal_fields(self.model) else value


class ReadOnlyCaseAdmin(_PersonalShown, _ReadOnly, SimpleHistoryAdmin):
    """A domain app's case records in the admin, for office administrators: list, filter, search, the record and
    its history — read-only. Case data changes only through the app's services (workflow, derived deadlines,
    numbering, audit), so the admin adds, changes, deletes and reverts nothing."""

    list_per_page = 50
    show_full_result_count = False

    def changelist_view(self, request, extra_context=None):
        return log_personal_seen(request, super().changelist_view(request, extra_context))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return log_personal_seen(request, super().change_view(request, object_id, form_url, extra_context))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return log_personal_seen(
            request, super().history_form_view(request, object_id, version_id, extra_context)
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return _PersonalHistory(self.model, historical_record)


class ReadOnlyInline(_PersonalShown, _ReadOnly, admin.TabularInline):
    """A case's child rows (applicants, hearings, events) shown read-only on the case's admin page."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self._masked(request, self.fields or ())


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """个人信息查看日志: read only; rows are written by core.personal when a phone or ID number is seen in full."""

    list_display = ("at", "user", "how", "model", "object_id", "fields", "count")
    list_filter = ("how", "model")
    search_fields = ("user__username", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
