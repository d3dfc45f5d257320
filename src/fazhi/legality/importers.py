"""合法性审核 import and export: the sheet "合法性审核" for the shared machinery in fazhi.core.importing.

A row is a review request in its final (historical) state. Derived fields are computed as the services compute
them: the reviewing jurisdiction from the submitting unit, the statutory minimum review time (第二十六条第二款),
the office's time limit from the jurisdiction's setting (restarted when returned materials came back), whether
the request came too late and whether the opinion came in time. Blank 审核编号 are numbered by the system."""

from __future__ import annotations

import re
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
from .choices import CounselEventKind, CounselKind, CounselStatus, EventKind, Opinion, SubjectKind
from .models import Counsel, CounselEvent, CounselOpinion, ReviewEvent, ReviewPoint, ReviewRequest

WRITE_CHUNK = 2000


@dataclass
class BuiltReview:
    request: ReviewRequest
    points: list[str] = field(default_factory=list)
    counsel: list[int] = field(default_factory=list)  # the register's people who gave an opinion
    counsel_on: Any = None
    counsel_text: str = ""


NAME_SEPARATORS = re.compile(r"[、，,；;\s]+")


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
        Column("counsel_consulted", "征求法律顾问意见", BOOL, help="留空为否；填了参与人员的视为已征求"),
        Column(
            "counsel_names",
            "参与的法律顾问、公职律师",
            help="姓名，多人以“、”分隔；须为本级或上级名册中的人员，计入法律顾问参与次数",
            aliases=("法律顾问", "公职律师", "参与法律顾问"),
            width=22,
        ),
        Column("counsel_on", "法律顾问提出意见日期", DATE, help="留空取出具意见日期"),
        Column("counsel_text", "法律顾问意见", max_length=5000, help="多人的，为各人共同的意见", width=30),
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
        "“参与的法律顾问、公职律师”填本级或上级名册中的人员姓名，每人记一次参与（计入法律顾问参与次数）；"
        "名册中没有的，请先登记或导入名册。只填“征求法律顾问意见”而不填人员的，只记是否征求。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        numbers = sorted({v["number"] for _, v in rows if v.get("number")})
        self.taken: set[tuple[int, str]] = set()
        for part in chunked(numbers, 500):
            self.taken.update(ReviewRequest.objects.filter(number__in=part).values_list("org_id", "number"))
        self.file_numbers: dict[tuple[int, str], int] = {}
        names = sorted({n for _, v in rows for n in NAME_SEPARATORS.split(v.get("counsel_names") or "") if n})
        self.counsel_by_name: dict[str, list[tuple[int, str, Any]]] = {}
        for part in chunked(names, 500):
            for pk, name, code, end_on in Counsel.objects.filter(name__in=part).values_list(
                "pk", "name", "org__code", "end_on"
            ):
                self.counsel_by_name.setdefault(name, []).append((pk, code, end_on))
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
        counsel, counsel_on = self._counsel(row, v, org, request)
        if counsel is None:
            bad = True
        elif counsel:
            request.counsel_consulted = True
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
        return BuiltReview(
            request=request,
            points=points,
            counsel=counsel or [],
            counsel_on=counsel_on,
            counsel_text=v["counsel_text"] or "",
        )

    def _counsel(
        self, row: int, v: dict[str, Any], org, request: ReviewRequest
    ) -> tuple[list[int] | None, Any]:
        """The register's people named in the row (the jurisdiction's or a higher one's, as 登记法律顾问意见
        allows), the day of their opinion; None after an error."""
        names = [n for n in NAME_SEPARATORS.split(v["counsel_names"] or "") if n]
        if not names:
            if v["counsel_text"]:
                self.error(row, "counsel_names", "填写了法律顾问意见的，请填写参与的法律顾问、公职律师")
                return None, None
            return [], None
        on = v["counsel_on"] or request.opinion_on
        if on is None:
            self.error(row, "counsel_on", "请填写法律顾问提出意见日期（尚未出具审核意见的，无法推定）")
            return None, None
        if on < request.received_on:
            self.error(row, "counsel_on", "法律顾问提出意见日期不能早于收件日期")
            return None, None
        codes = {c for c in org.path.strip("/").split("/") if c}
        found: list[int] = []
        for name in dict.fromkeys(names):
            people = [p for p in self.counsel_by_name.get(name, []) if p[1] in codes]
            if not people:
                self.error(
                    row,
                    "counsel_names",
                    f"「{name}」不在{org.name}或上级的法律顾问、公职律师名册中，请先登记或导入名册",
                )
                return None, None
            if len(people) > 1:
                self.error(
                    row,
                    "counsel_names",
                    f"名册中有{len(people)}名「{name}」，无法确定是哪一位，请在页面上逐条登记",
                )
                return None, None
            pk, _, end_on = people[0]
            if end_on and on > end_on:
                self.error(row, "counsel_on", f"{name}已于{end_on:%Y-%m-%d}离任（聘期届满）")
                return None, None
            found.append(pk)
        return found, on

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
            opinions = [
                CounselOpinion(
                    request_id=r.pk,
                    counsel_id=pk,
                    org_id=r.org_id,
                    unit_id=r.unit_id,
                    given_on=b.counsel_on,
                    text=b.counsel_text,
                )
                for b, r in zip(part, requests, strict=True)
                for pk in b.counsel
            ]
            if opinions:
                bulk_create_audited(CounselOpinion, opinions, user=user, when=now)
            names = self._names_of({pk for b in part for pk in b.counsel})
            for b, r in zip(part, requests, strict=True):
                for pk in b.counsel:
                    events.append(
                        event_row(
                            r.pk, EventKind.COUNSEL, b.counsel_on, names[pk], actor_id=user_id, when=now
                        )
                    )
            bulk_insert(ReviewPoint, points)
            bulk_insert(ReviewEvent, events)
            done += len(part)
            progress(done)
        return done

    @staticmethod
    def _names_of(ids: set[int]) -> dict[int, str]:
        return {c.pk: str(c) for c in Counsel.objects.filter(pk__in=ids)}

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
            .prefetch_related(
                Prefetch("points", queryset=ReviewPoint.objects.order_by("id")),
                Prefetch(
                    "counsel_opinions",
                    queryset=CounselOpinion.objects.select_related("counsel").order_by("given_on", "id"),
                ),
            )
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
            "、".join(dict.fromkeys(o.counsel.name for o in r.counsel_opinions.all())),
            min((o.given_on for o in r.counsel_opinions.all()), default=None),
            "\n".join(dict.fromkeys(o.text for o in r.counsel_opinions.all() if o.text)),
            r.get_opinion_display() if r.opinion else "",
            r.opinion_on,
            r.opinion_text,
            "\n".join(p.text for p in r.points.all()),
            r.closed_on,
        ]


