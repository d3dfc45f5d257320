"""12345 工单 import and export: the sheet "热线工单", for the exports of the city's hotline platform (hundreds of
thousands of rows a year) through the shared machinery in fazhi.core.importing (all rows or none).

A row is a ticket in its final (historical) state with its last 派单. Derived fields are computed as the services
compute them: the due date from the jurisdiction's time limits (rules.TimeLimits, read once per jurisdiction),
按时办结 by rules.is_on_time, the state by rules.status_of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.core.importing import (
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
from fazhi.core.permissions import can, default_org

from . import rules
from .choices import Channel, Outcome, RequestType, Satisfaction, Urgency
from .models import Assignment, Ticket, TicketEvent
from .selectors import categories

WRITE_CHUNK = 5000


@dataclass
class BuiltTicket:
    ticket: Ticket
    events: list[tuple[str, date, str]]


@register
class TicketImporter(Importer):
    app = "hotline"
    title = "12345热线工单"
    sheet_name = "热线工单"
    model = Ticket
    list_url_name = "hotline:list"
    columns = (
        Column("number", "工单编号", required=True, help="热线平台的工单编号，同一热线内不得重复", width=20),
        Column("org", "受理热线", ORG, help="受理工单的行政区划；留空为导入人所在行政区划", width=16),
        Column("received_on", "受理日期", DATE, required=True),
        Column("channel", "受理渠道", CHOICE, choices=Channel, help="留空为电话"),
        Column("request_type", "诉求类型", CHOICE, choices=RequestType, help="留空为求助"),
        Column(
            "category", "诉求分类", required=True, max_length=100, help="字典「12345诉求分类」的编码或名称"
        ),
        Column("urgency", "紧急程度", CHOICE, choices=Urgency, help="留空为一般"),
        Column("caller", "诉求人", required=True),
        Column("phone", "联系电话"),
        Column("location", "诉求地点", width=24),
        Column("content", "诉求内容", required=True, max_length=2000, width=40),
        Column("unit", "承办单位", ORG, help="须为受理热线所辖的单位", width=20),
        Column("dispatched_on", "派单日期", DATE, help="办理期限自派单次日起按本级时限设置计算"),
        Column("signed_on", "签收日期", DATE),
        Column("replied_on", "回复日期", DATE),
        Column("reply", "办理结果", max_length=2000, width=30),
        Column("closed_on", "办结日期", DATE),
        Column("visited_on", "回访日期", DATE),
        Column("satisfaction", "满意度", CHOICE, choices=Satisfaction),
    )
    notes = (
        "工单状态由所填日期推定：有办结日期为「已办结」，有回复日期为「已回复」，有签收日期为「办理中」，有派单日期为「待签收」，其余为「待派单」。",
        "办理期限、是否按时办结由系统按本级设置的办理时限（按诉求分类和紧急程度，自派单次日起按工作日计算）自动计算，无需填写。",
        "导入人须对每行的受理热线有办理权限；任何一行有误则全部不导入，错误报告逐行列明原因。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        cats = categories()
        self.category_codes = set(cats)
        self.category_by_label = {label: code for code, label in cats.items()}
        self.home = default_org(self.user)
        self.limits: dict[int, rules.TimeLimits] = {}
        self.allowed: dict[int, bool] = {}
        self.file_numbers: dict[tuple[int, str], int] = {}
        numbers = sorted({v["number"] for _, v in rows})
        self.taken: set[tuple[int, str]] = set()
        for part in chunked(numbers, 900):
            self.taken.update(Ticket.objects.filter(number__in=part).values_list("org_id", "number"))
        self.due_cache: dict[tuple[int, date, str, str], date] = {}

    def _limits(self, org) -> rules.TimeLimits:
        if org.id not in self.limits:
            self.limits[org.id] = rules.TimeLimits.of(org)
        return self.limits[org.id]

    def build(self, row: int, v: dict[str, Any]) -> BuiltTicket | None:
        org = v["org"] or self.home
        if org is None:
            self.error(row, "org", "请填写受理热线（导入人不属于任何行政区划）")
            raise RowInvalid
        org = self.orgs.jurisdiction(org)
        if org.id not in self.allowed:
            self.allowed[org.id] = can(self.user, org, "hotline.handle")
        if not self.allowed[org.id]:
            self.error(row, "org", f"无权导入「{org.name}」热线的工单")
            raise RowInvalid
        bad = False

        def err(key: str, message: str) -> None:
            nonlocal bad
            self.error(row, key, message)
            bad = True

        category = v["category"]
        if category not in self.category_codes:
            code = self.category_by_label.get(category)
            if code is None:
                err("category", f"诉求分类「{category}」不在字典「12345诉求分类」中")
            category = code or category
        ticket = Ticket(
            org=org,
            number=v["number"],
            channel=v["channel"] or Channel.PHONE,
            request_type=v["request_type"] or RequestType.HELP,
            category=category,
            urgency=v["urgency"] or Urgency.NORMAL,
            caller=v["caller"],
            phone=v["phone"] or "",
            location=v["location"] or "",
            content=v["content"],
            received_on=v["received_on"],
            unit=v["unit"],
            dispatched_on=v["dispatched_on"],
            signed_on=v["signed_on"],
            replied_on=v["replied_on"],
            reply=v["reply"] or "",
            closed_on=v["closed_on"],
            visited_on=v["visited_on"],
            satisfaction=v["satisfaction"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        if v["replied_on"] and not (v["reply"] or "").strip():
            err("reply", "填写了回复日期，请填写办理结果")
        for key, message in rules.validate(ticket).items():
            err(key, message)
        key = (org.id, v["number"])
        if key in self.file_numbers:
            err("number", f"工单编号「{v['number']}」与第{self.file_numbers[key]}行重复")
        elif key in self.taken:
            err("number", f"工单编号「{v['number']}」在{org.name}热线已存在")
        else:
            self.file_numbers[key] = row
        if bad:
            raise RowInvalid
        if ticket.dispatched_on:
            ck = (org.id, ticket.dispatched_on, ticket.category, ticket.urgency)
            due = self.due_cache.get(ck)
            if due is None:
                try:
                    due = self._limits(org).due(ticket.dispatched_on, ticket.category, ticket.urgency)
                except ValueError as exc:  # an uncovered calendar year, a bad setting
                    self.error(row, "dispatched_on", f"办理期限计算失败：{exc}")
                    raise RowInvalid from None
                self.due_cache[ck] = due
            ticket.due_on = due
        ticket.on_time = rules.is_on_time(ticket)
        ticket.status = rules.status_of(ticket)
        return BuiltTicket(ticket=ticket, events=rules.timeline(ticket, note=IMPORT_REASON))

    def write(self, built: list[BuiltTicket], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            tickets = bulk_create_audited(Ticket, [b.ticket for b in part], user=user, when=now)
            assignments, events = [], []
            for b, t in zip(part, tickets, strict=True):
                if t.dispatched_on:
                    replied = t.replied_on
                    assignments.append(
                        {
                            "ticket_id": t.pk,
                            "unit_id": t.unit_id,
                            "dispatched_on": t.dispatched_on,
                            "due_on": t.due_on,
                            "signed_on": t.signed_on,
                            "ended_on": replied,
                            "outcome": Outcome.REPLIED if replied else Outcome.HOLDING,
                        }
                    )
                for kind, on, note in b.events:
                    events.append(event_row(t.pk, kind, on, note, actor_id=user_id, when=now))
            bulk_insert(Assignment, assignments)
            bulk_insert(TicketEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(org__path__startswith=org.path)
        if year:
            qs = qs.filter(received_on__gte=date(year, 1, 1), received_on__lte=date(year, 12, 31))
        self.category_labels = categories()
        return qs.select_related("org", "unit").order_by("received_on", "id")

    def export_row(self, t: Ticket) -> list[Any]:
        return [
            t.number,
            self.orgs.label(t.org),
            t.received_on,
            t.get_channel_display(),
            t.get_request_type_display(),
            self.category_labels.get(t.category, t.category),
            t.get_urgency_display(),
            t.caller,
            t.phone,
            t.location,
            t.content,
            self.orgs.label(t.unit),
            t.dispatched_on,
            t.signed_on,
            t.replied_on,
            t.reply,
            t.closed_on,
            t.visited_on,
            t.get_satisfaction_display() if t.satisfaction else "",
        ]
