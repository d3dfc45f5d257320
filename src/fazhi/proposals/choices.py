"""Enumerations of 人大代表建议 and 政协委员提案 handling (办理): the kinds, the answer classes (A/B/C) and the
proposer's satisfaction as 办理工作 rules commonly word them; the reply period is a local rule (a setting)."""

from django.db import models


class Kind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协委员提案"


class Status(models.TextChoices):
    ASSIGNED = "assigned", "办理中"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"


class Category(models.TextChoices):
    """办理结果分类 (A/B/C) as the written answer states it."""

    SOLVED = "a", "A类：所提问题已经解决或基本解决"
    PLANNED = "b", "B类：所提问题正在解决或已列入计划逐步解决"
    REFERENCE = "c", "C类：因条件限制或其他原因需要以后解决、留作参考"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class EventKind(models.TextChoices):
    ASSIGNED = "assigned", "交办"
    ANSWERED = "answered", "书面答复"
    FEEDBACK = "feedback", "代表委员反馈意见"
    CLOSED = "closed", "办结"
