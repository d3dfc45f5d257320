from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from simple_history.models import HistoricalRecords

from .capabilities import DataScope, matches
from .choices import JURISDICTION_KINDS, OrgKind


class Org(models.Model):
    """A node of the organisation tree: a jurisdiction (省/市/县/乡 government level) or a unit (单位)
    such as 司法局 or 市场监管局 that belongs to a jurisdiction.

    `path` is a materialised path of codes ("/620000/622900/622901/"), so a subtree is one indexed
    prefix query."""

    code = models.CharField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类型", max_length=16, choices=OrgKind.choices)
    unit_type = models.CharField("单位类型", max_length=40, blank=True, help_text="字典：单位类型")
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("路径", max_length=400, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "path"], name="core_org_kind_path")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path is derived from the parent chain; it is structure, not business logic.
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        self.depth = self.path.count("/") - 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.parent_id and self.parent.kind == OrgKind.UNIT and self.kind != OrgKind.UNIT:
            raise ValidationError({"parent": "行政区划不能隶属于单位"})
        if self.kind == OrgKind.UNIT and not self.parent_id:
            raise ValidationError({"parent": "单位必须隶属于某一行政区划"})

    @property
    def is_jurisdiction(self) -> bool:
        return self.kind in JURISDICTION_KINDS

    def jurisdiction(self) -> Org:
        """The nearest jurisdiction at or above this node."""
        node = self
        while node.kind == OrgKind.UNIT and node.parent_id:
            node = node.parent
        return node

    def subtree(self):
        return Org.objects.filter(path__startswith=self.path)


