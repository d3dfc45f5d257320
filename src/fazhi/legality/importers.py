"""合法性审核 import and export: the sheet "合法性审核" for the shared machinery in fazhi.core.importing.

A row is a review request in its final (historical) state. Derived fields are computed as the services compute
them: the reviewing jurisdiction from the submitting unit, the statutory minimum review time (第二十六条第二款),
the office's time limit from the jurisdiction's setting (restarted when returned materials came back), whether
the request came too late and whether the opinion came in time. Blank 审核编号 are numbered by the system."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
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
from fazhi.law.calendar import WorkCalendar

from . import rules, services
from .choices import Opinion, SubjectKind
from .models import ReviewEvent, ReviewPoint, ReviewRequest

WRITE_CHUNK = 2000


@dataclass
class BuiltReview:
    request: ReviewRequest
    points: list[str] = field(default_factory=list)


@register
class ReviewImporter(Importer):
    app = "legality"
    title = "合法性审核事项"
    sheet_name = "合法性审核"
    model = ReviewRequest
    list_url_name = "legality:list"
    columns = (
        Column("number", "审核编号", help="留空由系统编号；同一审核机关内不得重复", width=24),
        Column("unit", "送审单位", ORG, required=True, help="审核机关由系统按机构树确定", width=20),
        Column("title", "送审事项", required=True, width=32),
        Column("subject_kind", "审核类别", CHOICE, required=True, choices=SubjectKind, width=20),
        Column("subject_ref", "关联文件或记录", help="文号或规范性文件、重大决策记录的编号", width=20),
        Column("received_on", "收件日期", DATE, required=True),
        Column(
            "requested_by",
            "要求出具意见日期",
            DATE,
            help="《重大行政决策程序暂行条例》第二十六条第二款：一般不少于7个工作日",
        ),
        Column("returned_on", "退回补充材料日期", DATE),
        Column("return_reason", "退回理由", width=24),
        Column("resubmitted_on", "补充材料日期", DATE, help="办理时限自补充材料之日重新计算"),
        Column("counsel_consulted", "征求法律顾问意见", BOOL, help="留空为否"),
        Column("opinion", "审核结论", CHOICE, choices=Opinion, width=14),
        Column("opinion_on", "出具意见日期", DATE),
        Column("opinion_text", "书面审核意见", max_length=5000, width=40),
        Column(
            "points",
            "意见建议",
            max_length=10000,
            help="每行一条（单元格内换行），计入意见建议条数",
            width=40,
        ),
        Column("closed_on", "办结日期", DATE),
    )
    notes = (
        "状态由所填日期推定：有办结日期为「已办结」；有审核结论为「已出具意见」；已退回未补充为「退回补充材料」；其余为「审核中」。",
        "法定最短审查时间、办理期限（本级设置的工作日数）、是否送审过晚、是否按时出具由系统计算，无需填写。",
        "导入人须对每行的送审单位或其所属行政区划有送审权限；导入的记录在修改历史中记为「导入」。",
        "“征求法律顾问意见”只记是否征求；具体人员和意见请在页面上逐条登记，才计入法律顾问参与次数。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        numbers = sorted({v["number"] for _, v in rows if v.get("number")})
        self.taken: set[tuple[int, str]] = set()
        for part in chunked(numbers, 500):
            self.taken.update(ReviewRequest.objects.filter(number__in=part).values_list("org_id", "number"))
        self.file_numbers: dict[tuple[int, str], int] = {}
        self.calendar = WorkCalendar()
        self.days: dict[int, int] = {}

    def _review_days(self, org) -> int:
        if org.pk not in self.days:
            self.days[org.pk] = services.review_days(org)
        return self.days[org.pk]

    def build(self, row: int, v: dict[str, Any]) -> BuiltReview | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services.require_submit(self.user, org, unit)  # the very check of register_request (page, API)
        except PermissionDenied:
            self.error(row, "unit", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        points = rules.split_points(v["points"] or "")
        request = ReviewRequest(
            org=org,
            unit=unit,
            number=v["number"] or "",
            title=v["title"],
            subject_kind=v["subject_kind"],
            subject_ref=v["subject_ref"] or "",
            received_on=v["received_on"],
            requested_by=v["requested_by"],
            returned_on=v["returned_on"],
            return_reason=v["return_reason"] or "",
            resubmitted_on=v["resubmitted_on"],
            counsel_consulted=bool(v["counsel_consulted"]),
            opinion=v["opinion"] or "",
            opinion_on=v["opinion_on"],
            opinion_text=v["opinion_text"] or "",
            points_count=len(points),
            closed_on=v["closed_on"],
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        bad = False
        for key, message in rules.validate(request).items():
            self.error(row, key, message)
            bad = True
        if request.opinion == Opinion.AGREE_REVISED and not points:
            self.error(row, "points", "修改后同意的，请逐条列明修改意见")
            bad = True
        if request.number:
            key = (org.pk, request.number)
            if key in self.file_numbers:
                self.error(row, "number", f"审核编号「{request.number}」与第{self.file_numbers[key]}行重复")
                bad = True
            elif key in self.taken:
                self.error(row, "number", f"审核编号「{request.number}」在{org.name}已使用")
                bad = True
            else:
                self.file_numbers[key] = row
        if bad:
            raise RowInvalid
        try:
            request.minimum_due = rules.minimum_review(request.received_on, calendar=self.calendar).due
            request.review_days = self._review_days(org)
        except (ValueError, ValidationError) as exc:
            self.error(row, "received_on", f"期限计算失败：{exc}")
            raise RowInvalid from None
        start = request.received_on
        if request.returned_on and request.resubmitted_on:
            start = request.resubmitted_on
        if not (request.returned_on and not request.resubmitted_on):
            request.clock_from = start
            request.due_on = rules.office_deadline(start, request.review_days, calendar=self.calendar).due
        request.short_notice = rules.short_notice(request)
        request.on_time = rules.on_time(request)
        request.status = rules.status_of(request)
        return BuiltReview(request=request, points=points)

    def write(self, built: list[BuiltReview], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        numbering.number_blank([b.request for b in built], services.APP)  # blank numbers only
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            requests = bulk_create_audited(ReviewRequest, [b.request for b in part], user=user, when=now)
            points, events = [], []
            for b, r in zip(part, requests, strict=True):
                points += [
                    {
                        "request_id": r.pk,
                        "org_id": r.org_id,
                        "unit_id": r.unit_id,
                        "raised_on": r.opinion_on,
                        "text": t,
                    }
                    for t in b.points
                ]
                for kind, on, note in rules.timeline(r, note=IMPORT_REASON):
                    events.append(event_row(r.pk, kind, on, note, actor_id=user_id, when=now))
            bulk_insert(ReviewPoint, points)
            bulk_insert(ReviewEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from django.db.models import Prefetch, Q

        from .casework import KIND

        qs = KIND.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(received_on__year=year)
        return (
            qs.select_related("org", "unit")
            .prefetch_related(Prefetch("points", queryset=ReviewPoint.objects.order_by("id")))
            .order_by("received_on", "id")
        )

    def export_row(self, r: ReviewRequest) -> list[Any]:
        return [
            r.number,
            self.orgs.label(r.unit),
            r.title,
            r.get_subject_kind_display(),
            r.subject_ref,
            r.received_on,
            r.requested_by,
            r.returned_on,
            r.return_reason,
            r.resubmitted_on,
            "是" if r.counsel_consulted else "否",
            r.get_opinion_display() if r.opinion else "",
            r.opinion_on,
            r.opinion_text,
            "\n".join(p.text for p in r.points.all()),
            r.closed_on,
        ]
