from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import Channel, Confirmation, DisputeKind, EventKind, Outcome, Performance, Source, Status


class Dispute(OrgRecord):
    """A dispute (矛盾纠纷) found by 排查 or brought by a party, and its mediation (调处).

    `org` is the jurisdiction whose office counts it; `unit` the mediating org (a township's or village's 人民调解
    委员会, a department for 行政调解, the court-attached committee for 诉前调解), which sees its own disputes."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="调处单位")
    number = models.CharField("编号", max_length=60, unique=True)
    channel = models.CharField("调解类别", max_length=20, choices=Channel.choices, default=Channel.PEOPLE)
    committee = models.CharField("调解组织", max_length=100, help_text="如 某某村人民调解委员会")
    mediator = models.CharField("调解员", max_length=60, blank=True)
    source = models.CharField("纠纷来源", max_length=20, choices=Source.choices)
    kind = models.CharField("纠纷类型", max_length=20, choices=DisputeKind.choices)
    parties = models.CharField("当事人", max_length=200, help_text="各方当事人，用顿号分隔")
    summary = models.CharField("纠纷简要情况", max_length=500)
    received_on = models.DateField("登记日期")
    handling_due = models.DateField("调结期限", null=True, blank=True, editable=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.MEDIATING)
    sessions = models.PositiveSmallIntegerField("调解次数", default=0, editable=False)
    outcome = models.CharField("调解结果", max_length=10, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("调解终结日期", null=True, blank=True)
    agreement = models.CharField("协议内容", max_length=500, blank=True)
    agreement_effective_on = models.DateField("协议生效日期", null=True, blank=True)
    routes_told = models.BooleanField("已告知其他救济途径", default=False)
    confirmation_due = models.DateField("司法确认申请期限", null=True, blank=True, editable=False)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理法院", max_length=100, blank=True)
    confirmation = models.CharField("司法确认结果", max_length=10, choices=Confirmation.choices, blank=True)
    confirmed_on = models.DateField("司法确认裁定日期", null=True, blank=True)
    followed_up_on = models.DateField("回访日期", null=True, blank=True)
    performance = models.CharField("履行情况", max_length=10, choices=Performance.choices, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("received_on")),
                name="mediation_concluded_after_received",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "received_on", "id"], name="med_org_received"),
            models.Index(fields=["unit", "received_on", "id"], name="med_unit_received"),
            models.Index(fields=["received_on", "id"], name="med_received"),
            models.Index(fields=["org", "concluded_on", "status"], name="med_org_concluded"),
            models.Index(fields=["org", "confirmed_on"], name="med_org_confirmed"),
            models.Index(fields=["handling_due"], name="med_handling_due", condition=Q(status="mediating")),
        ]

    def __str__(self) -> str:
        return self.number


class DisputeEvent(TimelineEvent):
    case = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "调处过程"
        verbose_name_plural = "调处过程"
