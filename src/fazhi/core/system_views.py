"""系统管理 inside the app, in the house style (RuoYi's 字典管理, 参数设置, 组织机构, 用户管理, 角色管理): what an
office's administrator needs day to day without Django's admin. Every page requires `system.admin`; every change
is a history row with the acting user and a reason (操作日志). Django's admin stays for rare, technical edits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render

from . import codelists
from .audit import save_audited
from .capabilities import DataScope, all_capabilities, matches
from .forms import StyledForm
from .models import DictItem, JurisdictionSetting, Membership, Org, Role
from .permissions import can_any


def _require_admin(user) -> None:
    if not can_any(user, "system.admin"):
        raise PermissionDenied("仅系统管理员可以进行系统管理")


# -- 字典管理 ---------------------------------------------------------------------------------------------------------
class DictItemForm(StyledForm):
    code = forms.CharField(label="编码", max_length=40, help_text="记录中保存的值；创建后不能修改")
    label = forms.CharField(label="名称", max_length=100)
    sort = forms.IntegerField(label="排序", min_value=0, initial=100)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


@login_required
def dicts(request):
    _require_admin(request.user)
    available = codelists.lists()
    key = request.GET.get("list") or next(iter(available))
    if key not in available:
        raise PermissionDenied("没有这个字典")
    codelist = available[key]
    form = DictItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if DictItem.objects.filter(category=key, code=d["code"]).exists():
            form.add_error("code", f"编码「{d['code']}」在字典「{codelist.name}」中已存在")
        else:
            item = DictItem(
                category=key, code=d["code"], label=d["label"], sort=d["sort"], is_active=d["is_active"]
            )
            save_audited(item, actor=request.user, reason=f"新增字典项：{codelist.name}")
            messages.success(request, f"已在「{codelist.name}」中新增「{item.label}」。")
            return redirect(f"{request.path}?list={key}")
    items = DictItem.objects.filter(category=key).order_by("sort", "code")
    return render(
        request,
        "core/system/dicts.html",
        {"lists": available.values(), "current": codelist, "items": items, "form": form},
    )


@login_required
def dict_toggle(request, pk: int):
    _require_admin(request.user)
    if request.method != "POST":
        raise PermissionDenied("请通过页面上的按钮操作")
    item = get_object_or_404(DictItem, pk=pk)
    item.is_active = not item.is_active
    save_audited(item, actor=request.user, reason="启用字典项" if item.is_active else "停用字典项")
    messages.success(
        request, f"已{'启用' if item.is_active else '停用'}「{item.label}」（已有记录保留原值）。"
    )
    return redirect(f"/system/dicts/?list={item.category}")


# -- 参数设置 (per-jurisdiction settings) ----------------------------------------------------------------------------
class SettingForm(StyledForm):
    org = forms.ModelChoiceField(label="行政区划", queryset=Org.objects.none())
    value = forms.CharField(label="值", max_length=200)

    def __init__(self, *args, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key
        self.fields["org"].queryset = Org.objects.exclude(kind="unit").order_by("path")

    def clean_value(self):
        from .jsettings import parse

        parse(self.key, self.cleaned_data["value"])
        return self.cleaned_data["value"].strip()


def _shown_stored(key: str, text: str) -> str:
    """A stored setting as the page prints it (是/否 for a yes-or-no one); text that no longer parses, as stored."""
    from .jsettings import parse, shown

    try:
        return shown(parse(key, text))
    except ValidationError:
        return text


@login_required
def settings_page(request):
    from .jsettings import declared, shown

    _require_admin(request.user)
    specs = declared()
    key = request.POST.get("key") or request.GET.get("key") or ""
    form = SettingForm(request.POST or None, key=key) if key in specs else None
    if request.method == "POST" and form is not None and form.is_valid():
        org, value = form.cleaned_data["org"], form.cleaned_data["value"]
        row = JurisdictionSetting.objects.filter(org=org, key=key).first() or JurisdictionSetting(
            org=org, key=key
        )
        row.value = value
        save_audited(row, actor=request.user, reason=f"设置参数：{specs[key][0]}")
        messages.success(
            request, f"已将{org.name}的「{specs[key][0]}」设为 {shown(value)}（下级未单独设置的同样适用）。"
        )
        return redirect("core-system-settings")
    rows = []
    values = JurisdictionSetting.objects.select_related("org").order_by("org__path")
    for k, (label, default) in specs.items():
        given = [{"org": v.org, "value": _shown_stored(k, v.value)} for v in values if v.key == k]
        rows.append({"key": k, "label": label, "default": shown(default), "set": given})
    return render(request, "core/system/settings.html", {"rows": rows, "form": form, "key": key})


# -- 组织机构 ---------------------------------------------------------------------------------------------------------
@login_required
def orgs(request):
    _require_admin(request.user)
    q = request.GET.get("q", "").strip()
    nodes = Org.objects.order_by("path")
    if q:
        hits = Org.objects.filter(Q(name__icontains=q) | Q(code__icontains=q))
        paths = set()
        for hit in hits:  # the hits with the chain above them, so each is shown in its place in the tree
            parts = hit.path.strip("/").split("/")
            paths.update("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
        nodes = nodes.filter(path__in=paths)
    return render(request, "core/system/orgs.html", {"nodes": nodes[:2000], "q": q})


# -- 用户管理 and 角色管理 -------------------------------------------------------------------------------------------
@login_required
def users(request):
    _require_admin(request.user)
    q = request.GET.get("q", "").strip()
    qs = (
        get_user_model()
        .objects.order_by("username")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("org", "role")))
    )
    if q:
        qs = qs.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(memberships__org__name__icontains=q)
        ).distinct()
    return render(request, "core/system/users.html", {"users": qs[:500], "q": q})


@login_required
def roles(request):
    _require_admin(request.user)
    labels = all_capabilities()
    scopes = dict(DataScope.CHOICES)
    rows = []
    for role in Role.objects.order_by("sort", "code"):
        granted = [label for code, label in labels.items() if matches(role.capabilities, code)]
        rows.append({"role": role, "scope": scopes.get(role.scope, role.scope), "granted": granted})
    return render(request, "core/system/roles.html", {"rows": rows, "n_caps": len(labels)})
