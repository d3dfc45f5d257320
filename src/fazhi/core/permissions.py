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
    read_paths: tuple[str, ...]
    read_units: tuple[int, ...]
    write_paths: tuple[str, ...]
    write_units: tuple[int, ...]
    roles: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.is_superuser or self.read_paths or self.read_units)


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (request)."""
    cached = getattr(user, "_fazhi_scope", None)
    if cached is not None:
        return cached
    if user is None or not user.is_authenticated or not user.is_active:
        scope = Scope(False, (), (), (), (), frozenset())
    else:
        read_paths, read_units, write_paths, write_units, roles = [], [], [], [], set()
        for m in user.memberships.select_related("org"):
            roles.add(m.role)
            if m.role in SUBTREE_ROLES:
                read_paths.append(m.org.path)
                if m.role in WRITE_ROLES:
                    write_paths.append(m.org.path)
            else:
                read_units.append(m.org_id)
                if m.role in WRITE_ROLES:
                    write_units.append(m.org_id)
        scope = Scope(
            bool(user.is_superuser),
            tuple(read_paths),
            tuple(read_units),
            tuple(write_paths),
            tuple(write_units),
            frozenset(roles),
        )
    if user is not None:
        try:
            user._fazhi_scope = scope
        except AttributeError:  # AnonymousUser is shared; do not cache on it
            pass
    return scope


def org_filter(user, *fields: str, write: bool = False) -> Q:
    """A Q that keeps rows whose org FK (any of `fields`, e.g. "org" or "respondent") is in scope."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    paths = scope.write_paths if write else scope.read_paths
    units = scope.write_units if write else scope.read_units
    q = Q(pk__in=[])
    for field in fields:
        for path in paths:
            q |= Q(**{f"{field}__path__startswith": path})
        if units:
            q |= Q(**{f"{field}_id__in": units})
    return q


def _in_scope(org, paths, units) -> bool:
    return org.id in units or any(org.path.startswith(p) for p in paths)


def can_read(user, *orgs) -> bool:
    scope = scope_for(user)
    if scope.is_superuser:
        return True
    return any(o is not None and _in_scope(o, scope.read_paths, scope.read_units) for o in orgs)


def can_write(user, *orgs) -> bool:
    scope = scope_for(user)
    if scope.is_superuser:
        return True
    return any(o is not None and _in_scope(o, scope.write_paths, scope.write_units) for o in orgs)


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
    q = Q(pk__in=scope.read_units)
    for path in scope.read_paths:
        q |= Q(path__startswith=path)
    return Org.objects.filter(q)


def default_org(user):
    """The top org the user sees: their highest membership org, or the root for a superuser."""
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.filter(parent__isnull=True).order_by("sort", "code").first()
    m = user.memberships.select_related("org").order_by("org__depth").first()
    return m.org if m else None
