"""学法活动 import and export: the sheet "学法活动" for the shared machinery in fazhi.core.importing. A row is one
session with its attendees in one cell ("姓名 职务" separated by "；" or line breaks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

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
from .choices import AttendeeRole, EventKind, SessionKind
from .models import Attendance, StudyEvent, StudySession


@dataclass
class Built:
    session: StudySession
    people: list[rules.Person] = field(default_factory=list)


@register
class EducationImporter(Importer):
    app = "education"
    title = "学法活动"
    sheet_name = "学法活动"
    model = StudySession
    list_url_name = "education:list"
    columns = (
        Column("unit", "组织单位", ORG, required=True, width=20),
        Column("kind", "形式", CHOICE, required=True, choices=SessionKind, width=14),
        Column("title", "主题", required=True, max_length=200, width=30),
        Column("held_on", "举办日期", DATE, required=True),
        Column("laws", "学习的法律法规", max_length=300, width=24),
        Column("meeting", "会议名称", max_length=120, help="会前学法必填", width=20),
        Column("speaker", "主讲人", max_length=100, help="会前学法、法治专题讲座必填"),
        Column("head_lectured", "主要负责人讲法", BOOL, help="留空为否"),
        Column("place", "地点", max_length=120),
        Column("court", "旁听法院", max_length=100, help="旁听庭审必填"),
        Column("court_case", "旁听案件", max_length=200),
        Column("people", "参加人员", help="每人“姓名 职务”，以“；”或换行分隔", width=40),
    )
    notes = ("导入人须对每行的组织单位或其所属行政区划有填报权限；导入的记录在修改历史中记为「导入」。",)

    def build(self, row: int, v: dict[str, Any]) -> Built:
        unit = v["unit"]
        org = self.orgs.jurisdiction(unit)
        try:
            services._require(self.user, (org, unit))
        except PermissionDenied:
            self.error(row, "", f"无权导入「{unit.name}」的记录")
            raise RowInvalid from None
        session = StudySession(
            org=org,
            unit=unit,
            kind=v["kind"],
            title=v["title"],
            held_on=v["held_on"],
            laws=v["laws"] or "",
            meeting=v["meeting"] or "",
            speaker=v["speaker"] or "",
            head_lectured=bool(v["head_lectured"]),
            place=v["place"] or "",
            court=v["court"] or "",
            court_case=v["court_case"] or "",
            created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        bad = False
        for key, message in rules.validate(session).items():
            self.error(row, key, message)
            bad = True
        try:
            people = rules.parse_people((v["people"] or "").replace("；", "\n").replace(";", "\n"))
        except ValueError as exc:
            self.error(row, "people", str(exc))
            raise RowInvalid from None
        if bad:
            raise RowInvalid
        if session.speaker and session.speaker not in {p.name for p in people}:
            people.insert(0, rules.Person(session.speaker[:50], title="主讲"))
        session.attendee_count = len(people)
        return Built(session, people)

    def write(self, built: list[Built], *, progress) -> int:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        now = timezone.now()
        done = 0
        for part in chunked(built, 2000):
            sessions = bulk_create_audited(StudySession, [b.session for b in part], user=user, when=now)
            people, events = [], []
            for b, s in zip(part, sessions, strict=True):
                for p in b.people:
                    role = AttendeeRole.SPEAKER if p.name == s.speaker else AttendeeRole.ATTENDEE
                    people.append(Attendance(session_id=s.pk, name=p.name, title=p.title, role=role))
                events.append(
                    event_row(
                        s.pk,
                        EventKind.REGISTERED,
                        s.held_on,
                        IMPORT_REASON,
                        actor_id=user.pk if user else None,
                        when=now,
                    )
                )
            bulk_create_audited(Attendance, people, user=user, when=now)
            bulk_insert(StudyEvent, events)
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
        return qs.select_related("unit").prefetch_related("attendances").order_by("held_on", "id")

    def export_row(self, s: StudySession) -> list[Any]:
        people = "；".join(f"{a.name} {a.title}".strip() for a in s.attendances.all())
        return [
            self.orgs.label(s.unit),
            s.get_kind_display(),
            s.title,
            s.held_on,
            s.laws,
            s.meeting,
            s.speaker,
            "是" if s.head_lectured else "否",
            s.place,
            s.court,
            s.court_case,
            people,
        ]
