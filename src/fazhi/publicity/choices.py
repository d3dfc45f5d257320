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


class SiteKind(models.TextChoices):
    """Forms of 法治文化阵地 (八五普法规划: 法治文化阵地建设; 《关于加强社会主义法治文化建设的意见》)."""

    PARK = "park", "法治公园"
    SQUARE = "square", "法治广场"
    CORRIDOR = "corridor", "法治长廊"
    WALL = "wall", "法治文化墙"
    BOARD = "board", "法治宣传栏"
    LIBRARY = "library", "法律图书室（角）"
    BASE = "base", "法治教育基地（展馆）"
    OTHER = "other", "其他法治文化阵地"


class SiteStatus(models.TextChoices):
    IN_USE = "in_use", "在用"
    CLOSED = "closed", "已撤除"


class VillageLevel(models.TextChoices):
    """The level that named a 民主法治示范村（社区）."""

    NATIONAL = "national", "全国"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class VillageStatus(models.TextChoices):
    NAMED = "named", "有效"
    REVOKED = "revoked", "已撤销命名"


class ReviewResult(models.TextChoices):
    """复核 of a named village (动态管理: 复核不合格的限期整改，整改不到位的撤销命名)."""

    PASSED = "passed", "复核合格"
    RECTIFY = "rectify", "限期整改"
    REVOKED = "revoked", "撤销命名"


class LiterateStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    LEFT = "left", "已退出"
