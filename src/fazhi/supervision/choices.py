"""Enumerations of 督察 (inspections and the 问题台账), 考评 and 述法.

The 《法治政府建设与责任落实督察工作规定》 (中办国办 2019, in force 2019-04-15) is cited as a whole: it is not in
LawRefBook/Laws, so its article numbers are not verified against an official text (LAW.md §5). Its 第二条 names the
method these records serve, "坚持问题导向、真督实察、逐层传导、强化问责" (seen only in a third-party copy of the
新华社 text of 2019-05-06, [S]). It sets no period for 整改: the default is a per-jurisdiction setting
(supervision.rectify_days) and each problem carries the deadline the office gives it."""

from django.db import models


class InspectionKind(models.TextChoices):
    """督察方式 the office records (综合督察 of all duties, 专项督察 of one field, 实地督察 on site)."""

    COMPREHENSIVE = "comprehensive", "综合督察"
    SPECIAL = "special", "专项督察"
    ONSITE = "onsite", "实地督察"


class InspectionStatus(models.TextChoices):
    ONGOING = "ongoing", "督察中"
    CONCLUDED = "concluded", "已结束"


class ProblemSource(models.TextChoices):
    """Where a problem of the 问题台账 was found (issue 13: one pool for every source)."""

    INSPECTION = "inspection", "法治督察"
    CASE_REVIEW = "case_review", "案卷评查"
    FILING_REVIEW = "filing_review", "备案审查纠错"
    JUDICIAL = "judicial", "司法建议"
    PROCURATORIAL = "procuratorial", "检察建议"
    AUDIT = "audit", "审计发现"
    OTHER = "other", "其他"


class ProblemStatus(models.TextChoices):
    """待整改 → 整改中 → 申请销号 → 已销号 (the office closes it; or returns it, or reopens a closed one)."""

    PENDING = "pending", "待整改"
    RECTIFYING = "rectifying", "整改中"
    APPLIED = "applied", "申请销号"
    CLOSED = "closed", "已销号"


OPEN_PROBLEM_STATUSES = (ProblemStatus.PENDING, ProblemStatus.RECTIFYING)


class ProblemEventKind(models.TextChoices):
    FOUND = "found", "发现问题"
    PLANNED = "planned", "制定整改措施"
    PROGRESS = "progress", "报告整改进展"
    APPLIED = "applied", "申请销号"
    RETURNED = "returned", "退回整改"
    CLOSED = "closed", "销号"
    REOPENED = "reopened", "重新整改"


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", "评分中"
    PUBLISHED = "published", "已公布"


class ItemMethod(models.TextChoices):
    """How an item of the 考评细则 is scored."""

    INDICATOR = "indicator", "按指标自动计分"
    MANUAL = "manual", "评审打分"
    DEDUCTION = "deduction", "扣分项"
    BONUS = "bonus", "加分项"


class IndicatorOp(models.TextChoices):
    AT_LEAST = ">=", "不低于"
    AT_MOST = "<=", "不高于"


class Tier(models.TextChoices):
    """Peer groups of the ranking: governments with governments, departments with departments."""

    GOVERNMENT = "government", "县（市、区）政府"
    DEPARTMENT = "department", "部门"


class ShufaResult(models.TextChoices):
    """述法评议结果."""

    EXCELLENT = "excellent", "好"
    GOOD = "good", "较好"
    FAIR = "fair", "一般"
    POOR = "poor", "差"


class ShufaStatus(models.TextChoices):
    REPORTED = "reported", "已述法"
    REVIEWED = "reviewed", "已评议"


class ShufaEventKind(models.TextChoices):
    REPORTED = "reported", "述法"
    REVIEWED = "reviewed", "评议"


class InterviewStatus(models.TextChoices):
    """约谈: recorded when held; 已跟踪落实 once the office has recorded what the unit did after it."""

    HELD = "held", "已约谈"
    FOLLOWED = "followed", "已跟踪落实"


class InterviewEventKind(models.TextChoices):
    HELD = "held", "约谈"
    FOLLOWED = "followed", "跟踪落实"


class EvidenceStatus(models.TextChoices):
    """考评材料: submitted by the assessed unit, read by the assessors (审阅, with their note)."""

    SUBMITTED = "submitted", "已提交"
    REVIEWED = "reviewed", "已审阅"


class EvidenceEventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交材料"
    REVIEWED = "reviewed", "审阅"


class SchemeEventKind(models.TextChoices):
    CREATED = "created", "制定方案"
    ITEM = "item", "增加考评项目"
    SCORED = "scored", "评分"
    COMPUTED = "computed", "按指标计分"
    PUBLISHED = "published", "公布结果"