class NumberSequence(models.Model):
    """The numbering of one app's records of one org in one year (临府复〔2024〕12号): the office edits the
    prefix and the pattern in the admin; `fazhi.core.numbering.next_number` locks the row and counts on."""

    org = models.ForeignKey(
        Org, verbose_name="单位", on_delete=models.CASCADE, related_name="number_sequences"
    )
    app = models.CharField("业务", max_length=50, help_text="应用标识，如 reconsideration")
    year = models.PositiveSmallIntegerField("年度")
    prefix = models.CharField(
        "案号前缀",
        max_length=20,
        blank=True,
        help_text="如 临府复；留空则为单位简称加业务简称（如 临城县复）",
    )
    pattern = models.CharField(
        "案号格式",
        max_length=60,
        default="{prefix}〔{year}〕{seq}号",
        help_text="{prefix} 前缀，{year} 年度，{seq} 序号；如 {prefix}〔{year}〕{seq}号",
    )
    last = models.PositiveIntegerField("已用序号", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "案号规则"
        constraints = [
            models.UniqueConstraint(fields=["org", "app", "year"], name="number_sequence_org_app_year")
        ]

    def __str__(self) -> str:
        from django.apps import apps

        try:
            app = apps.get_app_config(self.app).verbose_name
        except LookupError:
            app = self.app
        return f"{self.org} {app} {self.year}年"

    def clean(self) -> None:
        try:
            sample = self.pattern.format(prefix="前缀", year=2024, seq=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError({"pattern": "案号格式只能使用 {prefix}、{year}、{seq}"}) from None
        if "{seq}" not in self.pattern or not sample:
            raise ValidationError({"pattern": "案号格式须包含序号 {seq}"})


class Role(models.Model):
    """A role as data (RuoYi's 角色管理): a set of capabilities and a 数据范围, edited by administrators.

    `capabilities` is a list of capability codes or patterns (see core.capabilities); the built-in roles
    (core.choices.Role codes) are created by migration and after every migrate, never overwritten."""

    code = models.SlugField("角色编码", max_length=32, unique=True)
    name = models.CharField("角色名称", max_length=40)
    scope = models.CharField("数据范围", max_length=16, choices=DataScope.CHOICES, default=DataScope.UNIT)
    capabilities = models.JSONField("权限", default=list, blank=True)
    builtin = models.BooleanField("内置角色", default=False, editable=False)
    sort = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name

    def grants(self, capability: str) -> bool:
        return self.is_active and matches(self.capabilities, capability)


class _RoleDescriptor(ForwardManyToOneDescriptor):
    """`membership.role = "clerk"` (a role code) works like assigning the Role row with that code, so
    existing callers and fixtures keep creating memberships by code."""

    def __set__(self, instance, value):
        if isinstance(value, str):
            if self.field.is_cached(instance):
                self.field.delete_cached_value(instance)
            instance.__dict__[self.field.attname] = str(value)
            return
        super().__set__(instance, value)


class RoleField(models.ForeignKey):
    forward_related_accessor_class = _RoleDescriptor


class Membership(models.Model):
    """A user's role in an org; the data scope follows the role (see core.permissions)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="memberships", verbose_name="机构")
    role = RoleField(
        Role, to_field="code", on_delete=models.PROTECT, related_name="memberships", verbose_name="角色"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org", "role"], name="core_membership_unique_user_org_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.role}"


class DictItem(models.Model):
    """An admin-editable code list entry (字典): 执法领域, 申请渠道, 单位类型 …, so an office adds a
    category without a code change."""

    category = models.CharField("字典类别", max_length=40)
    code = models.CharField("编码", max_length=40)
    label = models.CharField("名称", max_length=100)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "字典项"
        verbose_name_plural = "字典"
        ordering = ["category", "sort", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="core_dictitem_unique_category_code")
        ]

    def __str__(self) -> str:
        return self.label


class ApiToken(models.Model):
    """A bearer token (API 令牌) for machine clients of /api/; it acts with its owner's memberships.

    The secret is shown once, when `core.services.issue_token` creates it; only its SHA-256 hash is stored,
    with the first characters (`prefix`) kept in clear to find the row. A token is refused once expired,
    revoked, or when its owner is deactivated."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="所属用户"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=16, db_index=True, editable=False)
    key_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="创建人",
    )
    expires_at = models.DateTimeField("有效期至")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(key_hash="") & ~models.Q(prefix=""), name="core_apitoken_key_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} · {self.prefix}…"

    def status_at(self, now) -> str:
        if self.revoked_at is not None:
            return "已吊销"
        if self.expires_at <= now:
            return "已过期"
        return "有效"


class PersonalDataAccess(models.Model):
    """个人信息查看日志: one view of citizens' personal data (phones, ID numbers) in full, by a holder of
    `personal.view_full` (core.personal): a 查看完整 on a record page, an export or an API response."""

    class How(models.TextChoices):
        REVEAL = "reveal", "页面查看"
        EXPORT = "export", "导出"
        API = "api", "接口"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="用户",
    )
    how = models.CharField("方式", max_length=10, choices=How.choices)
    model = models.CharField("记录类型", max_length=100)
    object_id = models.CharField("记录", max_length=200, blank=True)
    fields = models.CharField("字段", max_length=200, blank=True)
    count = models.PositiveIntegerField("记录数", default=1)

    class Meta:
        verbose_name = "个人信息查看日志"
        verbose_name_plural = "个人信息查看日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"], name="core_personal_record")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_how_display()} {self.model} {self.object_id}"


