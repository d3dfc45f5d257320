from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    Appointment,
    Channel,
    Confirmation,
    DisputeKind,
    EventKind,
    OrgKind,
    Outcome,
    Performance,
    Post,
    Source,
    Status,
)


class MediationOrg(OrgRecord):
    """A mediation organisation (人民调解委员会 and the others of `OrgKind`), as the 司法行政部门 counts them
    (人民调解法 第十条). `org` is the jurisdiction; `unit` the org in the tree that keeps its records (the township,
    the department for 行政调解, the court's unit for 诉前调解)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所在单位")
    name = models.CharField("调解组织名称", max_length=100)
    kind = models.CharField("组织类型", max_length=16, choices=OrgKind.choices)
    members = models.PositiveSmallIntegerField(
        "委员人数",
        null=True,
        blank=True,
        help_text="人民调解委员会由委员三至九人组成（人民调解法第八条第二款）",
    )
    established_on = models.DateField("设立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "调解组织"
        verbose_name_plural = "调解组织"
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "name"],
                name="mediation_org_unique_name",
                violation_error_message="本行政区划已登记同名的调解组织",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("established_on")),
                name="mediation_org_dissolved_after_established",
                violation_error_message="撤销日期不能早于设立日期",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Mediator(OrgRecord):
    """An 人民调解员 (人民调解法 第十三、十四条) of one organisation; `org`/`unit` are the organisation's."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所在单位")
    organization = models.ForeignKey(
        MediationOrg, on_delete=models.PROTECT, related_name="mediators", verbose_name="调解组织"
    )
    name = models.CharField("姓名", max_length=60)
    post = models.CharField("专兼职", max_length=10, choices=Post.choices, default=Post.PART_TIME)
    appointment = models.CharField(
        "任职方式", max_length=10, choices=Appointment.choices, default=Appointment.HIRED
    )
    qualifications = models.CharField(
        "资格与专长", max_length=200, blank=True, help_text="如 法律职业资格、律师、退休法官"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    appointed_on = models.DateField("选任日期")
    left_on = models.DateField("离任日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])
    personal_fields = ("phone",)  # masked unless the user may see it (core.personal)

    class Meta:
        verbose_name = "人民调解员"
        verbose_name_plural = "人民调解员"
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("appointed_on")),
                name="mediation_mediator_left_after_appointed",
                violation_error_message="离任日期不能早于选任日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organization.name}）"


class Training(OrgRecord):
    """A 业务培训 of mediators (人民调解法 第十四条第二款: 县级人民政府司法行政部门应当定期对人民调解员进行业务培训)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="举办单位")
    title = models.CharField("培训名称", max_length=200)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    attendees = models.ManyToManyField(
        Mediator, blank=True, related_name="trainings", verbose_name="参训调解员"
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "调解员培训"
        verbose_name_plural = "调解员培训"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="mediation_training_hours_positive",
                violation_error_message="学时应大于0",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Sweep(OrgRecord):
    """A 矛盾纠纷排查 (a periodic sweep of an area): what it found; the disputes registered from it name it."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="排查单位")
    organization = models.ForeignKey(
        MediationOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sweeps",
        verbose_name="调解组织",
    )
    held_on = models.DateField("排查日期")
    area = models.CharField("排查区域", max_length=100, help_text="如 某某村、某某社区、某工业园区")
    risks_found = models.PositiveIntegerField("发现矛盾纠纷和风险隐患数", default=0)
    note = models.CharField("排查情况", max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "矛盾纠纷排查"
        verbose_name_plural = "矛盾纠纷排查"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org", "held_on"], name="med_sweep_org_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.area}排查"


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
    # The registers' records; the text columns above stay as written (records registered before the registers,
    # and imports naming an organisation not yet registered) and are filled from these when they are given.
    organization = models.ForeignKey(
        MediationOrg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name="调解组织（登记）",
    )
    mediator_record = models.ForeignKey(
        Mediator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name="调解员（登记）",
    )
    sweep = models.ForeignKey(
        Sweep, null=True, blank=True, on_delete=models.PROTECT, related_name="disputes", verbose_name="排查"
    )
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
