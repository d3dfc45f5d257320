"""The one permission helper: which orgs a user may read and change, and for what.

A membership gives a user a role (core.models.Role, data) in an org; the role is a set of capabilities
(`reconsideration.handle`, declared by the apps, see core.capabilities) and a 数据范围 (all of the
jurisdiction, own unit and below, own unit, own records) that says which orgs the capabilities reach.

Services check `require(actor, org, "<app>.<capability>")`; selectors filter with `org_filter(user, "org",
capability="<app>.view")`. `read_ids`/`write_ids` remain as the coarse scope: read = any membership reaches
the org, write = a capability other than `*.view` reaches it (leaders only read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q

from .capabilities import DataScope, capability_label, matches

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from .models import Org
    from .types import Actor, Viewer


@dataclass(frozen=True)
class Grant:
    """What one membership gives: the role's capability patterns over a set of org ids."""

    patterns: tuple[str, ...]
    org_ids: frozenset[int]
    own_records: bool = False  # 数据范围 本人: only records the user created

    def grants(self, capability: str | None) -> bool:
        if capability is None:
            return True
        if capability == WRITE:
            return any(not p.startswith("!") and not p.endswith(".view") for p in self.patterns)
        return matches(self.patterns, capability)


WRITE = "*write*"  # pseudo capability of the coarse write scope: anything other than reading


