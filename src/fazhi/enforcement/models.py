from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org
from fazhi.core.records import OrgRecord, TimelineEvent

from .choices import (
    CertStatus,
    EventKind,
    Grade,
    Implementer,
    Leniency,
    PowerChange,
    PowerStatus,
    PowerType,
    RectifyStatus,
    Status,
    WarningKind,
    WarningState,
)


class Officer(OrgRecord):
    """A 行政执法人员 and the 执法证 that lets them act (行政处罚法 第四十二条: 具有行政执法资格的执法人员).

    `org` is the jurisdiction whose 执法监督科 keeps the register; `unit` the 执法主体 the officer works for."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="执法主体")
    name = models.CharField("姓名", max_length=50)
    cert_number = models.CharField("执法证号", max_length=40, unique=True)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    cert_status = models.CharField(
        "证件状态", max_length=10, choices=CertStatus.choices, default=CertStatus.VALID
    )
    training_year = models.PositiveSmallIntegerField("培训年度", null=True, blank=True)
    training_hours = models.DecimalField("年度培训学时", max_digits=5, decimal_places=1, default=0)
    exam_passed = models.BooleanField("综合法律知识考试通过", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "行政执法人员"
        verbose_name_plural = "行政执法人员"
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("issued_on")),
                name="enforcement_officer_expiry_after_issue",
            )
        ]
        indexes = [
            models.Index(fields=["org", "cert_status", "expires_on"], name="enf_officer_org_valid"),
            models.Index(fields=["unit", "cert_status"], name="enf_officer_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.cert_number}）"

    def valid_on(self, day) -> bool:
        """Whether the certificate lets the officer act on `day`."""
        return self.cert_status == CertStatus.VALID and self.issued_on <= day <= self.expires_on


class EnforcementCase(OrgRecord):
    """One record of the 执法案件台账 a unit reports: 立案, 法制审核, 决定, 公示, 结案."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="执法单位")
    case_number = models.CharField("案件编号", max_length=80)
    kind = models.CharField("执法类别", max_length=16, choices=PowerType.choices)
    power_item = models.ForeignKey(
        "PowerItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name="权责事项",
    )
    domain = models.CharField("执法领域", max_length=40, blank=True, help_text="字典：执法领域")
    party = models.CharField("当事人", max_length=200, blank=True)
    facts = models.CharField("案由", max_length=300, blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    officers = models.ManyToManyField(Officer, related_name="cases", blank=True, verbose_name="执法人员")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.FILED)
    filed_on = models.DateField("立案日期")
    decision_due = models.DateField("决定期限", null=True, blank=True, editable=False)
    major = models.BooleanField("重大执法决定", default=False)
    legal_review_on = models.DateField("法制审核日期", null=True, blank=True)
    collective_discussion = models.BooleanField("负责人集体讨论", default=False)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    amount = models.DecimalField("罚没金额（元）", max_digits=14, decimal_places=2, default=0)
    leniency = models.CharField("从轻减轻及不予处罚", max_length=16, choices=Leniency.choices, blank=True)
    publish_due = models.DateField("公示期限", null=True, blank=True, editable=False)
    published_on = models.DateField("公示日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "行政执法案件"
        verbose_name_plural = "行政执法案件"
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "case_number"], name="enforcement_case_unique_unit_number"
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("filed_on")),
                name="enforcement_case_decided_after_filed",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "filed_on", "id"], name="enf_org_filed"),
            models.Index(fields=["unit", "filed_on", "id"], name="enf_unit_filed"),
            models.Index(fields=["filed_on", "id"], name="enf_filed"),
            models.Index(fields=["org", "decided_on", "kind"], name="enf_org_decided"),
            models.Index(fields=["unit", "decided_on", "kind"], name="enf_unit_decided"),
            models.Index(
                fields=["decision_due"], name="enf_decision_due", condition=Q(decided_on__isnull=True)
            ),
            models.Index(
                fields=["publish_due"], name="enf_publish_due", condition=Q(published_on__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.case_number


class EnforcementEvent(TimelineEvent):
    """One step of the case (全过程记录, 行政处罚法 第四十七条)."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        verbose_name = "执法过程"
        verbose_name_plural = "执法过程"


class ReviewCampaign(OrgRecord):
    """A 案卷评查 campaign: the jurisdiction's decided cases of a year, sampled at random with a recorded seed
    (双随机: the same seed draws the same files)."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织评查的行政区划"
    )
    name = models.CharField("评查名称", max_length=100)
    year = models.PositiveSmallIntegerField("评查年度")
    seed = models.PositiveIntegerField("随机种子")
    sample_size = models.PositiveIntegerField("抽取案卷数")
    started_on = models.DateField("开始日期")
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.name


class CaseFileReview(models.Model):
    """One sampled case file, its scores per sheet item (rules.SHEET), grade, problems and their 整改."""

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="reviews")
    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField("各项得分", default=dict)
    score = models.PositiveSmallIntegerField("总分", null=True, blank=True)
    grade = models.CharField("评查等次", max_length=10, choices=Grade.choices, blank=True)
    reviewed_on = models.DateField("评查日期", null=True, blank=True)
    problems = models.TextField("发现问题", blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="enforcement_review_unique_case")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.case}"


