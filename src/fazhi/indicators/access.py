"""Who manages the figures of an org: its 统计填报 forms and reviews, its targets (指标目标) and the publication of its
year (年度数据发布), all under the capability `collection.manage`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fazhi.core.models import Org
from fazhi.core.permissions import can, orgs_with


def can_manage(user, org: Org) -> bool:
    """Who holds `collection.manage` at `org` (built in: office staff (法治办) and administrators of `org` or of
    a jurisdiction above it) manages its forms, reviews, targets and period locks."""
    return can(user, org, "collection.manage")


def require_manage(user, org: Org, message: str = "只有本级或上级法治办可以进行该操作") -> None:
    if not can_manage(user, org):
        raise PermissionDenied(message)


def managed_orgs(user) -> QuerySet[Org]:
    """Orgs whose forms, targets and locks the user manages."""
    return orgs_with(user, "collection.manage")


def manages_any(user) -> bool:
    return managed_orgs(user).exists()


def home_jurisdiction(user) -> Org | None:
    """The highest jurisdiction the user manages: the default of the org selects."""
    return managed_orgs(user).exclude(kind="unit").order_by("depth", "path").first()
