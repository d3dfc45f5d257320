"""Enumerations of 依申请公开 (《中华人民共和国政府信息公开条例》2019). The answer and applicant classes are the rows
and columns of table 三 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作
年度报告格式》), so that the annual report's table is a count of these records."""

from django.db import models


class ApplicantClass(models.TextChoices):
    PERSON = "person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class Channel(models.TextChoices):
    """第三十一条: how the application arrived decides its day of receipt."""

    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄"
    ONLINE = "online", "互联网"
    FAX = "fax", "传真"


class Form(models.TextChoices):
    """第二十九条第二款第(三)项: the form of the information asked for."""

    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    INSPECT = "inspect", "查阅、抄录"


class Answer(models.TextChoices):
    """第三十六条、第三十七条 and the annual report's 办理结果 rows."""

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    SECRET = "secret", "不予公开：属于国家秘密"
    PROHIBITED = "prohibited", "不予公开：其他法律行政法规禁止公开"
    SECURITY = "security", "不予公开：危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "不予公开：保护第三方合法权益"
    INTERNAL = "internal", "不予公开：属于三类内部事务信息"
    PROCESS = "process", "不予公开：属于四类过程性信息"
    CASE_FILE = "case_file", "不予公开：属于行政执法案卷"
    QUERY = "query", "不予公开：属于行政查询事项"
    NOT_HELD = "not_held", "无法提供：本机关不掌握相关政府信息"
    NEEDS_MAKING = "needs_making", "无法提供：没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "无法提供：补正后申请内容仍不明确"
    PETITION = "petition", "不予处理：信访举报投诉类申请"
    REPEATED = "repeated", "不予处理：重复申请"
    PUBLICATION = "publication", "不予处理：要求提供公开出版物"
    EXCESSIVE = "excessive", "不予处理：无正当理由大量反复申请"
    CONFIRMATION = "confirmation", "不予处理：要求行政机关确认或重新出具已获取信息"
    NOT_CORRECTED = "not_corrected", "其他处理：申请人无正当理由逾期不补正，行政机关不再处理"
    FEE_UNPAID = "fee_unpaid", "其他处理：申请人逾期未按收费通知要求缴纳费用，行政机关不再处理"
    OTHER = "other", "其他处理：其他"


# The report's groups of rows: (group label, answers)
ANSWER_GROUPS = (
    ("（一）予以公开", (Answer.DISCLOSED,)),
    ("（二）部分公开", (Answer.PARTIAL,)),
    (
        "（三）不予公开",
        (
            Answer.SECRET,
            Answer.PROHIBITED,
            Answer.SECURITY,
            Answer.THIRD_PARTY,
            Answer.INTERNAL,
            Answer.PROCESS,
            Answer.CASE_FILE,
            Answer.QUERY,
        ),
    ),
    ("（四）无法提供", (Answer.NOT_HELD, Answer.NEEDS_MAKING, Answer.STILL_UNCLEAR)),
    (
        "（五）不予处理",
        (Answer.PETITION, Answer.REPEATED, Answer.PUBLICATION, Answer.EXCESSIVE, Answer.CONFIRMATION),
    ),
    ("（六）其他处理", (Answer.NOT_CORRECTED, Answer.FEE_UNPAID, Answer.OTHER)),
)
WITHHELD = ANSWER_GROUPS[2][1]
# Answers that end an application without a reply on its substance while it awaits 补正 (第三十条 "视为放弃申请").
WHILE_CORRECTING = frozenset({Answer.NOT_CORRECTED})


class Status(models.TextChoices):
    PENDING = "pending", "办理中"
    CORRECTING = "correcting", "待补正"
    CONSULTING = "consulting", "征求意见中"
    ANSWERED = "answered", "已答复"


class Outcome(models.TextChoices):
    """Table 四 of the annual report: the result of a 复议 or a suit about the answer."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class EventKind(models.TextChoices):
    RECEIVED = "received", "收到申请"
    CORRECTION = "correction", "告知补正"
    CORRECTED = "corrected", "收到补正的申请"
    CONSULT = "consult", "征求第三方（其他机关）意见"
    CONSULTED = "consulted", "收到意见"
    EXTENDED = "extended", "延长答复期限"
    ANSWERED = "answered", "答复"
    REVIEW = "review", "申请人申请行政复议"
    SUIT = "suit", "申请人提起行政诉讼"
