from django.db import models


class OrgKind(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
    UNIT = "unit", "单位"


JURISDICTION_KINDS = (OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY, OrgKind.TOWNSHIP)


class Role(models.TextChoices):
    """The codes of the built-in roles. Roles are data (core.models.Role: capabilities + 数据范围, created from
    core.capabilities.BUILTIN_ROLES); code checks capabilities, never these codes."""

    ADMIN = "admin", "系统管理员"
    OFFICE = "office", "法治办"
    CLERK = "clerk", "部门填报员"
    REVIEWER = "reviewer", "复议/审核人员"
    LEADER = "leader", "领导"
