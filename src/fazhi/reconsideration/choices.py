"""Statutory enumerations of 行政复议 (复议法 2023). Each label is the statute's term."""

from django.db import models


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"  # 复议法 第四章第三节
    SIMPLIFIED = "simplified", "简易程序"  # 复议法 第五十三条


class Status(models.TextChoices):
    RECEIVED = "received", "待审查"
    CORRECTION = "correction", "补正中"
    REJECTED = "rejected", "不予受理"
    ABANDONED = "abandoned", "视为放弃"
    HEARING = "hearing", "审理中"
    SUSPENDED = "suspended", "中止"
    DECIDED = "decided", "已决定"
    CLOSED = "closed", "已结案"


OPEN_STATUSES = (Status.RECEIVED, Status.CORRECTION, Status.HEARING, Status.SUSPENDED)


class Decision(models.TextChoices):
    """复议决定 types, 复议法 第六十三条至第七十四条, and 第三十三条 (驳回申请) / 第四十一条 (终止)."""

    ALTER = "alter", "变更"  # 第六十三条
    REVOKE = "revoke", "撤销"  # 第六十四条
    CONFIRM_ILLEGAL = "confirm_illegal", "确认违法"  # 第六十五条
    ORDER_PERFORMANCE = "order_performance", "责令履行"  # 第六十六条
    CONFIRM_INVALID = "confirm_invalid", "确认无效"  # 第六十七条
    UPHOLD = "uphold", "维持"  # 第六十八条
    DISMISS_CLAIM = "dismiss_claim", "驳回复议请求"  # 第六十九条
    DISMISS_APPLICATION = "dismiss_application", "驳回申请"  # 第三十三条
    MEDIATION = "mediation", "调解书"  # 第七十三条
    TERMINATE = "terminate", "终止"  # 第四十一条


class TerminationReason(models.TextChoices):
    """复议法 第四十一条; 和解后撤回 (第七十四条) is reported as 和解."""

    SETTLED_WITHDRAWN = "settled_withdrawn", "达成和解撤回申请"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    NO_SUCCESSOR = "no_successor", "申请人死亡或终止且无承继人"
    CRIMINAL = "criminal", "因同一违法行为被采取刑事强制措施"
    SUSPENDED_60 = "suspended_60", "中止满六十日原因未消除"


# 纠错 (correction) in statistics: no primary source defines it (see LAW.md §1). The common practice counts
# 变更、撤销、确认违法、责令履行 and, since the 2023 revision, 确认无效 as 直接纠错. Offices may narrow or
# widen it with FAZHI_CORRECTION_DECISIONS.
DEFAULT_CORRECTION_DECISIONS = (
    Decision.ALTER,
    Decision.REVOKE,
    Decision.CONFIRM_ILLEGAL,
    Decision.ORDER_PERFORMANCE,
    Decision.CONFIRM_INVALID,
)


class HearingKind(models.TextChoices):
    OPINION = "opinion", "听取意见"  # 第四十九条
    HEARING = "hearing", "听证"  # 第五十条
    WRITTEN = "written", "书面审理"


class EventKind(models.TextChoices):
    RECEIVED = "received", "收到申请"
    CORRECTION_REQUESTED = "correction_requested", "通知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正材料"
    ABANDONED = "abandoned", "逾期未补正，视为放弃"
    ACCEPTED = "accepted", "受理"
    REJECTED = "rejected", "不予受理"
    COPY_SERVED = "copy_served", "被申请人收到申请书副本"
    REPLIED = "replied", "被申请人提交答复"
    HEARD = "heard", "听取意见/听证"
    PROCEDURE_CHANGED = "procedure_changed", "简易程序转普通程序"
    SUSPENDED = "suspended", "中止"
    RESUMED = "resumed", "恢复审理"
    EXTENDED = "extended", "延期"
    DECIDED = "decided", "作出决定"
    CLOSED = "closed", "结案"
    NOTE = "note", "备注"


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL = "legal", "法人"
    OTHER_ORG = "other_org", "其他组织"