# -- the 法律顾问/公职律师 register ------------------------------------------------------------------------


@dataclass
class BuiltCounsel:
    counsel: Counsel
    ended: bool


@register
class CounselImporter(Importer):
    """The jurisdiction's 法律顾问/公职律师 register as units keep it in a workbook: one row per person, entering the
    register as 聘任（登记）on its start date, and 离任 on its end date when the row says so. Renewals and later
    changes are made on the person's page."""

    app = "legality_counsel"
    title = "法律顾问、公职律师"
    sheet_name = "法律顾问名册"
    model = Counsel
    list_url_name = "legality:counsel_list"
    columns = (
        Column(
            "unit",
            "服务（所在）单位",
            ORG,
            required=True,
            help="法律顾问填聘请单位；公职律师填所在单位",
            aliases=("聘请单位", "所在单位", "服务单位", "工作单位"),
            width=22,
        ),
        Column("name", "姓名", required=True, aliases=("顾问姓名", "律师姓名", "人员姓名"), width=12),
        Column("kind", "类别", CHOICE, required=True, choices=CounselKind, aliases=("人员类别", "顾问类别")),
        Column(
            "firm",
            "执业机构",
            help="法律顾问必填：所在律师事务所等",
            aliases=("律师事务所", "所在律所", "执业律所", "工作机构"),
            width=24,
        ),
        Column(
            "certificate_no",
            "证书编号",
            help="公职律师必填：公职律师证书编号",
            aliases=("公职律师证号", "执业证号", "律师证号", "执业证书编号"),
            width=22,
        ),
        Column(
            "start_on",
            "聘任（取得证书）日期",
            DATE,
            required=True,
            aliases=("聘任日期", "聘用日期", "取得证书日期", "发证日期", "聘期开始"),
        ),
        Column(
            "end_on",
            "聘期届满（离任）日期",
            DATE,
            help="聘期届满日期；已离任的填离任日期",
            aliases=("聘期届满日期", "合同到期日", "离任日期", "聘期结束"),
        ),
        Column("ended", "已离任", BOOL, help="已离任（解聘）的填「是」，须填离任日期；留空为在任"),
        Column("phone", "联系电话", aliases=("电话", "手机号码")),
        Column("note", "备注", width=24),
    )
    notes = (
        "每行为一名法律顾问或公职律师，按所填聘任（取得证书）日期登记入本级名册；已离任的同时记入离任日期。",
        "同一行政区划名册中已有的人员（同名、同类别、同执业机构或证书编号）不能再导入；续聘、离任请在人员页面办理。",
        "导入人须对每行的服务（所在）单位或其所属行政区划有管理名册的权限；任何一行有误，整个文件都不导入。",
    )

    def require_user(self) -> None:
        super().require_user()
        from fazhi.core.capabilities import all_capabilities
        from fazhi.core.permissions import can_any

        if not (can_any(self.user, "legality.import") and can_any(self.user, "legality.counsel")):
            caps = all_capabilities()
            raise PermissionDenied(
                f"无权导入法律顾问、公职律师名册（需要“{caps['legality.import']}”和“{caps['legality.counsel']}”权限）"
            )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        names = sorted({v["name"] for _, v in rows if v.get("name")})
        self.taken: set[tuple[int, str, str, str]] = set()
        for part in chunked(names, 500):
            self.taken.update(
                (org_id, name, kind, ident)
                for org_id, name, kind, firm, cert in Counsel.objects.filter(name__in=part).values_list(
                    "org_id", "name", "kind", "firm", "certificate_no"
                )
                for ident in [cert if kind == CounselKind.PUBLIC_LAWYER else firm]
            )
        self.in_file: dict[tuple[int, str, str, str], int] = {}
        self.allowed: dict[int, bool] = {}

    def build(self, row: int, v: dict[str, Any]) -> BuiltCounsel | None:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        if unit.pk not in self.allowed:
            try:
                services.require_counsel(self.user, org, unit)  # the very check of register_counsel
                self.allowed[unit.pk] = True
            except PermissionDenied:
                self.allowed[unit.pk] = False
        if not self.allowed[unit.pk]:
            self.error(row, "unit", f"无权导入「{unit.name}」的法律顾问、公职律师")
            raise RowInvalid
        ended = bool(v["ended"])
        counsel = Counsel(
            org=org,
            unit=unit,
            name=v["name"],
            kind=v["kind"],
            firm=v["firm"] or "",
            certificate_no=v["certificate_no"] or "",
            start_on=v["start_on"],
            end_on=v["end_on"],
            status=CounselStatus.ENDED if ended else CounselStatus.ACTIVE,
            phone=v["phone"] or "",
            note=v["note"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        errors = rules.validate_counsel(counsel)
        if ended and not counsel.end_on:
            errors.setdefault("end_on", "已离任的，请填写离任日期")
        if ended and counsel.end_on and counsel.end_on > timezone.localdate():
            errors.setdefault("end_on", f"离任日期不能晚于今天（{timezone.localdate():%Y-%m-%d}）")
        ident = counsel.certificate_no if counsel.kind == CounselKind.PUBLIC_LAWYER else counsel.firm
        key = (org.pk, counsel.name, counsel.kind, ident)
        if key in self.in_file:
            errors.setdefault("name", f"「{counsel.name}」与第{self.in_file[key]}行重复")
        elif key in self.taken:
            errors.setdefault("name", f"「{counsel.name}」已在{org.name}的名册中；续聘、离任请在人员页面办理")
        else:
            self.in_file[key] = row
        for key_, message in errors.items():
            self.error(row, key_, message)
        if errors:
            raise RowInvalid
        return BuiltCounsel(counsel, ended)

    def write(self, built: list[BuiltCounsel], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        user_id = user.pk if user else None
        now = timezone.now()
        done = 0
        for part in chunked(built, WRITE_CHUNK):
            people = bulk_create_audited(Counsel, [b.counsel for b in part], user=user, when=now)
            events = []
            for b, c in zip(part, people, strict=True):
                note = f"{IMPORT_REASON}；{c.firm or c.certificate_no}"
                events.append(
                    event_row(c.pk, CounselEventKind.REGISTERED, c.start_on, note, actor_id=user_id, when=now)
                )
                if b.ended:
                    events.append(
                        event_row(
                            c.pk, CounselEventKind.ENDED, c.end_on, IMPORT_REASON, actor_id=user_id, when=now
                        )
                    )
            bulk_insert(CounselEvent, events)
            done += len(part)
            progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------

    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from django.db.models import Q

        from .casework import COUNSEL

        qs = COUNSEL.filtered_from(self.user, filters)
        if org is not None:
            qs = qs.filter(Q(org__path__startswith=org.path) | Q(unit__path__startswith=org.path))
        if year:
            qs = qs.filter(start_on__year=year)
        return qs.select_related("org", "unit").order_by("start_on", "id")

    def export_row(self, c: Counsel) -> list[Any]:
        return [
            self.orgs.label(c.unit),
            c.name,
            c.get_kind_display(),
            c.firm,
            c.certificate_no,
            c.start_on,
            c.end_on,
            "是" if c.status == CounselStatus.ENDED else "否",
            c.phone,
            c.note,
        ]
