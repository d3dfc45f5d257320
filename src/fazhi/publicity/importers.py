"""普法 imports and exports for the shared machinery in fazhi.core.importing: the sheets 普法活动, 法治文化阵地,
民主法治示范村 and 法律明白人."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core.importing import (
    CHOICE,
    DATE,
    IMPORT_REASON,
    INT,
    ORG,
    Column,
    Importer,
    RowInvalid,
    bulk_create_audited,
    bulk_insert,
    chunked,
    event_row,
    register,
)

from . import rules, selectors, services
from .choices import ActivityKind, EventKind, SiteKind, VillageLevel
from .models import Activity, ActivityEvent, CultureSite, LegalLiterate, ModelVillage


@register
class PublicityImporter(Importer):
    app = "publicity"
    title = "普法活动"
    sheet_name = "普法活动"
    model = Activity
    list_url_name = "publicity:list"
    columns = (
        Column("unit", "开展单位", ORG, required=True, width=20),
        Column("kind", "活动形式", CHOICE, required=True, choices=ActivityKind, width=24),
        Column("title", "活动名称", required=True, max_length=200, width=30),
        Column("held_on", "开展日期", DATE, required=True),
        Column("place", "地点", required=True, max_length=120, width=20),
        Column("audience", "受众人次", INT),
        Column("materials", "发放资料份数", INT),
        Column("lecturers", "宣讲人", max_length=200),
        Column("media", "宣传报道链接", help="多个链接以换行分隔", width=30),
    )
    notes = ("导入人须对每行的开展单位或其所属行政区划有填报权限；导入的记录在修改历史中记为「导入」。",)

    def build(self, row: int, v: dict[str, Any]) -> Activity:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services._require(self.user, (org, unit))
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        a = Activity(
            org=org,
            unit=unit,
            kind=v["kind"],
            title=v["title"],
            held_on=v["held_on"],
            place=v["place"],
            audience=v["audience"] or 0,
            materials=v["materials"] or 0,
            lecturers=v["lecturers"] or "",
            media=(v["media"] or "").strip(),
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        errors = rules.validate(a)
        if a.audience < 0 or a.materials < 0:
            errors.setdefault("audience", "受众人次和资料份数不能为负数")
        if errors:
            for key, message in errors.items():
                self.error(row, key, message)
            raise RowInvalid
        return a

    def write(self, built: list[Activity], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, 2000):
            saved = bulk_create_audited(Activity, part, user=user, when=now)
            bulk_insert(
                ActivityEvent,
                [
                    event_row(
                        a.pk,
                        EventKind.REGISTERED,
                        a.held_on,
                        IMPORT_REASON,
                        actor_id=user.pk if user else None,
                        when=now,
                    )
                    for a in saved
                ],
            )
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(held_on__year=year)
        return qs.select_related("unit").order_by("held_on", "id")

    def export_row(self, a: Activity) -> list[Any]:
        return [
            self.orgs.label(a.unit),
            a.get_kind_display(),
            a.title,
            a.held_on,
            a.place,
            a.audience,
            a.materials,
            a.lecturers,
            a.media,
        ]


# -- 法治文化阵地, 民主法治示范村（社区）, 法律明白人 ---------------------------------------------------------------


class _RegisterImporter(Importer):
    """One register's sheet: each row a record of the unit it names (the import checks the service's own
    permission per unit and `rules.validate_register`), all rows written in one transaction or none."""

    register: ClassVar[str]  # the key of selectors.REGISTERS and registers.REGISTERS
    fields: ClassVar[tuple[str, ...]]  # the columns copied onto the record as they are
    notes = (
        "导入人须对每行所填单位或其所属行政区划有填报权限；任何一行有误，整个文件都不导入。",
        "导入的记录在修改历史中记为「导入」。",
    )

    def require_user(self) -> None:
        super().require_user()
        from fazhi.core.capabilities import all_capabilities
        from fazhi.core.permissions import can_any

        if not can_any(self.user, "publicity.import"):
            raise PermissionDenied(f"无权{all_capabilities()['publicity.import']}")

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.allowed: dict[int, bool] = {}

    def extra_errors(self, row: int, record: Any) -> dict[str, str]:
        """Checks beyond rules.validate_register (duplicates)."""
        return {}

    def build(self, row: int, v: dict[str, Any]) -> Any:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        if unit.id not in self.allowed:
            try:
                services._require(self.user, (org, unit))  # the very check of the register's service
                self.allowed[unit.id] = True
            except PermissionDenied:
                self.allowed[unit.id] = False
        if not self.allowed[unit.id]:
            self.error(row, "unit", f"无权导入「{unit.name}」的{self.title}")
            raise RowInvalid
        record = self.model(
            org=org,
            unit=unit,
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
            **{f: ("" if v[f] is None and f not in self.dates else v[f]) for f in self.fields},
        )
        errors = rules.validate_register(record) | self.extra_errors(row, record)
        for key, message in errors.items():
            self.error(row, key, message)
        if errors:
            raise RowInvalid
        return record

    dates: ClassVar[tuple[str, ...]] = ()  # optional date columns (None stays None)

    def write(self, built: list[Any], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, 2000):
            bulk_create_audited(self.model, part, user=user, when=now)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        f = selectors.RegisterFilters.from_params(filters or {})
        qs = selectors.filtered_register(self.user, self.register, f)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        return qs.select_related("unit").order_by("id")

    def export_row(self, r: Any) -> list[Any]:
        out: list[Any] = []
        for c in self.columns:
            value = getattr(r, c.key)
            if c.key == "unit":
                value = self.orgs.label(value)
            elif c.kind == CHOICE:
                value = getattr(r, f"get_{c.key}_display")()
            out.append(value)
        return out


@register
class CultureSiteImporter(_RegisterImporter):
    app = "publicity_sites"
    register = "sites"
    title = "法治文化阵地"
    sheet_name = "法治文化阵地"
    model = CultureSite
    list_url_name = "publicity:sites"
    columns = (
        Column("unit", "管护单位", ORG, required=True, width=20, aliases=("责任单位", "建设单位")),
        Column("name", "阵地名称", required=True, width=26, aliases=("名称",)),
        Column("kind", "阵地类型", CHOICE, required=True, choices=SiteKind, width=18, aliases=("类型",)),
        Column("township", "所在乡镇（街道）", aliases=("乡镇", "乡镇（街道）", "所在乡镇")),
        Column("location", "具体位置", required=True, width=26, aliases=("位置", "地址", "地点")),
        Column("built_on", "建成日期", DATE, required=True, aliases=("建成时间",)),
        Column("accepted_on", "验收日期", DATE, aliases=("验收时间",)),
    )
    fields = ("name", "kind", "township", "location", "built_on", "accepted_on")
    dates = ("accepted_on",)


@register
class ModelVillageImporter(_RegisterImporter):
    app = "publicity_villages"
    register = "villages"
    title = "民主法治示范村（社区）"
    sheet_name = "民主法治示范村"
    model = ModelVillage
    list_url_name = "publicity:villages"
    columns = (
        Column("unit", "指导单位", ORG, required=True, width=20, aliases=("司法所", "责任单位")),
        Column("village", "村（社区）", required=True, width=20, aliases=("村（社区）名称", "村名", "社区")),
        Column("township", "所在乡镇（街道）", aliases=("乡镇", "乡镇（街道）", "所在乡镇")),
        Column("level", "命名级别", CHOICE, required=True, choices=VillageLevel, aliases=("级别",)),
        Column("named_on", "命名日期", DATE, required=True, aliases=("命名时间", "获评时间")),
        Column("batch", "命名批次（文号）", width=26, aliases=("批次", "命名文号", "文号")),
    )
    fields = ("village", "township", "level", "named_on", "batch")

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        super().prepare(rows)
        names = sorted({v["village"] for _, v in rows if v.get("village")})
        self.db_keys: set[tuple[int, str, str]] = set()
        for part in chunked(names, 200):
            self.db_keys.update(
                ModelVillage.objects.filter(village__in=part).values_list("org_id", "village", "level")
            )
        self.file_keys: dict[tuple[int, str, str], int] = {}

    def extra_errors(self, row: int, record: Any) -> dict[str, str]:
        key = (record.org_id, record.village, record.level)
        label = f"{record.village}（{VillageLevel(record.level).label}）"
        if key in self.file_keys:
            return {"village": f"{label}与第{self.file_keys[key]}行重复"}
        if key in self.db_keys:
            return {"village": f"{label}已登记为民主法治示范村（社区）"}
        self.file_keys[key] = row
        return {}


@register
class LegalLiterateImporter(_RegisterImporter):
    app = "publicity_literates"
    register = "literates"
    title = "法律明白人"
    sheet_name = "法律明白人"
    model = LegalLiterate
    list_url_name = "publicity:literates"
    columns = (
        Column("unit", "培养单位", ORG, required=True, width=20, aliases=("司法所", "责任单位")),
        Column("name", "姓名", required=True, aliases=("法律明白人", "法律明白人姓名")),
        Column(
            "phone",
            "联系电话",
            help="个人信息：导出时只显示部分号码（有查看完整个人信息权限的除外，导出记入查看日志）",
            aliases=("电话", "手机号码"),
        ),
        Column("village", "村（社区）", required=True, width=20, aliases=("所在村（社区）", "村名")),
        Column("township", "所在乡镇（街道）", aliases=("乡镇", "乡镇（街道）", "所在乡镇")),
        Column("registered_on", "确认日期", DATE, required=True, aliases=("遴选日期", "聘任日期")),
        Column("trained_hours", "培训学时", INT, min_value=0, aliases=("学时",)),
        Column("training", "培训情况", width=26, aliases=("培训内容",)),
        Column("certificate", "证书编号", aliases=("证书号", "聘书编号")),
    )
    fields = (
        "name",
        "phone",
        "village",
        "township",
        "registered_on",
        "trained_hours",
        "training",
        "certificate",
    )
    dates = ("registered_on",)

    def build(self, row: int, v: dict[str, Any]) -> Any:
        v = {**v, "trained_hours": v["trained_hours"] or 0}
        return super().build(row, v)
