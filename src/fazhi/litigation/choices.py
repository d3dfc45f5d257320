"""Enumerations of 行政应诉 (行政诉讼法 2017; 最高人民法院关于行政机关负责人出庭应诉若干问题的规定 法释〔2020〕3号)."""

from django.db import models


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class Status(models.TextChoices):
    PENDING = "pending", "审理中"
    JUDGED = "judged", "已判决/裁定"
    CLOSED = "closed", "已结案"


class Result(models.TextChoices):
    """Outcome of the instance (行政诉讼法 第六十九条至第七十八条; 撤诉 第六十二条)."""

    DISMISS_CLAIM = "dismiss_claim", "驳回诉讼请求"  # 第六十九条
    REVOKE = "revoke", "撤销"  # 第七十条
    ORDER_PERFORMANCE = "order_performance", "责令履行"  # 第七十二条、第七十三条
    CONFIRM_ILLEGAL = "confirm_illegal", "确认违法"  # 第七十四条
    CONFIRM_INVALID = "confirm_invalid", "确认无效"  # 第七十五条
    ALTER = "alter", "变更"  # 第七十七条
    DISMISS_SUIT = "dismiss_suit", "裁定驳回起诉"
    WITHDRAWN = "withdrawn", "原告撤诉"  # 第六十二条
    MEDIATED = "mediated", "调解结案"  # 第六十条
    UPHOLD_APPEAL = "uphold_appeal", "驳回上诉、维持原判"
    REVERSED_APPEAL = "reversed_appeal", "二审改判/发回（机关败诉）"


# Outcomes in which the administrative organ loses (败诉).
LOSS_RESULTS = frozenset(
    {
        Result.REVOKE,
        Result.ORDER_PERFORMANCE,
        Result.CONFIRM_ILLEGAL,
        Result.CONFIRM_INVALID,
        Result.ALTER,
        Result.REVERSED_APPEAL,
    }
)


class Appearance(models.TextChoices):
    """Who appeared for the defendant organ at a hearing.

    行政诉讼法 第三条第三款: "被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托行政机关相应的工作人员出庭。"
    法释〔2020〕3号 第二条: 负责人 = 正职、副职 and other 分管 leaders; 适用解释 第一百二十八条: "不得仅委托律师出庭"."""

    HEAD = "head", "负责人（正职）出庭"
    DEPUTY = "deputy", "负责人（副职/分管）出庭"
    STAFF = "staff", "委托工作人员出庭"
    LAWYER_ONLY = "lawyer_only", "仅委托律师出庭"
    ABSENT = "absent", "未出庭"


HEAD_APPEARANCES = frozenset({Appearance.HEAD, Appearance.DEPUTY})


class EventKind(models.TextChoices):
    REGISTERED = "registered", "收到起诉状副本"
    ANSWERED = "answered", "提交答辩状及证据"
    HEARING = "hearing", "开庭"
    JUDGED = "judged", "判决/裁定"
    APPEALED = "appealed", "上诉"
    CLOSED = "closed", "结案"
