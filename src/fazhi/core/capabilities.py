"""Capabilities (what a role may do) and the built-in roles (RuoYi's 角色管理, roles as data).

A capability is a code `<app>.<verb>` with a Chinese label, declared by the app that checks it, as the
`capabilities` attribute of its AppConfig (domain apps on `DomainAppConfig`, central apps on their plain
AppConfig). `all_capabilities()` collects them. A role (core.models.Role) holds a list of capability patterns:
an exact code, `*` (all), `app.*` (all of one app), `*.verb` (one verb of every app), and `!pattern` to take
away what an earlier pattern gave. The built-in roles use patterns, so a new app's capabilities reach them
without a data change; a role edited in the admin stores the exact codes ticked.

Only plain data here: the data migration and the post-migrate sync read BUILTIN_ROLES."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.apps import apps


class DataScope:
    """数据范围 of a role, applied at the org of each membership."""

    ALL = "all"  # the whole jurisdiction the membership org belongs to, with all below
    SUBTREE = "subtree"  # the membership org and everything below it
    UNIT = "unit"  # the membership org only
    SELF = "self"  # records the user created, in the membership org

    CHOICES = [
        (ALL, "全部（本级及下级）"),
        (SUBTREE, "本单位及下级"),
        (UNIT, "本单位"),
        (SELF, "本人"),
    ]


#: capabilities of the core itself
CORE_CAPABILITIES = {
    "system.admin": "系统管理（操作日志、登录日志）",
    # citizens' phones and ID numbers in full (core.personal); masked for everyone else
    "personal.view_full": "查看完整的个人信息（身份证号、电话，查看留痕）",
}


def all_capabilities() -> dict[str, str]:
    """Every declared capability code → Chinese label, core first, then apps in INSTALLED_APPS order."""
    found = dict(CORE_CAPABILITIES)
    for cfg in apps.get_app_configs():
        found.update(getattr(cfg, "capabilities", None) or {})
    return found


def capability_label(code: str) -> str:
    return all_capabilities().get(code, code)


def matches(patterns: Iterable[str], capability: str) -> bool:
    """Whether a role's patterns grant `capability` (later `!pattern`s take away what earlier ones gave)."""
    granted = False
    for pattern in patterns:
        if pattern.startswith("!"):
            if fnmatchcase(capability, pattern[1:]):
                granted = False
        elif fnmatchcase(capability, pattern):
            granted = True
    return granted


def resolve(patterns: Iterable[str]) -> list[str]:
    """The declared capabilities a role's patterns grant, in declaration order."""
    patterns = list(patterns)
    return [code for code in all_capabilities() if matches(patterns, code)]


@dataclass(frozen=True)
class BuiltinRole:
    code: str
    name: str
    scope: str
    capabilities: tuple[str, ...]
    sort: int


# The roles of the house before roles became data, with the access they had (tests/core/test_capabilities.py
# writes the old matrix out). Leaders only read; a department clerk (部门填报员) works on the own unit only,
# may not handle 复议 cases (the 复议机构's work), manage 统计填报 or edit a jurisdiction's annual report;
# reviewers neither manage 统计填报 nor edit annual reports. Citizens' phones and ID numbers in full
# (personal.view_full) are for the office, reviewers and administrators; clerks and leaders see them masked.
_WRITER = ("*", "!system.*")
BUILTIN_ROLES = (
    BuiltinRole("admin", "系统管理员", DataScope.SUBTREE, ("*",), 10),
    BuiltinRole("office", "法治办", DataScope.SUBTREE, _WRITER, 20),
    BuiltinRole(
        "reviewer",
        "复议/审核人员",
        DataScope.SUBTREE,
        (*_WRITER, "!*.manage", "!reports.edit", "!reports.edit_unit"),
        30,
    ),
    BuiltinRole("leader", "领导", DataScope.SUBTREE, ("*.view",), 40),
    BuiltinRole(
        "clerk",
        "部门填报员",
        DataScope.UNIT,
        (
            *_WRITER,
            "!*.manage",
            "!reconsideration.handle",
            "!reconsideration.import",
            "!reports.edit",
            "!personal.*",
        ),
        50,
    ),
)


def sync_builtin_roles(manager) -> None:
    """Create the built-in roles that are missing; never touch one that exists (an administrator may have
    edited it). `manager` is a Role manager on the right database. Used by the data migration (historical model) and after every migrate/flush."""
    for spec in BUILTIN_ROLES:
        manager.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "scope": spec.scope,
                "capabilities": list(spec.capabilities),
                "builtin": True,
                "sort": spec.sort,
            },
        )
