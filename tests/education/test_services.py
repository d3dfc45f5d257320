"""学法用法 services: every action, the refusals, the audit rows, and the org scope of the reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.education import selectors, services
from fazhi.education.choices import AttendeeRole, EventKind, SessionKind
from fazhi.education.models import StudySession

pytestmark = pytest.mark.django_db


def lecture(actor, unit, **kw):
    data = {
        "kind": SessionKind.LECTURE,
        "title": "学习《行政处罚法》",
        "held_on": date(2025, 3, 12),
        "speaker": "王伟",
    }
    data.update(kw)
    return services.register_session(actor=actor, unit=unit, **data)


def test_register_places_the_session_in_its_jurisdiction_and_lists_the_speaker(tree, office):
    s = lecture(office, tree.unit_a)
    assert s.org == tree.city and s.unit == tree.unit_a
    assert [(a.name, a.role) for a in s.attendances.all()] == [("王伟", AttendeeRole.SPEAKER)]
    assert s.attendee_count == 1
    assert s.history.first().history_change_reason == "登记学法活动"
    assert list(s.events.values_list("kind", flat=True)) == [EventKind.REGISTERED]


@pytest.mark.parametrize(
    ("kind", "missing", "field"),
    [
        (SessionKind.COURT, {"court": ""}, "court"),
        (SessionKind.PRE_MEETING, {"meeting": ""}, "meeting"),
        (SessionKind.LECTURE, {"speaker": ""}, "speaker"),
    ],
)
def test_each_kind_requires_its_facts(tree, office, kind, missing, field):
    with pytest.raises(ValidationError) as exc:
        lecture(office, tree.unit_a, kind=kind, **missing)
    assert field in exc.value.message_dict
    assert not StudySession.objects.exists()


def test_attendees_are_named_and_linked_to_users_by_name(tree, office, clerk_a):
    clerk_a.first_name = "李娜"
    clerk_a.save()
    s = lecture(office, tree.unit_a)
    services.record_attendees(case=s, actor=clerk_a, people="李娜 副局长\n\n张强，科长")
    rows = list(s.attendances.order_by("id").values_list("name", "title", "user_id"))
    assert rows == [("王伟", "", None), ("李娜", "副局长", clerk_a.pk), ("张强", "科长", None)]
    s.refresh_from_db()
    assert s.attendee_count == 3 and s.version == 2
    with pytest.raises(ValidationError, match="已登记过：张强"):
        services.record_attendees(case=s, actor=office, people="张强 科长")


def test_scores_only_for_exams_and_the_pass_mark_decides(tree, office):
    s = lecture(office, tree.unit_a)
    with pytest.raises(ValidationError, match="只有学法用法考试"):
        services.record_scores(case=s, actor=office, scores="王伟 90", pass_mark=Decimal(60))
    exam = lecture(office, tree.unit_a, kind=SessionKind.EXAM, speaker="")
    services.record_scores(case=exam, actor=office, scores="甲 59.5\n乙 60\n丙 88", pass_mark=Decimal(60))
    exam.refresh_from_db()
    assert (exam.attendee_count, exam.passed_count) == (3, 2)
    with pytest.raises(ValidationError, match="第1行：丁 的成绩“优”不是数字"):
        services.record_scores(case=exam, actor=office, scores="丁 优", pass_mark=Decimal(60))


def test_another_units_clerk_and_the_leader_may_not_write(tree, office, clerk_b, leader):
    with pytest.raises(PermissionDenied):
        lecture(clerk_b, tree.unit_a)
    s = lecture(office, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.record_attendees(case=s, actor=leader, people="张强")


def test_reads_are_scoped(tree, office, clerk_a, clerk_b):
    s = lecture(office, tree.unit_a)
    assert list(selectors.visible_cases(clerk_a)) == [s]
    assert list(selectors.visible_cases(clerk_b)) == []


def test_study_list_per_year_refuses_a_duplicate(tree, office, clerk_b):
    services.add_list_item(actor=office, org=tree.city, year=2025, law="中华人民共和国民法典")
    with pytest.raises(ValidationError, match="已有"):
        services.add_list_item(actor=office, org=tree.city, year=2025, law="中华人民共和国民法典")
    with pytest.raises(PermissionDenied):
        services.add_list_item(actor=clerk_b, org=tree.city, year=2025, law="信访工作条例")


def test_a_persons_study_record_for_the_year(tree, office):
    s1 = lecture(office, tree.unit_a)
    s2 = lecture(
        office,
        tree.unit_b,
        kind=SessionKind.COURT,
        court="青城市中级人民法院",
        held_on=date(2025, 6, 3),
        speaker="",
    )
    services.record_attendees(case=s2, actor=office, people="王伟 局长")
    assert [a.session for a in selectors.person_record(office, "王伟", 2025)] == [s1, s2]
