"""Enumerations of the 行政规范性文件 register (国办发〔2018〕37号: 三统一, 备案, 清理; local 制定和备案 办法)."""

from django.db import models


class Status(models.TextChoices):
    """A document's life: registered (统一登记、统一编号) before it is issued, then in force until amended,
    repealed, declared void or expired (有效期届满)."""

    REGISTERED = "registered", "已登记待印发"
    IN_FORCE = "in_force", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    VOID = "void", "已宣布失效"
    EXPIRED = "expired", "有效期届满失效"


IN_FORCE_STATES = frozenset({Status.IN_FORCE})
ENDED_STATES = frozenset({Status.AMENDED, Status.REPEALED, Status.VOID, Status.EXPIRED})


class DocKind(models.TextChoices):
    """What the register holds: 行政规范性文件, and the 地方政府规章 of a jurisdiction that may make them
    (立法法 第九十三条第一款: 省、自治区、直辖市和设区的市、自治州的人民政府)."""

    NORMATIVE = "normative", "行政规范性文件"
    RULE = "rule", "地方政府规章"


class EffectiveException(models.TextChoices):
    """Why a 规章 takes effect within 30 days of publication: the cases of 规章制定程序条例 第三十二条 ("涉及国家安全、
    外汇汇率、货币政策的确定以及公布后不立即施行将有碍规章施行的，可以自公布之日起施行")."""

    NATIONAL_SECURITY = "security", "涉及国家安全"
    EXCHANGE_RATE = "exchange", "涉及外汇汇率"
    MONETARY_POLICY = "monetary", "涉及货币政策的确定"
    HINDRANCE = "hindrance", "公布后不立即施行将有碍规章施行"


class Filing(models.TextChoices):
    """Where a document is filed (备案): a government's own document with the 本级人大常委会 and the 上一级人民政府;
    a department's with the 本级人民政府 (LAW.md §4c). A 规章 (立法法 第一百零九条第（四）项) with the 国务院 and the
    本级人大常委会; a 设区的市's 规章 also with the 省、自治区 人大常委会 and 人民政府 (the 上一级人民政府)."""

    CONGRESS = "congress", "本级人大常委会"
    GOVERNMENT = "government", "上级（本级）人民政府"
    STATE_COUNCIL = "state_council", "国务院"
    PROVINCE_CONGRESS = "province_congress", "省、自治区人大常委会"


class ReviewResult(models.TextChoices):
    """备案审查 by the level the document was filed with: 有件必备、有备必审、有错必纠."""

    PASSED = "passed", "审查通过"
    CORRECTED = "corrected", "纠错（已纠正）"


class CleanupOutcome(models.TextChoices):
    """清理 of the documents in force: each is kept, amended, repealed or declared void."""

    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    VOID = "void", "宣布失效"


# The status a published clean-up result gives a document.
OUTCOME_STATUS = {
    CleanupOutcome.KEEP: Status.IN_FORCE,
    CleanupOutcome.AMEND: Status.AMENDED,
    CleanupOutcome.REPEAL: Status.REPEALED,
    CleanupOutcome.VOID: Status.VOID,
}


class CampaignStatus(models.TextChoices):
    OPEN = "open", "清理中"
    PUBLISHED = "published", "已公布结果"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "统一登记、编号"
    PUBLISHED = "published", "统一印发（公布）"
    FILED = "filed", "报送备案"
    REVIEWED = "reviewed", "备案审查"
    CLEANED = "cleaned", "清理"
    EXPIRED = "expired", "有效期届满"
