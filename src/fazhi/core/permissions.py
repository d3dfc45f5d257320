"""The one permission helper: which orgs a user may read and change.

Scopes follow RuoYi's 数据范围: office staff, reviewers, leaders and administrators see the whole subtree of
the org of their membership; a department clerk (部门填报员) sees only the own unit. Leaders only read.
Every selector filters through `org_filter`, every service checks `require_write`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .choices import SUBTREE_ROLES, WRITE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    is_superuser: bool
    read_ids: frozenset[int]
    write_ids: frozenset[int]
    roles: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.is_superuser or self.read_ids)


def _subtree_ids(paths: list[str]) -> set[int]:
    from .models import Org

    if not paths:
        return set()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return set(Org.objects.filter(q).values_list("id", flat=True))


def scope_for(user) -> Scope:
    """The user's scope as sets of org ids, computed once per user object (request).

    Org trees are small (hundreds of nodes per city), so ids are resolved once and selectors filter
    with `org_id IN (...)`, which stays an index lookup on tables of millions of rows."""
    cached = getattr(user, "_fazhi_scope", None)
    if cached is not None:
        return cached
    if user is None or not user.is_authenticated or not user.is_active:
        scope = Scope(False, frozenset(), frozenset(), frozenset())
    else:
        read_paths, write_paths, read_units, write_units, roles = [], [], set(), set(), set()
        for m in user.memberships.select_related("org"):
            roles.add(m.role)
            if m.role in SUBTREE_ROLES:
                read_paths.append(m.org.path)
                if m.role in WRITE_ROLES:
                    write_paths.append(m.org.path)
            else:
                read_units.add(m.org_id)
                if m.role in WRITE_ROLES:
                    write_units.add(m.org_id)
        scope = Scope(
            bool(user.is_superuser),
            frozenset(_subtree_ids(read_paths) | read_units),
            frozenset(_subtree_ids(write_paths) | write_units),
            frozenset(roles),
        )
    if user is not None and user.is_authenticated:
        user._fazhi_scope = scope
    return scope


def org_filter(user, *fields: str, write: bool = False) -> Q:
    """A Q that keeps rows whose org FK (any of `fields`, e.g. "org" or "respondent") is in scope."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    ids = scope.write_ids if write else scope.read_ids
    q = Q(pk__in=[])
    for field in fields:
        q |= Q(**{f"{field}_id__in": sorted(ids)})
    return q


def can_read(user, *orgs) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(o is not None and o.id in scope.read_ids for o in orgs)


def can_write(user, *orgs) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(o is not None and o.id in scope.write_ids for o in orgs)


def require_read(user, *orgs, message: str = "无权查看该单位的记录") -> None:
    if not can_read(user, *orgs):
        raise PermissionDenied(message)


def require_write(user, *orgs, message: str = "无权修改该单位的记录") -> None:
    if not can_write(user, *orgs):
        raise PermissionDenied(message)


def has_role(user, *roles: Role) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.roles & set(roles))


def visible_orgs(user):
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.all()
    return Org.objects.filter(id__in=scope.read_ids)


def default_org(user):
    """The top org the user sees: their highest membership org, or the root for a superuser."""
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.filter(parent__isnull=True).order_by("sort", "code").first()
    m = user.memberships.select_related("org").order_by("org__depth").first()
    return m.org if m else None