class PowerItem(OrgRecord):
    """One item of a unit's 权责清单 (and, where `in_catalog`, of its 行政执法事项目录): the power, its legal basis,
    who exercises it and the responsibilities attached. A 乡镇（街道） unit's item may be 赋权 (delegated by the
    county's document). Items change only by documents (PowerItemChange); a removed item stays on record with its
    history but leaves the current list."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="职权部门")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    power_type = models.CharField("职权类型", max_length=16, choices=PowerType.choices)
    law = models.CharField("法律依据", max_length=300, help_text="法律、法规、规章名称，如《食品安全法》")
    articles = models.TextField("依据条款", help_text="条款序号及内容")
    implementer = models.CharField(
        "实施主体", max_length=10, choices=Implementer.choices, default=Implementer.UNIT
    )
    entrusted_org = models.CharField("受委托组织", max_length=200, blank=True)
    responsibilities = models.TextField("责任事项", blank=True)
    in_catalog = models.BooleanField("列入行政执法事项目录", default=False)
    delegated = models.BooleanField("赋权乡镇（街道）事项", default=False)
    delegation_doc_number = models.CharField("赋权文件文号", max_length=80, blank=True)
    delegation_doc_title = models.CharField("赋权文件名称", max_length=200, blank=True)
    delegated_on = models.DateField("赋权日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=PowerStatus.choices, default=PowerStatus.CURRENT)
    added_on = models.DateField("列入清单日期")
    removed_on = models.DateField("取消日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = "权责事项"
        ordering = ["unit__path", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="enforcement_power_unique_unit_code"),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("added_on")),
                name="enforcement_power_removed_after_added",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "power_type"], name="enf_power_unit"),
            models.Index(fields=["org", "added_on"], name="enf_power_org"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PowerItemChange(models.Model):
    """One change of a 权责清单 item (新增 / 变更 / 取消) with the document that made it and the fields before and
    after (the item's own history keeps every saved state as well)."""

    item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="changes")
    seq = models.PositiveIntegerField("版本号")
    action = models.CharField("调整类型", max_length=10, choices=PowerChange.choices)
    doc_number = models.CharField("调整文件文号", max_length=80)
    doc_title = models.CharField("调整文件名称", max_length=200, blank=True)
    doc_date = models.DateField("调整日期")
    before = models.JSONField("调整前", default=dict, blank=True)
    after = models.JSONField("调整后", default=dict, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "权责清单调整记录"
        verbose_name_plural = "权责清单调整记录"
        ordering = ["item", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["item", "seq"], name="enforcement_power_change_unique_seq")
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.get_action_display()} {self.doc_number}"