class PasswordState(models.Model):
    """When a user's password was last changed by the user, and whether it must be changed at the next
    login (an initial password set by an administrator, 等保 身份鉴别). Users without a row have neither
    requirement; see core.middleware.PasswordPolicyMiddleware."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_state", verbose_name="用户"
    )
    must_change = models.BooleanField("须修改密码", default=False)
    changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "密码状态"
        verbose_name_plural = "密码状态"

    def __str__(self) -> str:
        return str(self.user)


class ImportJob(models.Model):
    """An Excel/CSV import run in the background (导入任务): the uploaded file, the progress the page polls,
    and, when the file is refused, the row errors and the error workbook to download.

    Not a business record (the imported records carry their own history), so it has no history table."""

    class State(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "导入成功"
        FAILED = "failed", "导入失败"
        MAPPING = "mapping", "待对应列"  # headers differ from the template: the user maps them first

    app = models.CharField("导入类型", max_length=40)
    filename = models.CharField("文件名", max_length=255)
    source = models.FileField("上传文件", upload_to="imports/", max_length=300, blank=True)
    status = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    phase = models.CharField("阶段", max_length=10, blank=True)
    total = models.PositiveIntegerField("总行数", default=0)
    done = models.PositiveIntegerField("已处理行数", default=0)
    imported = models.PositiveIntegerField("导入条数", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    error_file = models.FileField("错误报告", upload_to="imports/errors/", max_length=300, blank=True)
    # The column mapping the job reads the file with ({"sheet", "columns": {key: header}}, importing.mapping);
    # while the job waits for it (MAPPING), the file's sheet and "headers". Empty: the template's headers.
    mapping = models.JSONField("列对应", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="导入人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # Written every few seconds while the job runs; a running job without one for FAZHI_JOB_STALE_SECONDS
    # lost its worker (kill -9, power cut) and is marked failed (tasks.fail_stale_jobs).
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "app", "created_at"], name="core_importjob_user_app")]

    def __str__(self) -> str:
        return f"{self.filename} · {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.State.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0


class ImportMapping(models.Model):
    """A saved column mapping (列对应方案) of one import sheet: which header of a unit's own spreadsheet holds
    each of the template's columns, kept by name for the next file of the same layout.

    Kept per unit (the org of the user who saved it), not per user: a unit's files come from its own ledger
    or system, all its staff upload the same layout, and the mapping outlives a change of staff; not per
    jurisdiction, because two units' exports differ and one unit changing its mapping must not break
    another's."""

    app = models.CharField("导入类型", max_length=40)
    org = models.ForeignKey(
        Org, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="所属单位"
    )
    name = models.CharField("方案名称", max_length=60)
    columns = models.JSONField("列对应", default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="创建人",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "列对应方案"
        verbose_name_plural = "列对应方案"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["app", "org", "name"], name="core_importmapping_unique_name"),
            models.UniqueConstraint(
                fields=["app", "name"],
                condition=models.Q(org__isnull=True),
                name="core_importmapping_unique_name_no_org",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """An import being published in chunks on SQLite (importing.write_all_or_nothing): the id range it reserved
    in each table. The commit of its last chunk deletes it; one left behind names the rows of an import whose
    process died half-way, which the worker's sweep deletes (importing.discard_stale_batches)."""

    app = models.CharField("导入类型", max_length=40, blank=True)
    # [[db_table, pk_column, first, last], …] in the order the tables are published
    ranges = models.JSONField("主键范围", default=list)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    heartbeat_at = models.DateTimeField("心跳时间")

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"

    def __str__(self) -> str:
        return f"{self.app} · {self.created_at:%Y-%m-%d %H:%M}"


class Notice(models.Model):
    """An in-app notice to one user (the bell in the top bar), e.g. a reminder of a due or overdue obligation
    written by `fazhi remind`.

    Not a business record, so no history: it changes only by its recipient reading it. `key` makes a notice
    idempotent: the sender claims (recipient, key) by inserting the row, and a second run finds it taken."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name="接收人"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=200, editable=False)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "消息通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="core_notice_unique_recipient_key"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="core_notice_unread",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _attachment_path(instance, filename: str) -> str:
    """A generated name (random hex + the checked extension): nothing of the uploader's name reaches the disk."""
    import uuid
    from pathlib import PurePath

    from django.utils import timezone

    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(models.Model):
    """A file attached to a record of any app (申请书, 答复书, 决定书 …), kept under a generated name and served
    only through core.attachment_views, which checks that the user may read the record."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name="记录类型"
    )
    object_id = models.PositiveBigIntegerField("记录编号")
    record = GenericForeignKey("content_type", "object_id")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+", verbose_name="所属机构")
    file = models.FileField("文件", upload_to=_attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attachment_record")]

    def __str__(self) -> str:
        return self.name


class JurisdictionSetting(models.Model):
    """A number or text that differs between jurisdictions (an office's own 合法性审核 time limit, 12345 time limits
    by category, the yearly training hours of 执法人员 …), declared by the app that reads it
    (`jurisdiction_settings` on its AppConfig, core.jsettings) and set here per jurisdiction: a value set for a
    jurisdiction applies to its whole subtree unless a lower jurisdiction sets its own."""

    org = models.ForeignKey(Org, on_delete=models.CASCADE, related_name="+", verbose_name="行政区划")
    key = models.CharField("设置项", max_length=80)
    value = models.CharField("值", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "本级参数设置"
        verbose_name_plural = "本级参数设置"
        ordering = ["key", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="core_jsetting_unique_org_key")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
