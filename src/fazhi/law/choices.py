"""Statutory classifications used by several apps."""

from django.db import models


class ActType(models.TextChoices):
    """The kind of contested administrative act, a statutory classification shared by 行政复议 and 行政诉讼
    (复议法 第十一条 and 行政诉讼法 第十二条 list the reviewable acts)."""

    PENALTY = "penalty", "行政处罚"
    LICENSE = "license", "行政许可"
    COERCION = "coercion", "行政强制"
    EXPROPRIATION = "expropriation", "征收征用及补偿"
    CONFIRMATION = "confirmation", "行政确认"
    INACTION = "inaction", "不履行法定职责"
    DISCLOSURE = "disclosure", "政府信息公开"
    AGREEMENT = "agreement", "行政协议"
    OTHER = "other", "其他"
