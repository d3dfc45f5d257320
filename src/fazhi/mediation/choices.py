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


class OrgKind(models.TextChoices):
    """Mediation organisations. 人民调解法 第八条第一款: 村民委员会、居民委员会设立人民调解委员会，企业事业单位根据需要
    设立; 第三十四条: 乡镇、街道以及社会团体或者其他组织根据需要可以参照本法设立. 行政调解 and the court's 诉前调解
    are not committees under the act; 个人调解工作室 are set up under a committee (the catalog counts them too)."""

    VILLAGE = "village", "村（居）民委员会人民调解委员会"
    TOWNSHIP = "township", "乡镇（街道）人民调解委员会"
    ENTERPRISE = "enterprise", "企业事业单位人民调解委员会"
    INDUSTRY = "industry", "行业性、专业性人民调解委员会"
    STUDIO = "studio", "个人调解工作室"
    ADMINISTRATIVE = "administrative", "行政调解组织"
    COURT = "court", "诉前调解（法院特邀调解）组织"


#: the kinds that are 人民调解委员会, whose 委员 number three to nine (人民调解法 第八条第二款)
COMMITTEES = frozenset({OrgKind.VILLAGE, OrgKind.TOWNSHIP, OrgKind.ENTERPRISE, OrgKind.INDUSTRY})


class Post(models.TextChoices):
    FULL_TIME = "full_time", "专职"
    PART_TIME = "part_time", "兼职"


class Appointment(models.TextChoices):
    """人民调解法 第十三条: 人民调解员由人民调解委员会委员和人民调解委员会聘任的人员担任."""

    MEMBER = "member", "调解委员会委员"
    HIRED = "hired", "聘任调解员"
