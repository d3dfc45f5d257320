"""Enumerations of 重大行政决策 (重大行政决策程序暂行条例, 国务院令第713号; text in LawRefBook/Laws)."""

from django.db import models


class Category(models.TextChoices):
    """决策事项 (第三条第一款)."""

    POLICY = "policy", "重大公共政策和措施（公共服务、市场监管、社会管理、环境保护等）"  # (一)
    PLAN = "plan", "经济和社会发展等方面的重要规划"  # (二)
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"  # (三)
    PROJECT = "project", "重大公共建设项目"  # (四)
    OTHER = "other", "其他涉及重大公共利益或者社会公众切身利益的重大事项"  # (五)


class CatalogStatus(models.TextChoices):
    """决策事项目录 (第三条第三款): "确定决策事项目录、标准，经同级党委同意后向社会公布，并根据实际情况调整"."""

    DRAFT = "draft", "拟定中"
    APPROVED = "approved", "经同级党委同意"
    PUBLISHED = "published", "已向社会公布"


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "履行决策程序中"
    DECIDED = "decided", "已集体讨论决定"
    PUBLISHED = "published", "已公布"
    WITHDRAWN = "withdrawn", "已调出目录"


class Step(models.TextChoices):
    """The statutory steps, in the order of the 条例."""

    PUBLIC = "public", "公众参与"  # 第十四条至第十八条
    EXPERT = "expert", "专家论证"  # 第十九条至第二十一条
    RISK = "risk", "风险评估"  # 第二十二条至第二十四条
    LEGALITY = "legality", "合法性审查"  # 第二十五条至第二十八条
    DISCUSSION = "discussion", "集体讨论决定"  # 第二十九条、第三十条
    PUBLICATION = "publication", "决策公布"  # 第三十二条
    ARCHIVE = "archive", "归档"  # 第三十三条
    EVALUATION = "evaluation", "决策后评估"  # 第三十六条


class LegalityOpinion(models.TextChoices):
    """The opinion of the 合法性审查 (第二十八条); 第二十五条第二款: not reviewed or found unlawful → not discussed."""

    APPROVE = "approve", "合法（同意）"
    APPROVE_AMENDED = "approve_amended", "修改后合法（修改后同意）"
    UNLAWFUL = "unlawful", "不合法（不同意）"
    EXPLORATORY = "exploratory", "探索性改革事项，已明示法律风险"


ALLOWING_OPINIONS = frozenset(
    {LegalityOpinion.APPROVE, LegalityOpinion.APPROVE_AMENDED, LegalityOpinion.EXPLORATORY}
)


class Meeting(models.TextChoices):
    """第三十条第一款: "决策草案应当经决策机关常务会议或者全体会议讨论"."""

    EXECUTIVE = "executive", "常务会议"
    PLENARY = "plenary", "全体会议"


class EvaluationTrigger(models.TextChoices):
    """第三十六条第一款."""

    BELOW_EXPECTATION = "below", "实施后明显未达到预期效果"
    OBJECTIONS = "objections", "公民、法人或者其他组织提出较多意见"
    NECESSARY = "necessary", "决策机关认为有必要"


class EventKind(models.TextChoices):
    LISTED = "listed", "列入决策事项目录"
    PUBLIC = "public", "公开征求意见"
    HEARING = "hearing", "听证会"
    EXPERT = "expert", "专家论证"
    RISK = "risk", "风险评估"
    LEGALITY = "legality", "合法性审查"
    DECIDED = "decided", "集体讨论决定"
    PUBLISHED = "published", "决策公布"
    ARCHIVED = "archived", "归档"
    EVALUATED = "evaluated", "决策后评估"
    WITHDRAWN = "withdrawn", "调出目录"


class CommentStatus(models.TextChoices):
    """A public comment on a draft, moderated before publication (the office decides what is shown)."""

    PENDING = "pending", "待审核"
    PUBLISHED = "published", "公开"
    WITHHELD = "withheld", "不予公开"


class CommentChannel(models.TextChoices):
    """How a comment reached the office: the portal, or offline (a letter, an e-mail, a meeting's record), entered
    by the office one by one or by import."""

    PORTAL = "portal", "网上征求意见"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    MEETING = "meeting", "座谈会、听证会"
    VISIT = "visit", "当面提出"


class CommentAnswer(models.TextChoices):
    """The office's answer to a comment (第十八条: 对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见;
    第二十九条第二项: 社会公众提出的主要意见的研究采纳情况)."""

    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不采纳"


#: answers counted as adopted in the 采纳 figures (采纳 and 部分采纳)
ADOPTING_ANSWERS = frozenset({CommentAnswer.ADOPTED, CommentAnswer.PARTLY})
