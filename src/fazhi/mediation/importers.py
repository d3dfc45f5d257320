"""矛盾纠纷 import and export: the sheet "矛盾纠纷" for the shared machinery in fazhi.core.importing.

A row is a dispute in its final (historical) state. Derived fields are computed as the services compute them:
the jurisdiction from the mediating unit, the number (reserved in one block), the 调结 and 司法确认 due dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.importing import (
    BOOL,
    CHOICE,
    DATE,
    IMPORT_REASON,
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

from . import rules, services
from .choices import Appointment, Channel, Confirmation, DisputeKind, Outcome, Performance, Post, Source
from .models import Dispute, DisputeEvent, MediationOrg, Mediator

WRITE_CHUNK = 2000


@dataclass
class BuiltDispute:
    dispute: Dispute
    events: list[tuple[str, date, str]] = field(default_factory=list)


@register
class MediationImporter(Importer):
    app = "mediation"
    title = "矛盾纠纷"
    sheet_name = "矛盾纠纷"
    model = Dispute
    list_url_name = "mediation:list"
    columns = (
        Column("unit", "调处单位", ORG, required=True, help="所属行政区划由系统按机构树确定", width=20),
        Column("channel", "调解类别", CHOICE, choices=Channel, help="留空为人民调解", width=10),
        Column("committee", "调解组织", required=True, max_length=100, width=24),
        Column("mediator", "调解员", max_length=60),
        Column("source", "纠纷来源", CHOICE, required=True, choices=Source),
        Column("kind", "纠纷类型", CHOICE, required=True, choices=DisputeKind),
        Column("parties", "当事人", required=True, max_length=200, width=20),
        Column("summary", "纠纷简要情况", required=True, max_length=500, width=30),
        Column("received_on", "登记日期", DATE, required=True),
        Column(
            "outcome", "调解结果", CHOICE, choices=Outcome, help="人民调解法第二十六条、第二十八条", width=18
        ),
        Column("concluded_on", "调解终结日期", DATE),
        Column("agreement", "协议内容", max_length=500, width=24),
        Column("agreement_effective_on", "协议生效日期", DATE, help="口头协议为达成之日（第三十条）"),
        Column("routes_told", "已告知其他救济途径", BOOL, help="调解不成的必须为是（第二十六条）"),
        Column(
            "confirmation_applied_on", "申请司法确认日期", DATE, help="协议生效之日起三十日内（第三十三条）"
        ),
        Column("confirmation_court", "受理法院", max_length=100),
        Column("confirmation", "司法确认结果", CHOICE, choices=Confirmation),
        Column("confirmed_on", "司法确认裁定日期", DATE),
        Column("followed_up_on", "回访日期", DATE),
        Column("performance", "履行情况", CHOICE, choices=Performance),
    )
    notes = (
        "状态由所填结果推定：达成书面或口头协议为「调解成功」，调解不成为「调解不成」，未填结果为「调解中」。",
        "编号、调结期限、司法确认申请期限由系统自动生成和计算，无需填写。",
        "导入人须对每行的调处单位或其所属行政区划有调处权限；导入的记录在修改历史中记为「导入」。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.handling: dict[int, int] = {}
        # a 调解组织 named as registered (in the row's jurisdiction) links the register's record
        names = sorted({v["committee"] for _, v in rows if v.get("committee")})
        self.registered: dict[tuple[int, str], MediationOrg] = {}
        for part in chunked(names, 500):
            for o in MediationOrg.objects.filter(name__in=part):
                self.registered[(o.org_id, o.name)] = o

    def build(self, row: int, v: dict[str, Any]) -> BuiltDispute | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services.require_handler(self.user, (org, unit))  # the very check of register_dispute
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        outcome = v["outcome"] or ""
        d = Dispute(
            org=org,
            unit=unit,
            channel=v["channel"] or Channel.PEOPLE,
            committee=v["committee"],
            organization=self.registered.get((org.pk, v["committee"])),
            mediator=v["mediator"] or "",
            source=v["source"],
            kind=v["kind"],
            parties=v["parties"],
            summary=v["summary"],
            received_on=v["received_on"],
            outcome=outcome,
            concluded_on=v["concluded_on"],
            agreement=v["agreement"] or "",
            agreement_effective_on=v["agreement_effective_on"]
            or (v["concluded_on"] if outcome == Outcome.ORAL else None),
            routes_told=bool(v["routes_told"]),
            confirmation_applied_on=v["confirmation_applied_on"],
            confirmation_court=v["confirmation_court"] or "",
            confirmation=v["confirmation"] or "",
            confirmed_on=v["confirmed_on"],
            followed_up_on=v["followed_up_on"],
            performance=v["performance"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        try:
            deadline = rules.confirmation_deadline(d)
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            self.error(row, "agreement_effective_on", f"司法确认申请期限计算失败：{exc}")
            raise RowInvalid from None
        d.confirmation_due = deadline.due if deadline else None
        if d.organization is not None and rules.validate_links(d):
            d.organization = None  # not standing on that day: the name stays as written
        errors = rules.validate(d)
        for key, message in errors.items():
            self.error(row, key, message)
        if errors:
            raise RowInvalid
        if org.pk not in self.handling:
            self.handling[org.pk] = rules.handling_days(d)
        d.handling_due = d.received_on + timedelta(days=self.handling[org.pk])
        d.status = rules.status_of(d)
        return BuiltDispute(dispute=d, events=rules.timeline(d, note=IMPORT_REASON))

    def write(self, built: list[BuiltDispute], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        numbering.number_blank([b.dispute for b in built], "mediation")
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            rows = bulk_create_audited(Dispute, [b.dispute for b in part], user=user, when=now)
            events = [
                event_row(d.pk, kind, on, note, actor_id=user_id, when=now)
                for b, d in zip(part, rows, strict=True)
                for kind, on, note in b.events
            ]
            bulk_insert(DisputeEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(received_on__year=year)
        return qs.select_related("org", "unit").order_by("received_on", "id")

    def export_row(self, d: Dispute) -> list[Any]:
        return [
            self.orgs.label(d.unit),
            d.get_channel_display(),
            d.committee,
            d.mediator,
            d.get_source_display(),
            d.get_kind_display(),
            d.parties,
            d.summary,
            d.received_on,
            d.get_outcome_display() if d.outcome else "",
            d.concluded_on,
            d.agreement,
            d.agreement_effective_on,
            "是" if d.routes_told else "否",
            d.confirmation_applied_on,
            d.confirmation_court,
            d.get_confirmation_display() if d.confirmation else "",
            d.confirmed_on,
            d.followed_up_on,
            d.get_performance_display() if d.performance else "",
        ]


@register
class MediatorImporter(Importer):
    """The 人民调解员 roster units keep in a spreadsheet: one row per mediator, of an organisation already in the
    调解组织 register (by its name; the unit column tells apart two organisations of one name)."""

    app = "mediation_mediators"
    title = "人民调解员"
    sheet_name = "人民调解员"
    model = Mediator
    list_url_name = "mediation:mediators"
    columns = (
        Column(
            "organization",
            "调解组织",
            required=True,
            max_length=100,
            help="调解组织登记中的名称",
            width=26,
            aliases=("所在调解组织", "调委会", "调解委员会", "所属调解组织"),
        ),
        Column("unit", "所在单位", ORG, help="调解组织重名时填写", width=18, aliases=("所属单位",)),
        Column("name", "姓名", required=True, aliases=("调解员姓名", "人民调解员")),
        Column("post", "专兼职", CHOICE, choices=Post, help="留空为兼职", aliases=("专职/兼职", "是否专职")),
        Column(
            "appointment",
            "任职方式",
            CHOICE,
            choices=Appointment,
            help="留空为聘任调解员（人民调解法第十三条）",
            aliases=("身份", "委员或聘任"),
        ),
        Column("qualifications", "资格与专长", width=24, aliases=("资格", "专业特长", "职业资格", "学历")),
        Column("phone", "联系电话", aliases=("电话", "手机", "手机号码")),
        Column("appointed_on", "选任日期", DATE, required=True, aliases=("聘任日期", "任职日期", "推选日期")),
    )
    notes = (
        "调解组织须先在「调解组织」中登记；导入人须对调解组织所在单位有调处权限。",
        "任何一行有误，整个文件都不导入。",
    )

    def require_user(self) -> None:
        super().require_user()
        from fazhi.core.capabilities import all_capabilities
        from fazhi.core.permissions import can_any

        if not can_any(self.user, "mediation.import"):
            raise PermissionDenied(f"无权{all_capabilities()['mediation.import']}")

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        from .selectors import visible_organizations

        names = sorted({v["organization"] for _, v in rows if v.get("organization")})
        self.by_name: dict[str, list[MediationOrg]] = {}
        for part in chunked(names, 500):
            for o in visible_organizations(self.user).filter(name__in=part).select_related("org", "unit"):
                self.by_name.setdefault(o.name, []).append(o)

    def build(self, row: int, v: dict[str, Any]) -> Mediator | None:
        found = self.by_name.get(v["organization"], [])
        if v["unit"] is not None:
            found = [o for o in found if o.unit_id == v["unit"].pk]
        if not found:
            self.error(
                row, "organization", f"没有名为「{v['organization']}」的调解组织，请先在「调解组织」中登记"
            )
            raise RowInvalid
        if len(found) > 1:
            self.error(row, "unit", f"名为「{v['organization']}」的调解组织有{len(found)}个，请填写所在单位")
            raise RowInvalid
        o = found[0]
        try:
            services.require_handler(self.user, (o.org, o.unit))  # the very check of register_mediator
        except PermissionDenied:
            self.error(row, "organization", f"无权登记「{o.name}」的调解员")
            raise RowInvalid from None
        m = Mediator(
            org=o.org,
            unit=o.unit,
            organization=o,
            name=v["name"],
            post=v["post"] or Post.PART_TIME,
            appointment=v["appointment"] or Appointment.HIRED,
            qualifications=v["qualifications"] or "",
            phone=v["phone"] or "",
            appointed_on=v["appointed_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        errors = rules.validate_mediator(m)
        for key, message in errors.items():
            self.error(row, key, message)
        if errors:
            raise RowInvalid
        return m

    def write(self, built: list[Mediator], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            bulk_create_audited(Mediator, part, user=user, when=now)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .selectors import visible_mediators

        qs = visible_mediators(self.user)
        if isinstance(filters, QuerySet):  # the register list's search (mediation.views.register_export)
            qs = qs.filter(pk__in=filters.values("pk"))
        if org is not None:
            qs = qs.filter(unit__path__startswith=org.path)
        if year:
            qs = qs.filter(appointed_on__year__lte=year)
        return qs.select_related("organization", "unit").order_by("unit__path", "name", "id")

    def export_row(self, m: Mediator) -> list[Any]:
        return [
            m.organization.name,
            self.orgs.label(m.unit),
            m.name,
            m.get_post_display(),
            m.get_appointment_display(),
            m.qualifications,
            m.phone,
            m.appointed_on,
        ]
