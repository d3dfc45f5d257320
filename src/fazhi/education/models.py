from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import AttendeeRole, EventKind, SessionKind, Status


class StudySession(OrgRecord):
    """One study session of leaders and staff (会前学法, 集中学法, 法治专题讲座, 旁听庭审, 法治培训, 学法用法考试),
    held by a unit (`unit`) of a jurisdiction (`org`), with its named attendees (Attendance)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    kind = models.CharField("形式", max_length=16, choices=SessionKind.choices)
    title = models.CharField("主题", max_length=200)
    held_on = models.DateField("举办日期")
    laws = models.CharField("学习的法律法规", max_length=300, blank=True)
    meeting = models.CharField("会议名称", max_length=120, blank=True, help_text="会前学法：哪次会议")
    speaker = models.CharField("主讲人（讲法人）", max_length=100, blank=True)
    head_lectured = models.BooleanField("主要负责人讲法", default=False)
    place = models.CharField("地点", max_length=120, blank=True)
    court = models.CharField("旁听法院", max_length=100, blank=True)
    court_case = models.CharField("旁听案件", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.HELD)
    attendee_count = models.PositiveIntegerField("参加人数", default=0, editable=False)
    passed_count = models.PositiveIntegerField("考试合格人数", default=0, editable=False)
    # version, created_at, created_by: core.records.OrgRecord
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["org", "held_on", "id"], name="edu_org_held"),
            models.Index(fields=["unit", "held_on", "id"], name="edu_unit_held"),
            models.Index(fields=["held_on", "id"], name="edu_held"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Attendance(models.Model):
    """A named person at a study session (a member of Fazhi or a free name), and their exam result, so that each
    leader's study record (述法) can be read from the sessions."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="系统用户",
    )
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职务", max_length=60, blank=True)
    role = models.CharField(
        "角色", max_length=10, choices=AttendeeRole.choices, default=AttendeeRole.ATTENDEE
    )
    score = models.DecimalField("考试成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("考试合格", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "参加人员"
        verbose_name_plural = "参加人员"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "name"], name="education_attendance_unique_name"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="education_attendance_score_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StudyListItem(OrgRecord):
    """An entry of the year's 学法清单 (领导干部应知应会党内法规和国家法律清单): which law, for whom."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="制定单位")
    year = models.PositiveSmallIntegerField("年度")
    law = models.CharField("法律法规名称", max_length=200)
    audience = models.CharField("适用对象", max_length=120, default="全体领导干部")
    note = models.CharField("学习要求", max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "学法清单条目"
        verbose_name_plural = "学法清单"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "law", "audience"], name="education_list_unique_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.law}"


class StudyEvent(TimelineEvent):
    """One step of a study session's record."""

    case = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "学法活动记录"
        verbose_name_plural = "学法活动记录"
