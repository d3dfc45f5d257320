"""Enumerations of 行政执法监督 (行政处罚法 2021; 行政强制法; 国办发〔2018〕118号 三项制度)."""

from django.db import models


class PowerType(models.TextChoices):
    """The ten power types of a 权责清单 (the kinds of 执法 a case of the ledger is)."""

    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


# Kinds whose acts two certified officers must carry out: 行政处罚法 第四十二条第一款 ("执法人员不得少于两人");
# 行政强制法 第十八条第（二）项 ("由两名以上行政执法人员实施").
TWO_OFFICER_KINDS = frozenset({PowerType.PENALTY, PowerType.COERCION})
# Decisions published within 7 working days (许可、处罚); the others within 20 (国办发〔2018〕118号).
PUBLISH_7_KINDS = frozenset({PowerType.PENALTY, PowerType.LICENSE})


class Status(models.TextChoices):
    FILED = "filed", "办理中"
    DECIDED = "decided", "已决定"
    CLOSED = "closed", "已结案"


class Leniency(models.TextChoices):
    """How the law's leniency was applied (the 两轻一免 list: 不予处罚、减轻、从轻)."""

    NONE = "", "未适用"
    NO_PENALTY = "no_penalty", "轻微不罚"  # 第三十三条第一款前段: 违法行为轻微并及时改正，没有造成危害后果的
    FIRST_OFFENSE = "first_offense", "首违不罚"  # 第三十三条第一款后段: 初次违法且危害后果轻微并及时改正的
    NO_FAULT = "no_fault", "无主观过错不罚"  # 第三十三条第二款
    MITIGATED = "mitigated", "减轻处罚"  # 第三十二条
    LIGHTER = "lighter", "从轻处罚"  # 第三十二条


NO_PENALTY_LENIENCY = frozenset({Leniency.NO_PENALTY, Leniency.FIRST_OFFENSE, Leniency.NO_FAULT})


class CertStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class EventKind(models.TextChoices):
    FILED = "filed", "立案"
    REVIEWED = "reviewed", "法制审核"
    DECIDED = "decided", "作出决定"
    PUBLISHED = "published", "公示"
    CLOSED = "closed", "结案"


class Implementer(models.TextChoices):
    """Who exercises a power item (实施主体): the unit itself, or an organisation it entrusts (受委托组织,
    行政处罚法 第二十条: 委托符合第二十一条规定条件的组织实施行政处罚)."""

    UNIT = "unit", "本单位"
    ENTRUSTED = "entrusted", "受委托组织"


class PowerStatus(models.TextChoices):
    CURRENT = "current", "现行"
    REMOVED = "removed", "已取消"


class PowerChange(models.TextChoices):
    """A change of a 权责清单 (动态调整), each made by a document."""

    ADDED = "added", "新增"
    CHANGED = "changed", "变更"
    REMOVED = "removed", "取消"


# The power types a unit is expected to exercise: an item of these types with no case in 12 months is 零执法.
ZERO_ENFORCEMENT_TYPES = frozenset({PowerType.PENALTY, PowerType.INSPECTION, PowerType.COERCION})


class WarningKind(models.TextChoices):
    """Kinds of 执法监督预警 (scan in warnings.py). `REMEDIABLE` kinds describe a state the unit can still put right
    (the scan closes them itself once it is); the others a breach that happened, which stays open until the unit
    explains it."""

    DECISION_OVERDUE = "decision_overdue", "处罚决定超期"  # 行政处罚法 第六十条
    UNCERTIFIED_OFFICER = "uncertified_officer", "无有效执法证执法"  # 第四十二条
    PUBLISH_LATE = "publish_late", "执法决定未按时公示"  # 国办发〔2018〕118号
    MAJOR_NO_REVIEW = "major_no_review", "重大执法决定未经法制审核"  # 第五十八条
    JUMP = "jump", "执法数据异常波动"  # house rule (warnings.JUMP_RULE)
    ZERO_ENFORCEMENT = "zero_enforcement", "零执法事项"  # 权责清单事项12个月无案件
    CERT_EXPIRING = "cert_expiring", "执法证即将到期"
    TRAINING_SHORT = "training_short", "培训学时不足"


REMEDIABLE_WARNINGS = frozenset(
    {WarningKind.CERT_EXPIRING, WarningKind.TRAINING_SHORT, WarningKind.ZERO_ENFORCEMENT}
)


class WarningState(models.TextChoices):
    OPEN = "open", "待说明"
    CLOSED = "closed", "已关闭"


class RectifyStatus(models.TextChoices):
    """案卷评查整改: the unit rectifies and replies (待整改 → 待销号); the office accepts it (销号) or returns it."""

    OPEN = "open", "待整改"
    REPLIED = "replied", "待销号"
    CLOSED = "closed", "已销号"
