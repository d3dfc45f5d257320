"""Enumerations of 矛盾纠纷排查调处 (人民调解法 2010; 民事诉讼法 2023 第二百零五条)."""

from django.db import models


class Channel(models.TextChoices):
    """Which mediation the dispute went to (信访工作条例 第三十七条: 人民调解、行政调解、司法调解联动)."""

    PEOPLE = "people", "人民调解"  # 人民调解法 第二条
    ADMINISTRATIVE = "administrative", "行政调解"
    PRE_LITIGATION = "pre_litigation", "诉前调解"  # 人民调解法 第十八条; 民事诉讼法 第二百零五条第一项


class Source(models.TextChoices):
    """How the dispute came in (人民调解法 第十七条: 当事人申请 or 主动调解; 第十八条: 法院、公安告知/委派)."""

    SWEEP = "sweep", "排查发现"
    APPLICATION = "application", "当事人申请"
    HOTLINE = "hotline", "12345转办"
    PETITION = "petition", "信访转办"
    COURT = "court", "法院委派"
    POLICE = "police", "公安移交"


class DisputeKind(models.TextChoices):
    FAMILY = "family", "婚姻家庭"
    NEIGHBOR = "neighbor", "邻里纠纷"
    LAND = "land", "土地承包、宅基地"
    LABOR = "labor", "劳动争议"
    CONTRACT = "contract", "合同纠纷"
    DAMAGES = "damages", "损害赔偿"
    PROPERTY = "property", "物业纠纷"
    TRAFFIC = "traffic", "道路交通事故"
    MEDICAL = "medical", "医疗纠纷"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    MEDIATING = "mediating", "调解中"
    RESOLVED = "resolved", "调解成功"
    FAILED = "failed", "调解不成"


class Outcome(models.TextChoices):
    """人民调解法 第二十八条 (书面协议 / 口头协议), 第二十六条 (调解不成, 告知其他途径)."""

    WRITTEN = "written", "达成书面调解协议"
    ORAL = "oral", "达成口头协议"
    FAILED = "failed", "调解不成"


SUCCESS = frozenset({Outcome.WRITTEN, Outcome.ORAL})


class Confirmation(models.TextChoices):
    """民事诉讼法 第二百零六条: 裁定调解协议有效 / 裁定驳回申请."""

    VALID = "valid", "裁定调解协议有效"
    REJECTED = "rejected", "裁定驳回申请"


class Performance(models.TextChoices):
    """人民调解法 第三十一条第二款: the committee supervises performance of the agreement."""

    DONE = "done", "已履行"
    PARTIAL = "partial", "部分履行"
    NOT_DONE = "not_done", "未履行"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记纠纷"
    SESSION = "session", "调解"
    CONCLUDED = "concluded", "调解终结"
    APPLIED = "applied", "申请司法确认"
    CONFIRMED = "confirmed", "司法确认结果"
    FOLLOW_UP = "follow_up", "回访"
