"""Enumerations of 12345 工单 (国办发〔2020〕53号 《关于进一步优化地方政务服务便民热线的指导意见》; 国办函〔2025〕66号
《关于进一步规范和提升12345热线服务的意见》; GB/T 33358-2016 政府热线服务规范; GB/T 39666-2020 政府热线服务分类与代码).

The 诉求分类 (category) is not here: offices differ on it, so it is the admin-editable dictionary (字典) "12345诉求分类"
(core.models.DictItem, category `CATEGORY_DICT`)."""

from django.db import models

#: the DictItem category of the 诉求分类 (GB/T 39666-style codes, edited by the office in the admin)
CATEGORY_DICT = "12345诉求分类"


class Channel(models.TextChoices):
    """受理渠道: 53号文 merges the hotlines into 12345 and its 电话、网站、APP、小程序、信箱 channels."""

    PHONE = "phone", "电话"
    WEB = "web", "网站"
    APP = "app", "手机客户端/小程序"
    MAILBOX = "mailbox", "市长信箱"
    OTHER = "other", "其他"


class RequestType(models.TextChoices):
    """诉求类型 (GB/T 39666-2020 政府热线服务分类与代码: 咨询、求助、投诉、举报、建议 …)."""

    CONSULT = "consult", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGESTION = "suggestion", "建议"


class Urgency(models.TextChoices):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "紧急"


class Status(models.TextChoices):
    """The closed loop of 53号文: "受理、调度、办理、回复、督办、办结、回访、评价"."""

    RECEIVED = "received", "待派单"
    DISPATCHED = "dispatched", "待签收"
    HANDLING = "handling", "办理中"
    BOUNCING = "bouncing", "退单待审核"
    REPLIED = "replied", "已回复"
    CLOSED = "closed", "已办结"
    MERGED = "merged", "已并单"


#: states in which a unit holds the ticket and its clock runs (督办, 待办期限)
OPEN_AT_UNIT = (Status.DISPATCHED, Status.HANDLING, Status.BOUNCING)


class Satisfaction(models.TextChoices):
    """回访满意度 (GB/T 33357 政府热线服务评价 style: 满意、基本满意、不满意)."""

    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    UNREACHABLE = "unreachable", "未能联系"


#: counted as satisfied in 满意率 (满意 + 基本满意)
SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASIC)
#: a 回访 that reached the caller: the denominator of 满意率
RATED = (Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.DISSATISFIED)


class Outcome(models.TextChoices):
    """How one unit's hold of a ticket (派单) ended."""

    HOLDING = "holding", "办理中"
    REPLIED = "replied", "已回复"
    RETURNED = "returned", "退单（审核通过）"
    WITHDRAWN = "withdrawn", "撤回（并单）"


class BounceKind(models.TextChoices):
    """国办函〔2025〕66号: 派单异议审核. Before 签收 a unit returns the ticket (退单); after it, it objects (派单异议)."""

    RETURN = "return", "退单"
    OBJECTION = "objection", "派单异议"


class EventKind(models.TextChoices):
    RECEIVED = "received", "受理"
    DISPATCHED = "dispatched", "派单"
    SIGNED = "signed", "签收"
    BOUNCED = "bounced", "退单/派单异议"
    BOUNCE_APPROVED = "bounce_ok", "退单审核通过"
    BOUNCE_REJECTED = "bounce_no", "退单审核不通过"
    REPLIED = "replied", "回复"
    SUPERVISED = "supervised", "督办"
    CLOSED = "closed", "办结"
    VISITED = "visited", "回访"
    MERGED = "merged", "并单"
