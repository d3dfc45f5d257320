"""Enumerations of 信访 (信访工作条例, 2022)."""

from django.db import models


class Channel(models.TextChoices):
    """第十七条: 信息网络、书信、电话、传真、走访; 第十八条第二款: 领导干部接访."""

    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    ONLINE = "online", "网上信访"
    PHONE = "phone", "来电"
    LEADER = "leader", "领导接访"


VISITS = frozenset({Channel.VISIT, Channel.LEADER})


class Category(models.TextChoices):
    """第二十九条至第三十一条."""

    SUGGESTION = "suggestion", "建议意见类"  # 第二十九条
    ACCUSATION = "accusation", "检举控告类"  # 第三十条
    CLAIM = "claim", "申诉求决类"  # 第三十一条


class Route(models.TextChoices):
    """Where a matter that belongs to a legal procedure goes (诉访分离: 第二十八条第二款, 第三十一条第一至五项,
    第二十二条第二款)."""

    LITIGATION = "litigation", "诉讼程序（政法部门依法处理）"  # 第三十一条第一项
    RECONSIDERATION = "reconsideration", "行政复议"  # 第三十一条第四项
    ARBITRATION = "arbitration", "仲裁"  # 第三十一条第二项
    DISCIPLINE = "discipline", "纪检监察机关"  # 第二十二条第二款、第三十条
    ADMINISTRATIVE = "administrative", "行政裁决、确认、许可、处罚等行政程序"  # 第三十一条第四项
    PARTY = "party", "党员申诉、申请复审"  # 第三十一条第三项
    ELSEWHERE = "elsewhere", "不属本机关职权，告知向有权机关提出"  # 第二十三条第一款


class Answer(models.TextChoices):
    """信访处理意见书 (第三十二条)."""

    SUPPORT = "support", "予以支持"
    EXPLAIN = "explain", "解释说明"
    REJECT = "reject", "不予支持"


class Opinion(models.TextChoices):
    UPHOLD = "uphold", "维持原处理意见"
    CHANGE = "change", "变更原处理意见"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    HANDLING = "handling", "办理中"
    ROUTED = "routed", "已导入法定途径"
    ANSWERED = "answered", "已答复"
    REVIEWING = "reviewing", "复查中"
    REVIEWED = "reviewed", "已复查"
    RECHECKING = "rechecking", "复核中"
    CLOSED = "closed", "复核终结"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    ACCEPTED = "accepted", "受理并告知"
    ROUTED = "routed", "诉访分离"
    LINKED = "linked", "关联复议、诉讼案件"
    EXTENDED = "extended", "延长办理期限"
    ANSWERED = "answered", "书面答复"
    REVIEW_REQUESTED = "review_requested", "请求复查"
    REVIEWED = "reviewed", "复查意见"
    RECHECK_REQUESTED = "recheck_requested", "请求复核"
    RECHECKED = "rechecked", "复核意见"


#: the routes whose case may be in Fazhi (信访工作条例 第三十一条第一项、第四项): 行政复议 and 诉讼
LINKABLE = frozenset({Route.RECONSIDERATION, Route.LITIGATION})
