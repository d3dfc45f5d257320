"""Enumerations of the work plan (工作要点) and its tasks. None is statutory: the plan is the office's own
instrument, and its tasks, deadlines and targets are the plan's own words."""

from django.db import models


class Status(models.TextChoices):
    """A unit's share of a task (任务分工). 逾期 is not stored: it is an open task past its deadline."""

    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已采纳"
    RETURNED = "returned", "已退回"


class Recurrence(models.TextChoices):
    NONE = "", "一次性"
    YEARLY = "yearly", "每年"
    HALFYEARLY = "halfyearly", "每半年"
    QUARTERLY = "quarterly", "每季度"
    MONTHLY = "monthly", "每月"


class Op(models.TextChoices):
    """How a target compares its figure with its value (cmp: with another figure, checked by hand)."""

    GTE = ">=", "不低于"
    GT = ">", "高于"
    LTE = "<=", "不高于"
    LT = "<", "低于"
    EQ = "=", "等于"
    CMP = "cmp", "对比其他指标"


class EventKind(models.TextChoices):
    ASSIGNED = "assigned", "分解下达"
    REPORTED = "reported", "报送进展"
    ACCEPTED = "accepted", "审核采纳"
    RETURNED = "returned", "退回"
    URGED = "urged", "督办"
    ESCALATED = "escalated", "再次督办"
    DONE = "done", "完成"
