"""信访事项 import and export: the sheet "信访事项" for the shared machinery in fazhi.core.importing.

A row is a petition in its final (historical) state; the clocks and the state are derived as the services
derive them (rules.derive, rules.status_of); the number is reserved in one block per jurisdiction and year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from fazhi.core import numbering
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

from . import rules, services
from .choices import Answer, Category, Channel, Opinion, Route
from .models import Petition, PetitionEvent

WRITE_CHUNK = 2000


@dataclass
class BuiltPetition:
    petition: Petition
    events: list[tuple[str, date, str]] = field(default_factory=list)


@register
class PetitionImporter(Importer):
    app = "petitions"
    title = "信访事项"
    sheet_name = "信访事项"
    model = Petition
    list_url_name = "petitions:list"
    columns = (
        Column("unit", "办理单位", ORG, required=True, help="所属行政区划由系统按机构树确定", width=20),
        Column("channel", "信访形式", CHOICE, required=True, choices=Channel),
        Column("petitioner", "信访人", required=True, max_length=100),
        Column("people", "来访人数", INT, help="留空为1"),
        Column("representatives", "推选代表人数", INT, help="多人走访的不得超过5人（第二十条第三款）"),
        Column("category", "信访事项类别", CHOICE, required=True, choices=Category),
        Column("subject", "反映事项", required=True, max_length=200, width=28),
        Column("received_on", "收到信访事项日期", DATE, required=True),
        Column("route", "导入途径", CHOICE, choices=Route, help="诉访分离（第二十八条第二款、第三十一条）"),
        Column("route_reason", "导入理由", max_length=300),
        Column("routed_on", "导入日期", DATE),
        Column("accepted_on", "受理告知日期", DATE, help="自收到之日起15日内（第二十三条）"),
        Column("extension_days", "延长天数", INT, help="不超过30日（第三十四条）"),
        Column("extension_reason", "延期理由", max_length=300),
        Column("answered_on", "书面答复日期", DATE),
        Column("answer", "处理意见", CHOICE, choices=Answer),
        Column("review_requested_on", "请求复查日期", DATE),
        Column("reviewed_on", "复查意见日期", DATE),
        Column("review_opinion", "复查意见", CHOICE, choices=Opinion),
        Column("recheck_requested_on", "请求复核日期", DATE),
        Column("rechecked_on", "复核意见日期", DATE),
        Column("recheck_opinion", "复核意见", CHOICE, choices=Opinion),
    )
    notes = (
        "状态由所填日期推定；告知期限、办结期限、复查和复核期限由系统按信访工作条例自动计算，无需填写。",
        "导入人须对每行的办理单位或其所属行政区划有办理权限；导入的记录在修改历史中记为「导入」。",
    )

    def build(self, row: int, v: dict[str, Any]) -> BuiltPetition | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services.require_handler(self.user, (org, unit))
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        p = Petition(
            org=org,
            unit=unit,
            channel=v["channel"],
            petitioner=v["petitioner"],
            people=v["people"] or 1,
            representatives=v["representatives"] or 0,
            category=v["category"],
            subject=v["subject"],
            received_on=v["received_on"],
            route=v["route"] or "",
            route_reason=v["route_reason"] or "",
            disposed_on=v["routed_on"],
            accepted_on=v["accepted_on"],
            extension_days=v["extension_days"] or 0,
            extension_reason=v["extension_reason"] or "",
            answered_on=v["answered_on"],
            answer=v["answer"] or "",
            review_requested_on=v["review_requested_on"],
            reviewed_on=v["reviewed_on"],
            review_opinion=v["review_opinion"] or "",
            recheck_requested_on=v["recheck_requested_on"],
            rechecked_on=v["rechecked_on"],
            recheck_opinion=v["recheck_opinion"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        if p.route and not p.disposed_on:
            self.error(row, "routed_on", "导入法定途径的，请填写导入日期")
            raise RowInvalid
        errors = rules.validate(p)
        for key, message in errors.items():
            self.error(row, key, message)
        if errors:
            raise RowInvalid
        p.status = rules.status_of(p)
        try:
            rules.derive(p)
        except ValueError as exc:  # fazhi.law.deadlines.DeadlineError
            self.error(row, "received_on", f"期限计算失败：{exc}")
            raise RowInvalid from None
        return BuiltPetition(petition=p, events=rules.timeline(p, note=IMPORT_REASON))

    def write(self, built: list[BuiltPetition], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        numbering.number_blank([b.petition for b in built], "petitions")
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            rows = bulk_create_audited(Petition, [b.petition for b in part], user=user, when=now)
            events = [
                event_row(p.pk, kind, on, note, actor_id=user_id, when=now)
                for b, p in zip(part, rows, strict=True)
                for kind, on, note in b.events
            ]
            bulk_insert(PetitionEvent, events)
            done += len(part)
            progress(done)
        return done

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(received_on__year=year)
        return qs.select_related("org", "unit").order_by("received_on", "id")

    def export_row(self, p: Petition) -> list[Any]:
        return [
            self.orgs.label(p.unit),
            p.get_channel_display(),
            p.petitioner,
            p.people,
            p.representatives,
            p.get_category_display(),
            p.subject,
            p.received_on,
            p.get_route_display() if p.route else "",
            p.route_reason,
            p.disposed_on if p.route else None,
            p.accepted_on,
            p.extension_days or None,
            p.extension_reason,
            p.answered_on,
            p.get_answer_display() if p.answer else "",
            p.review_requested_on,
            p.reviewed_on,
            p.get_review_opinion_display() if p.review_opinion else "",
            p.recheck_requested_on,
            p.rechecked_on,
            p.get_recheck_opinion_display() if p.recheck_opinion else "",
        ]
