from django.db import models


class OrgKind(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
    UNIT = "unit", "单位"


JURISDICTION_KINDS = (OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY, OrgKind.TOWNSHIP)


class Role(models.TextChoices):
    """Roles and their data scope (数据范围), RuoYi-style."""

    ADMIN = "admin", "系统管理员"
    OFFICE = "office", "法治办"
    CLERK = "clerk", "部门填报员"
    REVIEWER = "reviewer", "复议/审核人员"
    LEADER = "leader", "领导"


# Roles that may change records in their scope; leaders only read.
WRITE_ROLES = frozenset({Role.ADMIN, Role.OFFICE, Role.REVIEWER, Role.CLERK})
# Roles whose scope is the whole subtree of the membership's org; a clerk sees only the own unit.
SUBTREE_ROLES = frozenset({Role.ADMIN, Role.OFFICE, Role.REVIEWER, Role.LEADER})