class EnforcementWarning(models.Model):
    """One 执法监督预警 the scan (warnings.scan) opened on a unit: a penalty decision past its 90 days, an officer
    acting without a valid certificate, a decision published late, a 重大执法决定 without 法制审核, a sudden jump
    in the unit's monthly figures, a certificate about to expire, training hours short, a 零执法 power item.

    `key` names the finding (kind and subject), so a second scan opens nothing twice: one warning per finding,
    ever. A warning is closed by the unit's explanation (说明); a remediable one (证件到期、培训学时、零执法) is
    closed by the scan itself once its condition is gone (closed_by empty, the explanation says so)."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属行政区划")
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="执法单位")
    kind = models.CharField("预警类型", max_length=24, choices=WarningKind.choices)
    key = models.CharField("预警标识", max_length=120, unique=True, editable=False)
    case = models.ForeignKey(
        EnforcementCase,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warnings",
        verbose_name="执法案件",
    )
    officer = models.ForeignKey(
        Officer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warnings",
        verbose_name="执法人员",
    )
    month = models.DateField("所涉月份", null=True, blank=True, help_text="异常波动：当月第一日")
    opened_on = models.DateField("预警日期")
    reply_due = models.DateField(
        "说明期限",
        null=True,
        blank=True,
        editable=False,
        help_text="单位书面说明的期限（本级设置的工作日数）",
    )
    detail = models.CharField("预警内容", max_length=500)
    state = models.CharField("状态", max_length=10, choices=WarningState.choices, default=WarningState.OPEN)
    closed_on = models.DateField("关闭日期", null=True, blank=True)
    explanation = models.TextField("单位说明", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="关闭人",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "执法监督预警"
        verbose_name_plural = "执法监督预警"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="open", closed_on__isnull=True)
                | Q(state="closed", closed_on__isnull=False),
                name="enforcement_warning_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "kind"], name="enf_warning_unit_state"),
            models.Index(fields=["org", "state", "kind"], name="enf_warning_org_state"),
            models.Index(fields=["opened_on", "id"], name="enf_warning_opened"),
            models.Index(fields=["reply_due"], name="enf_warning_reply_due", condition=Q(state="open")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.detail[:40]}"


class Rectification(OrgRecord):
    """案卷评查整改: a sampled file scored below the pass line (不合格) or with problems found gets one, due the
    jurisdiction's `enforcement.rectify_days` days after the scoring (or the date the reviewer set). The reviewed
    unit replies with what it did (待整改 → 待销号, evidence as attachments); the office accepts it (销号) or
    returns it with its reasons (back to 待整改). `org` is the campaign's jurisdiction, `unit` the reviewed unit."""

    review = models.OneToOneField(
        CaseFileReview, on_delete=models.PROTECT, related_name="rectification", verbose_name="评查案卷"
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name="组织评查的行政区划"
    )
    unit = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="整改单位")
    number = models.CharField("整改编号", max_length=60)
    problems = models.TextField("需整改的问题")
    opened_on = models.DateField("下发日期")
    due = models.DateField("整改期限")
    status = models.CharField(
        "状态", max_length=10, choices=RectifyStatus.choices, default=RectifyStatus.OPEN
    )
    reply = models.TextField("整改情况", blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    returned_note = models.TextField("退回意见", blank=True)
    returns = models.PositiveSmallIntegerField("退回次数", default=0)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "评查整改"
        verbose_name_plural = "评查整改"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due__gte=models.F("opened_on")), name="enforcement_rectify_due_after_opened"
            ),
        ]
        indexes = [
            models.Index(fields=["org", "opened_on", "id"], name="enf_rectify_org"),
            models.Index(fields=["unit", "status"], name="enf_rectify_unit"),
            models.Index(fields=["due"], name="enf_rectify_due", condition=Q(status="open")),
        ]

    def __str__(self) -> str:
        return self.number


class RectificationEvent(TimelineEvent):
    """One step of a 整改 (下发, 回复, 退回, 销号)."""

    case = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=16)

    class Meta(TimelineEvent.Meta):
        verbose_name = "评查整改过程"
        verbose_name_plural = "评查整改过程"
