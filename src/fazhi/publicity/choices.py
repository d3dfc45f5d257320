"""Enumerations of 普法: the kinds of 普法 activity (《关于实行国家机关"谁执法谁普法"普法责任制的意见》; 八五普法规划)."""

from django.db import models


class ActivityKind(models.TextChoices):
    LECTURE = "lecture", "普法宣讲、法治讲座"
    CAMPAIGN = "campaign", "集中宣传（宪法宣传周、民法典宣传月等）"
    OUTREACH = "outreach", "“法律进机关、进乡村、进社区、进学校、进企业、进单位”"
    CASE_TEACHING = "case_teaching", "以案释法"
    CULTURE = "culture", "法治文化活动"
    CONSULTATION = "consultation", "法律咨询"
    ONLINE = "online", "新媒体普法"


class Status(models.TextChoices):
    HELD = "held", "已开展"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记普法活动"
    MEDIA = "media", "登记宣传报道"
