from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import Category, EventKind, Kind, Satisfaction, Status


class Proposal(OrgRecord):
    """A 人大代表建议 or 政协委员提案 assigned (交办) to a lead unit (`unit`, 主办单位) of a jurisdiction (`org`), with its
    co-units (协办单位), reply due (a local rule: `proposals.reply_months`), written answer and the proposer's
    satisfaction."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="主办单位")
    co_units = models.CharField("协办单位", max_length=300, blank=True)
    kind = models.CharField("类别", max_length=8, choices=Kind.choices)
    number = models.CharField("建议（提案）号", max_length=40)
    session = models.CharField("届次会议", max_length=60, help_text="如 市十七届人大三次会议")
    title = models.CharField("标题", max_length=200)
    proposer = models.CharField("领衔代表（委员）", max_length=100)
    assigned_on = models.DateField("交办日期")
    due_on = models.DateField("答复期限", editable=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    category = models.CharField("办理结果", max_length=2, choices=Category.choices, blank=True)
    on_time = models.BooleanField("按期答复", null=True, editable=False)
    satisfaction = models.CharField("代表委员意见", max_length=14, choices=Satisfaction.choices, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "kind", "session", "number"], name="proposals_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("assigned_on")),
                name="proposals_answered_after_assigned",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "assigned_on", "id"], name="prop_org_assigned"),
            models.Index(fields=["unit", "assigned_on", "id"], name="prop_unit_assigned"),
            models.Index(fields=["assigned_on", "id"], name="prop_assigned"),
            models.Index(fields=["org", "answered_on"], name="prop_org_answered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}第{self.number}号"


class ProposalEvent(TimelineEvent):
    case = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "办理过程"
        verbose_name_plural = "办理过程"
