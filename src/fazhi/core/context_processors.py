"""The left menu, by domain (RuoYi-style), with the entries the user's roles allow.

Built from declarations: each domain app's `menu` entries under its area (core/areas.py: name, icon, order), and
the central apps' `menu_groups` on their AppConfig: (title, icon, position, entries). Groups of the same title
merge, entries in INSTALLED_APPS order. The domain areas sit at position AREA_POSITION."""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from .areas import AREAS, area_order
from .contract import domain_apps
from .permissions import can_any

# Where the domain apps' groups go among the central groups (工作台 0 … 系统管理 90).
AREA_POSITION = 10
# Menu groups shown only to holders of a capability (the pages check the same).
GROUP_CAPABILITIES = {"系统管理": "system.admin"}


def menu_groups() -> list[tuple[str, str, list[tuple]]]:
    """(title, icon, [(label, URL name[, capability])]) of every group, in menu order. An entry with a capability
    is shown only to users who hold it somewhere (登记申请 needs reconsideration.handle)."""
    groups: dict[str, tuple[tuple[int, int], str, list[tuple]]] = {}
    for cfg in apps.get_app_configs():
        for title, icon, position, entries in getattr(cfg, "menu_groups", ()):
            groups.setdefault(title, ((position, 0), icon, []))[2].extend(entries)
    for cfg in domain_apps():
        if cfg.menu:
            area = AREAS.get(cfg.area)
            title, icon = (area.name, area.icon) if area else (cfg.verbose_name, "bi-folder")
            groups.setdefault(title, ((AREA_POSITION, area_order(cfg.area)), icon, []))[2].extend(cfg.menu)
    ordered = sorted(groups.items(), key=lambda g: g[1][0])
    return [(title, icon, entries) for title, (_, icon, entries) in ordered]


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    menu = []
    current = request.path
    from .contract import casework_kinds

    kinds = {kind.url_name("create"): kind for kind in casework_kinds()}  # an app may declare several kinds
    for title, icon, entries in menu_groups():
        if title in GROUP_CAPABILITIES and not can_any(request.user, GROUP_CAPABILITIES[title]):
            continue
        items = []
        for label, name, *needs in entries:
            if needs and not can_any(request.user, needs[0]):
                continue
            namespace, _, page = name.partition(":")
            if (
                not needs
                and page.endswith("create")
                and name in kinds
                and not kinds[name].can_create(request.user)
            ):
                continue  # a record type's 新增 follows its kind (CaseKind.can_create), like the list's button
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": current == url})
        if items:
            menu.append({"title": title, "icon": icon, "items": items})
    return {"nav_menu": menu}


def notices(request):
    """The bell in the top bar: the user's unread notices (one COUNT on an indexed, partial index)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from .notices import unread_count

    return {"unread_notices": unread_count(user)}
