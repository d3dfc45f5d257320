from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    BounceKind,
    Channel,
    EventKind,
    Outcome,
    RequestType,
    Satisfaction,
    Status,
    Urgency,
)


class Ticket(OrgRecord):
    """A 12345 工单: one request of a citizen or a business taken by the jurisdiction's hotline (受理), dispatched to
    a unit (派单), handled, answered, closed by the hotline office (办结) and followed up (回访).

    `org` is the jurisdiction whose hotline took it; `unit` the unit that holds it now (the clock of its current
    派单 is `due_on`). The table is the high-volume one (about a million rows a year for a city): every list
    and figure reads it through the indexes below."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    number = models.CharField("工单编号", max_length=40)
    channel = models.CharField("受理渠道", max_length=10, choices=Channel.choices, default=Channel.PHONE)
    request_type = models.CharField(
        "诉求类型", max_length=12, choices=RequestType.choices, default=RequestType.HELP
    )
    category = models.CharField("诉求分类", max_length=40, help_text="字典：12345诉求分类（编码）")
    urgency = models.CharField("紧急程度", max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    caller = models.CharField("诉求人", max_length=60)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    location = models.CharField("诉求地点", max_length=200, blank=True)
    # The place as coordinates (WGS84, as Open311 GeoReport v2 clients send them), when the channel gives them.
    lat = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    content = models.TextField("诉求内容", max_length=2000)
    received_on = models.DateField("受理日期")
    unit = models.ForeignKey(
        Org, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办单位"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RECEIVED)
    dispatched_on = models.DateField("派单日期", null=True, blank=True)
    due_on = models.DateField("办理期限", null=True, blank=True, editable=False)
    signed_on = models.DateField("签收日期", null=True, blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("办理结果", max_length=2000, blank=True)
    on_time = models.BooleanField("按时办结", null=True, blank=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    visited_on = models.DateField("回访日期", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    supervise_count = models.PositiveSmallIntegerField("督办次数", default=0, editable=False)
    bounce_count = models.PositiveSmallIntegerField("退单次数", default=0, editable=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
        verbose_name="并入工单",
    )
    # version, created_at, created_by: core.records.OrgRecord
    history = HistoricalRecords(excluded_fields=["version"])
    personal_fields = ("phone",)  # masked unless the user may see it (core.personal)

    class Meta:
        verbose_name = "12345工单"
        verbose_name_plural = "12345工单"
        ordering = ["-received_on", "-id"]
        constraints = [
            # a voided ticket (作废) does not block taking the request again under its number
            models.UniqueConstraint(
                fields=["org", "number"],
                condition=Q(voided_at__isnull=True),
                name="hotline_ticket_unique_org_number",
                violation_error_message="该热线的这一工单编号已经存在",
            ),
            models.CheckConstraint(
                condition=Q(dispatched_on__isnull=True) | Q(dispatched_on__gte=models.F("received_on")),
                name="hotline_ticket_dispatched_after_received",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, long__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, long__gte=-180, long__lte=180),
                name="hotline_ticket_coordinates_pair_in_range",
                violation_error_message="纬度和经度应同时填写，纬度在 -90 至 90 之间，经度在 -180 至 180 之间",
            ),
        ]
        indexes = [
            # list pages: keyset by (received_on, id), narrowed by jurisdiction, unit or state
            models.Index(fields=["received_on", "id"], name="hl_received"),
            models.Index(fields=["org", "received_on", "id"], name="hl_org_received"),
            models.Index(fields=["unit", "received_on", "id"], name="hl_unit_received"),
            models.Index(fields=["status", "received_on", "id"], name="hl_status_received"),
            # figures: one range per date field, the condition read from the index
            models.Index(fields=["org", "received_on", "status"], name="hl_org_recv_status"),
            models.Index(fields=["org", "closed_on", "on_time"], name="hl_org_closed"),
            models.Index(fields=["unit", "closed_on", "on_time"], name="hl_unit_closed"),
            models.Index(fields=["org", "visited_on", "satisfaction"], name="hl_org_visited"),
            models.Index(fields=["unit", "visited_on", "satisfaction"], name="hl_unit_visited"),
            # open tickets by their clock (督办, 待办期限): state then due date, so "open and overdue" is three
            # index ranges (a partial index on the open states is not used by SQLite for a parameterised IN)
            models.Index(fields=["status", "due_on"], name="hl_status_due"),
            # a list's count over a scope, in disjoint pieces (core.permissions.scoped_count): the live tickets
            # (the manager's voided_at IS NULL) whose hotline is in scope, then the dispatched ones whose unit is
            # in scope and hotline is not, each one range of a partial index that also holds the other column
            # (the scope's OR names both), so the count reads no row of the table (voided_at, always NULL here, is
            # a column too: SQLite 3.40 reads a column its WHERE names from the table even where the index's
            # condition fixes it). The state comes second: the list of open tickets (?status=) is one range per
            # org of the scope; without it SQLite's statistics (one hotline takes nearly every ticket) sent the
            # count through the state index or a unit index reading rows of the table, seconds at 1M tickets
            # (bench/hotline_list_speed.py --pages)
            models.Index(
                fields=["org", "status", "unit", "voided_at"],
                condition=Q(voided_at__isnull=True),
                name="hl_scope_org_s",
            ),
            models.Index(
                fields=["unit", "status", "org", "voided_at"],
                condition=Q(voided_at__isnull=True, unit__isnull=False),
                name="hl_scope_unit_s",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Assignment(models.Model):
    """One 派单 of a ticket to a unit and how that unit's hold ended: the days it held the ticket are its own,
    whether it answered or returned it (退单), so a bounced ticket's time is accounted to whoever held it."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="承办单位")
    dispatched_on = models.DateField("派单日期")
    due_on = models.DateField("办理期限")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    bounce_kind = models.CharField("退单类型", max_length=10, choices=BounceKind.choices, blank=True)
    bounce_reason = models.CharField("退单理由", max_length=300, blank=True)
    bounced_on = models.DateField("退单日期", null=True, blank=True)
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    ended_on = models.DateField("结束日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.HOLDING)
    held_days = models.PositiveIntegerField("占用工作日", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "派单记录"
        verbose_name_plural = "派单记录"
        ordering = ["dispatched_on", "id"]
        indexes = [models.Index(fields=["unit", "dispatched_on"], name="hl_assign_unit")]

    def __str__(self) -> str:
        return f"{self.dispatched_on} {self.unit}"


class TicketEvent(TimelineEvent):
    """One step of the ticket's closed loop (办理过程)."""

    case = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "工单办理过程"
        verbose_name_plural = "工单办理过程"