@dataclass(frozen=True)
class Scope:
    is_superuser: bool
    read_ids: frozenset[int]
    write_ids: frozenset[int]
    roles: frozenset[str]
    grants: tuple[Grant, ...] = ()
    all_ids: frozenset[int] = frozenset()  # every org id when the scope was computed (see `outside`)
    _cache: dict[tuple[str | None, bool], frozenset[int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def empty(self) -> bool:
        return not (self.is_superuser or self.read_ids)

    def ids(self, capability: str | None, *, own_records: bool = False) -> frozenset[int]:
        """Org ids where `capability` is granted (by memberships of full reach, or of 本人 reach)."""
        key = (capability, own_records)
        if key not in self._cache:
            found: set[int] = set()
            for g in self.grants:
                if g.own_records == own_records and g.grants(capability):
                    found |= g.org_ids
            self._cache[key] = frozenset(found)
        return self._cache[key]

    def outside(self, capability: str | None) -> frozenset[int]:
        """Org ids where `capability` is not granted: the complement of `ids` among the orgs that existed
        when the scope was computed (once per request, like the ids themselves)."""
        return self.all_ids - self.ids(capability)


def _org_paths() -> dict[int, str]:
    """Every org's id and path: one query per scope (org trees hold hundreds of nodes, not millions)."""
    from .models import Org

    return dict(Org.objects.values_list("id", "path"))


def _subtree_ids(paths: list[str], orgs: dict[int, str]) -> dict[str, set[int]]:
    return {p: {pk for pk, path in orgs.items() if path.startswith(p)} for p in set(paths)}


def _reach_path(org: Org, scope: str) -> str | None:
    """The path prefix a subtree-like data scope reaches from a membership org."""
    if scope == DataScope.SUBTREE:
        return org.path
    if scope == DataScope.ALL:
        return org.jurisdiction().path
    return None


def scope_for(user: Viewer | None) -> Scope:
    """The user's scope as sets of org ids, computed once per user object (request).

    Org trees are small (hundreds of nodes per city), so ids are resolved once and selectors filter
    with `org_id IN (...)`, which stays an index lookup on tables of millions of rows."""
    cached: Scope | None = getattr(user, "_fazhi_scope", None)
    if cached is not None:
        return cached
    if user is None or not user.is_authenticated or not user.is_active:
        scope = Scope(False, frozenset(), frozenset(), frozenset())
    else:
        memberships = [m for m in user.memberships.select_related("org", "role") if m.role.is_active]
        reach = {m.pk: _reach_path(m.org, m.role.scope) for m in memberships}
        orgs = _org_paths()
        subtrees = _subtree_ids([p for p in reach.values() if p], orgs)
        grants = []
        for m in memberships:
            path = reach[m.pk]
            ids = subtrees[path] if path else {m.org_id}
            grants.append(Grant(tuple(m.role.capabilities), frozenset(ids), m.role.scope == DataScope.SELF))
        full = [g for g in grants if not g.own_records]
        scope = Scope(
            bool(user.is_superuser),
            frozenset().union(*(g.org_ids for g in full)),
            frozenset().union(*(g.org_ids for g in full if g.grants(WRITE))),
            frozenset(m.role_id for m in memberships),
            tuple(grants),
            frozenset(orgs),
        )
    if user is not None and user.is_authenticated:
        user._fazhi_scope = scope  # type: ignore[attr-defined]  # a per-request cache on the user object
    return scope


# -- capabilities -----------------------------------------------------------------------------------------------
def can(user: Viewer, org: Org | None, capability: str, *, record: object = None) -> bool:
    """Whether `user` holds `capability` at `org` (a role granting it reaches the org; with 数据范围 本人,
    only for `record`s the user created)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return True
    if org is None:
        return False
    if org.id in scope.ids(capability):
        return True
    return (
        record is not None
        and getattr(record, "created_by_id", None) == user.pk
        and org.id in scope.ids(capability, own_records=True)
    )


def require(
    user: Viewer, org: Org | None, capability: str, *, record: object = None, message: str | None = None
) -> None:
    """Raise PermissionDenied (with a Chinese message) unless `can(user, org, capability)`."""
    if not can(user, org, capability, record=record):
        raise PermissionDenied(
            message or f"无权{capability_label(capability)}（{getattr(org, 'name', '未指定单位')}）"
        )


def can_any(user: Viewer | None, capability: str) -> bool:
    """Whether the user holds `capability` in any org (menus and buttons that are not about one org)."""
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.ids(capability) or scope.ids(capability, own_records=True))


def orgs_with(user: Viewer | None, capability: str) -> QuerySet[Org]:
    """Orgs where the user holds `capability` (all orgs for a superuser)."""
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.all()
    return Org.objects.filter(id__in=scope.ids(capability))


# -- scopes -------------------------------------------------------------------------------------------------------
def org_filter(
    user: Viewer | None,
    *fields: str,
    write: bool = False,
    capability: str | None = None,
    owner: str | None = None,
) -> Q:
    """A Q that keeps rows whose org FK (any of `fields`, e.g. "org" or "respondent") is in scope: where the
    user holds `capability` (e.g. "reconsideration.view"), or any capability (no `capability`), or any
    writing one (`write=True`). Rows of 本人-scoped memberships are kept only if `owner` (e.g. "created_by")
    names the user."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    cap = WRITE if write else capability
    ids = scope.ids(cap)
    outside = scope.outside(cap)
    q = Q(pk__in=[])
    for name in fields:
        q |= _org_in(name, ids, outside)
    own = scope.ids(cap, own_records=True)
    if own and owner:
        mine = Q(pk__in=[])
        for name in fields:
            mine |= Q(**{f"{name}_id__in": sorted(own)})
        q |= mine & Q(**{owner: user})
    return q


def scope_pieces(
    user: Viewer | None, model: type[Model], *fields: str, capability: str | None = None
) -> list[Q] | None:
    """The rows of `org_filter(user, *fields, capability=...)` as disjoint pieces, for counting them
    (scoped_count): piece 1 keeps `fields[0]` in scope; piece 2 `fields[1]` in scope and not `fields[0]`; ...

    A list seen through several org columns (a ticket: the receiving hotline or the unit holding it) filters
    with an OR the database answers by reading every row the OR could match (PostgreSQL's bitmap OR, SQLite's
    scan or MULTI-INDEX OR), while each piece is one index range with the other columns checked in the index.
    None where counting the OR is as good: a superuser (no filter), a single column, or a column that leads
    none of `model`'s declared indexes (a piece would be a scan), or a scope of every org (the later pieces
    would read every row to find none: bench/hotline_list_speed.py, a city office)."""
    scope = scope_for(user)
    if scope.is_superuser or len(fields) < 2 or not scope.outside(capability):
        return None
    leading = {index.fields[0] for index in model._meta.indexes if index.fields}
    if not leading.issuperset(fields):
        return None
    return disjoint_pieces(fields, scope.ids(capability))


def disjoint_pieces(fields: tuple[str, ...], ids: frozenset[int]) -> list[Q]:
    """`fields[0] in ids`, `fields[1] in ids and not fields[0] in ids`, ...: disjoint, their union the OR."""
    pieces = []
    for i, name in enumerate(fields):
        piece = Q(**{f"{name}_id__in": sorted(ids)})
        for earlier in fields[:i]:
            piece &= ~Q(**{f"{earlier}_id__in": sorted(ids)})  # Django's negation keeps a NULL column's rows
        pieces.append(piece)
    return pieces


def scoped_count(qs: QuerySet[Any], pieces: list[Q], limit: int | None = None) -> int:
    """The rows of `qs` counted piece by piece and summed. `qs` must be narrowed by the org_filter that
    `pieces` split (scope_pieces, same user, columns and capability), so that each row lies in exactly one
    piece; other filters may come on top. With `limit`, counting stops once the sum passes it."""
    total = 0
    for piece in pieces:
        part = qs.filter(piece)
        total += part.count() if limit is None else part[: limit + 1 - total].count()
        if limit is not None and total > limit:
            break
    return total


#: on SQLite, a scope of more orgs than this share of the tree filters with NOT IN (see _org_in)
WIDE_SCOPE = 1 / 20


def _org_in(name: str, ids: frozenset[int], outside: frozenset[int]) -> Q:
    """`<name>_id IN ids`, written as `_not_outside` when the scope is wide and the database is SQLite.

    Both keep the same rows, but not for SQLite's query planner, which has no statistics. Over several org
    columns, `IN` makes it fetch every matching record through each column's index and sort them all
    (MULTI-INDEX OR): about 50 µs a record, seconds for a city or county office at 100k records. `NOT IN` is
    checked row by row while the page walks its date index and stops at the page's end, and a COUNT reads
    the table once (about 2 µs a record): cheaper as soon as the scope holds more than a few percent of the
    records. A unit's scope (one org, a few) keeps the index lookups. PostgreSQL weighs the OR with its
    statistics (bitmap OR for a county, a sequential scan for the city) and keeps `IN`."""
    wide = len(ids) > 1 and len(ids) >= WIDE_SCOPE * (len(ids) + len(outside))
    if wide and connection.vendor == "sqlite":
        return _not_outside(name, ids, outside)
    return Q(**{f"{name}_id__in": sorted(ids)})


def _not_outside(name: str, ids: frozenset[int], outside: frozenset[int]) -> Q:
    """The rows whose `<name>` org is in `ids`, said as: not NULL, not an org created after the scope was read
    (ids above every id then known), and not one of the orgs `outside`."""
    q = Q(**{f"{name}_id__isnull": False}) & ~Q(**{f"{name}_id__gt": max(ids | outside)})
    return q & ~Q(**{f"{name}_id__in": sorted(outside)}) if outside else q


def can_read(user: Viewer | None, *orgs: Org | None) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(o is not None and o.id in scope.read_ids for o in orgs)


def can_write(user: Viewer | None, *orgs: Org | None) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(o is not None and o.id in scope.write_ids for o in orgs)


def require_read(user: Viewer | None, *orgs: Org | None, message: str = "无权查看该单位的记录") -> None:
    if not can_read(user, *orgs):
        raise PermissionDenied(message)


def require_write(user: Viewer | None, *orgs: Org | None, message: str = "无权修改该单位的记录") -> None:
    if not can_write(user, *orgs):
        raise PermissionDenied(message)


def has_role(user: Viewer | None, *roles: str) -> bool:
    """Whether the user has one of the roles (codes). Code checks capabilities, not roles; kept for reports
    about who is who."""
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.roles & set(roles))


def visible_orgs(user: Viewer | None) -> QuerySet[Org]:
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.all()
    return Org.objects.filter(id__in=scope.read_ids)


def default_org(user: Actor) -> Org | None:
    """The top org the user sees: their highest membership org, or the root for a superuser."""
    from .models import Org

    scope = scope_for(user)
    if scope.is_superuser:
        return Org.objects.filter(parent__isnull=True).order_by("sort", "code").first()
    m = user.memberships.select_related("org").order_by("org__depth").first()
    return m.org if m else None
