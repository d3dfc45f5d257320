"""Every write to 学法用法 records: one atomic, permission-checked, audited function per action."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import save_audited
from fazhi.core.locking import bump_version, lock
from fazhi.core.models import Org
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import AttendeeRole, SessionKind
from .models import Attendance, StudyEvent, StudyListItem, StudySession


def _require(actor: Actor, orgs: tuple[Org, ...], message: str = "无权登记该单位的学法活动") -> None:
    if not any(can(actor, org, "education.handle") for org in orgs):
        raise PermissionDenied(message)


def _user(actor: Actor | None) -> Actor | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save(session: StudySession, *, actor: Actor, reason: str) -> None:
    if session.pk is not None:
        bump_version(session)
    if errors := rules.validate(session):
        if session.pk:
            session.refresh_from_db()
        raise ValidationError(errors)
    session.full_clean(exclude=["created_by"])
    save_audited(session, actor=actor, reason=reason)


def _event(session: StudySession, action: str, *, on: date, actor: Actor | None, **facts: object) -> None:
    kind, on, note = rules.event(session, action, on, **facts)
    StudyEvent.objects.create(case=session, kind=kind, on=on, note=note, actor=_user(actor))


@transaction.atomic
def register_session(
    *,
    actor: Actor,
    unit: Org,
    kind: str,
    title: str,
    held_on: date,
    laws: str = "",
    meeting: str = "",
    speaker: str = "",
    head_lectured: bool = False,
    place: str = "",
    court: str = "",
    court_case: str = "",
) -> StudySession:
    """登记学法活动: a session held by `unit` (a unit, or a jurisdiction's own government)."""
    org = unit.jurisdiction()
    _require(actor, (org, unit))
    if kind not in SessionKind.values:
        raise ValidationError({"kind": f"未知的学法形式：{kind}"})
    session = StudySession(
        org=org,
        unit=unit,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        laws=laws.strip(),
        meeting=meeting.strip(),
        speaker=speaker.strip(),
        head_lectured=head_lectured,
        place=place.strip(),
        court=court.strip(),
        court_case=court_case.strip(),
        created_by=_user(actor),
    )
    _save(session, actor=actor, reason="登记学法活动")
    if session.speaker:
        Attendance.objects.create(session=session, name=session.speaker[:50], role=AttendeeRole.SPEAKER)
        _refresh_counts(session)
        session.save(update_fields=["attendee_count", "passed_count"])
    _event(session, "register", on=held_on, actor=actor)
    return session


def _refresh_counts(session: StudySession) -> None:
    people = session.attendances.all()
    session.attendee_count = people.count()
    session.passed_count = people.filter(passed=True).count()


def _check_people(session: StudySession, names: list[str], *, action: str) -> None:
    if not names:
        raise ValidationError({"people": "请至少填写一人"})
    if action == "attendees":
        taken = set(session.attendances.filter(name__in=names).values_list("name", flat=True))
        if taken:
            raise ValidationError({"people": f"已登记过：{'、'.join(sorted(taken))}"})


@transaction.atomic
def record_attendees(
    *, case: StudySession, actor: Actor, people: str, on: date | None = None
) -> StudySession:
    """登记参加人员: one "姓名 职务" a line; a name that is one Fazhi user's full name (one member of the unit of
    that name, else one active user) is linked to that user; an ambiguous name is linked to nobody, so that two
    people of one name do not merge (述法 reads a leader's record by the linked user)."""
    from django.contrib.auth import get_user_model

    lock(case)
    _require(actor, (case.org, case.unit), "无权登记该单位的学法活动")
    rules.check_transition(case, "attendees")
    try:
        parsed = rules.parse_people(people)
    except ValueError as exc:
        raise ValidationError({"people": str(exc)}) from None
    _check_people(case, [p.name for p in parsed], action="attendees")
    by_name: dict[str, list[Actor]] = {}
    named = get_user_model().objects.filter(first_name__in=[p.name for p in parsed], is_active=True)
    members = set(named.filter(memberships__org=case.unit).values_list("pk", flat=True))
    for u in named.order_by("pk"):
        by_name.setdefault(u.first_name, []).append(u)
    users: dict[str, Actor] = {}
    for name, found in by_name.items():
        found = [u for u in found if u.pk in members] or found
        if len(found) == 1:
            users[name] = found[0]
    Attendance.objects.bulk_create(
        Attendance(session=case, name=p.name, title=p.title, user=users.get(p.name)) for p in parsed
    )
    _refresh_counts(case)
    _save(case, actor=actor, reason="登记参加人员")
    _event(case, "attendees", on=on or case.held_on, actor=actor, added=len(parsed))
    return case


@transaction.atomic
def record_scores(
    *, case: StudySession, actor: Actor, scores: str, pass_mark: Decimal, on: date | None = None
) -> StudySession:
    """登记考试成绩: one "姓名 成绩" a line; a score at or above `pass_mark` passes. A name not yet among the
    attendees is added as one (the exam's participants are its attendees)."""
    lock(case)
    _require(actor, (case.org, case.unit), "无权登记该单位的学法活动")
    rules.check_transition(case, "scores")
    try:
        parsed = rules.parse_people(scores, scores=True)
    except ValueError as exc:
        raise ValidationError({"scores": str(exc)}) from None
    if not parsed:
        raise ValidationError({"scores": "请至少填写一人的成绩"})
    existing = {a.name: a for a in case.attendances.filter(name__in=[p.name for p in parsed])}
    new: list[Attendance] = []
    changed: list[Attendance] = []
    for p in parsed:
        a = existing.get(p.name) or Attendance(session=case, name=p.name)
        a.score, a.passed = p.score, (p.score is not None and p.score >= pass_mark)
        (changed if a.pk else new).append(a)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["score", "passed"])
    _refresh_counts(case)
    _save(case, actor=actor, reason="登记考试成绩")
    _event(case, "scores", on=on or case.held_on, actor=actor, scored=len(parsed))
    return case


@transaction.atomic
def add_list_item(
    *, actor: Actor, org: Org, year: int, law: str, audience: str = "全体领导干部", note: str = ""
) -> StudyListItem:
    """学法清单: one law the leaders of `org` must know in `year`."""
    _require(actor, (org,), "无权编制该单位的学法清单")
    law = law.strip()
    if not law:
        raise ValidationError({"law": "请填写法律法规名称"})
    if StudyListItem.objects.filter(org=org, year=year, law=law, audience=audience).exists():
        raise ValidationError({"law": f"{year}年学法清单已有《{law}》（{audience}）"})
    item = StudyListItem(org=org, year=year, law=law, audience=audience.strip(), note=note.strip())
    item.created_by = _user(actor)
    item.full_clean(exclude=["created_by"])
    save_audited(item, actor=actor, reason="编制学法清单")
    return item
