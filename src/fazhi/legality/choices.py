"""Enumerations of 合法性审核 and of the 法律顾问/公职律师 register.

重大行政决策程序暂行条例 (国务院令第713号) 第二十五条至第二十八条; 国务院办公厅关于全面推行行政规范性文件合法性
审核机制的指导意见 (国办发〔2018〕115号); 法治政府建设实施纲要 (2021—2025年) on 行政协议 and 重大执法决定法制审核."""

from django.db import models


class SubjectKind(models.TextChoices):
    """What is reviewed. Another app's record (a 规范性文件 or a 重大行政决策) is linked by `subject_ref`, free text."""

    NORMATIVE = "normative", "行政规范性文件草案"  # 国办发〔2018〕115号
    DECISION = "decision", "重大行政决策草案"  # 决策条例 第二十五条
    CONTRACT = "contract", "行政协议、重大合同"
    ENFORCEMENT = "enforcement", "重大行政执法决定"  # 行政处罚法 第五十八条
    OTHER = "other", "其他涉法事务"


class Status(models.TextChoices):
    RECEIVED = "received", "已收件"
    REVIEWING = "reviewing", "审核中"
    RETURNED = "returned", "退回补充材料"  # 决策条例 第二十六条第一款
    OPINION = "opinion", "已出具意见"  # 第二十八条
    CLOSED = "closed", "已办结"


OPEN_STATUSES = (Status.RECEIVED, Status.REVIEWING)


class Opinion(models.TextChoices):
    """The review's conclusion. 决策条例 第二十五条第二款: a draft found unlawful may not go to the decision organ."""

    AGREE = "agree", "同意"
    AGREE_REVISED = "agree_revised", "修改后同意"
    DISAGREE = "disagree", "不同意"


# Conclusions that let the draft go on (to discussion, issue or signature).
ALLOWING_OPINIONS = frozenset({Opinion.AGREE, Opinion.AGREE_REVISED})


class CounselKind(models.TextChoices):
    """党政机关法律顾问 (external, under contract) and 公职律师 (internal, with a certificate)."""

    ADVISER = "adviser", "法律顾问"
    PUBLIC_LAWYER = "public_lawyer", "公职律师"


class CounselStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    ENDED = "ended", "已离任"


class EventKind(models.TextChoices):
    RECEIVED = "received", "收件"
    STARTED = "started", "开始审核"
    RETURNED = "returned", "退回补充材料"
    RESUBMITTED = "resubmitted", "补充材料后重新送审"
    NEW_DRAFT = "new_draft", "上传新版本草案"
    COUNSEL = "counsel", "法律顾问、公职律师提出意见"
    OPINION = "opinion", "出具审核意见"
    CLOSED = "closed", "办结"


class CounselEventKind(models.TextChoices):
    REGISTERED = "registered", "聘任（登记）"
    RENEWED = "renewed", "续聘"
    ENDED = "ended", "离任（解聘）"
