"""政府信息公开申请 import and export: the sheet "依申请公开" for the shared machinery in fazhi.core.importing.

A row is an application in its final (historical) state; the clock is computed as the services compute it
(rules.reply_deadline: receipt, 补正, extension; consultations are not imported), and so is `on_time`."""

from __future__ import annotations

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
from fazhi.law.deadlines import DeadlineError

from . import rules, services
from .choices import Answer, ApplicantClass, Channel, EventKind, Form, Status
from .models import Application, DisclosureEvent


@register
class DisclosureImporter(Importer):
    app = "disclosure"
    title = "政府信息公开申请"
    sheet_name = "依申请公开"
    model = Application
    list_url_name = "disclosure:list"
    columns = (
        Column("unit", "受理机关", ORG, required=True, width=20),
        Column("applicant", "申请人", required=True, max_length=200),
        Column("applicant_class", "申请人类别", CHOICE, required=True, choices=ApplicantClass),
        Column("content", "申请公开的政府信息", required=True, width=30),
        Column("form", "形式要求", CHOICE, choices=Form, help="留空为电子"),
        Column("channel", "申请渠道", CHOICE, required=True, choices=Channel),
        Column("received_on", "收到申请日期", DATE, required=True, help="条例第三十一条"),
        Column("correction_requested_on", "告知补正日期", DATE),
        Column("corrected_on", "收到补正申请日期", DATE),
        Column("extension_days", "延长工作日数", INT, help="最多20（条例第三十三条第二款）"),
        Column("answered_on", "答复日期", DATE),
        Column("answer", "办理结果", CHOICE, choices=Answer, width=30),
    )
    notes = (
        "答复期限、是否按期答复由系统按《政府信息公开条例》第三十条、第三十三条计算，无需填写；登记编号由系统生成。",
        "导入人须对每行的受理机关或其所属行政区划有办理权限；导入的记录在修改历史中记为「导入」。",
    )

    def build(self, row: int, v: dict[str, Any]) -> Application:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services._require(self.user, (org, unit))
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        a = Application(
            org=org,
            unit=unit,
            applicant=v["applicant"],
            applicant_class=v["applicant_class"],
            content=v["content"],
            form=v["form"] or Form.ELECTRONIC,
            channel=v["channel"],
            received_on=v["received_on"],
            correction_requested_on=v["correction_requested_on"],
            corrected_on=v["corrected_on"],
            extension_days=v["extension_days"] or 0,
            answered_on=v["answered_on"],
            answer=v["answer"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        errors = rules.validate(a)
        if a.answered_on and not a.answer:
            errors.setdefault("answer", "填写了答复日期，请填写办理结果")
        if a.corrected_on and not a.correction_requested_on:
            errors.setdefault("correction_requested_on", "填写了收到补正日期，请填写告知补正日期")
        if errors:
            for key, message in errors.items():
                self.error(row, key, message)
            raise RowInvalid
        a.status = (
            Status.ANSWERED
            if a.answered_on
            else Status.CORRECTING
            if a.correction_requested_on and not a.corrected_on
            else Status.PENDING
        )
        try:
            d = rules.reply_deadline(a)
        except DeadlineError as exc:
            self.error(row, "extension_days", str(exc))
            raise RowInvalid from None
        a.due_on = d.due if d else None
        a.on_time = rules.is_on_time(a)
        return a

    def write(self, built: list[Application], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, 2000):
            for a in part:  # numbers from each organ's sequence, as registration gives them
                a.number = numbering.next_number(a.unit, "disclosure", a.received_on.year)[1]
            saved = bulk_create_audited(Application, part, user=user, when=now)
            events = []
            for a in saved:
                steps = [(EventKind.RECEIVED, a.received_on)]
                if a.answered_on:
                    steps.append((EventKind.ANSWERED, a.answered_on))
                for kind, on in steps:
                    events.append(
                        event_row(a.pk, kind, on, IMPORT_REASON, actor_id=user.pk if user else None, when=now)
                    )
            bulk_insert(DisclosureEvent, events)
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
        return qs.select_related("unit").order_by("received_on", "id")

    def export_row(self, a: Application) -> list[Any]:
        return [
            self.orgs.label(a.unit),
            a.applicant,
            a.get_applicant_class_display(),
            a.content,
            a.get_form_display(),
            a.get_channel_display(),
            a.received_on,
            a.correction_requested_on,
            a.corrected_on,
            a.extension_days,
            a.answered_on,
            a.get_answer_display() if a.answer else "",
        ]
