"""信访 services: 登记 → 受理告知 / 诉访分离 → 办理 (延期) → 答复 → 复查 → 复核, the refusals, audit, scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.petitions import selectors, services
from fazhi.petitions.choices import EventKind, Status
from fazhi.petitions.models import Petition
from tests.petitions import factories

D = date
pytestmark = pytest.mark.django_db


def test_register_starts_the_fifteen_days_to_tell_the_petitioner(tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 9, 16))
    assert p.number == "青城市访〔2025〕1号" and p.org == tree.city
    assert p.notice_due == D(2025, 10, 9)  # 第二十三条: +15 = 10/1, 国庆 through 10/8
    assert p.due_on == p.notice_due and p.status == Status.REGISTERED
    assert p.history.first().history_change_reason == "登记信访事项"


def test_the_whole_chain_with_its_clocks(tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 3, 1))
    services.accept(case=p, actor=office, accepted_on=D(2025, 3, 3))
    assert (p.status, p.handling_due, p.disposed_on_time) == (Status.HANDLING, D(2025, 5, 6), True)
    services.extend(case=p, actor=office, days=30, reason="情况复杂，经局长批准")
    assert p.handling_due == D(2025, 6, 3)
    with pytest.raises(ValidationError, match="已延长过"):
        services.extend(case=p, actor=office, days=5, reason="再延")
    services.answer(case=p, actor=office, answered_on=D(2025, 5, 20), answer="reject")
    assert (p.status, p.answered_on_time, p.due_on) == (Status.ANSWERED, True, None)
    services.request_review(case=p, actor=office, requested_on=D(2025, 6, 10))
    assert p.review_due == D(2025, 7, 10) and p.due_on == p.review_due
    services.review(case=p, actor=office, reviewed_on=D(2025, 7, 1), opinion="uphold")
    services.request_recheck(case=p, actor=office, requested_on=D(2025, 7, 20))
    services.recheck(
        case=p,
        actor=office,
        rechecked_on=D(2025, 8, 25),
        opinion="uphold",
        hearing_start=D(2025, 8, 1),
        hearing_end=D(2025, 8, 5),
    )
    assert p.status == Status.CLOSED
    assert p.recheck_due == D(
        2025, 8, 25
    )  # 7/20 +30 = 8/19, +5 hearing days not counted (第三十六条第二款) = Sun 8/24 → Mon 8/25
    assert [e.kind for e in p.events.all()] == [
        EventKind.REGISTERED,
        EventKind.ACCEPTED,
        EventKind.EXTENDED,
        EventKind.ANSWERED,
        EventKind.REVIEW_REQUESTED,
        EventKind.REVIEWED,
        EventKind.RECHECK_REQUESTED,
        EventKind.RECHECKED,
    ]


def test_a_late_answer_is_recorded_as_late(tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 3, 1))
    services.accept(case=p, actor=office, accepted_on=D(2025, 3, 20))  # notice due 3/17
    assert not p.disposed_on_time
    services.answer(case=p, actor=office, answered_on=D(2025, 6, 1), answer="support")
    assert not p.answered_on_time
    assert "逾期" in p.events.get(kind=EventKind.ANSWERED).note


def test_a_court_matter_is_routed_with_its_reason(tree, office):
    p = factories.petition(office, unit=tree.unit_a)
    with pytest.raises(ValidationError, match="请写明理由"):
        services.route(case=p, actor=office, routed_on=D(2025, 9, 18), route="reconsideration", reason=" ")
    services.route(
        case=p,
        actor=office,
        routed_on=D(2025, 9, 18),
        route="reconsideration",
        reason="对征收决定不服，可申请行政复议",
    )
    assert (p.status, p.disposed_on, p.due_on) == (Status.ROUTED, D(2025, 9, 18), None)
    with pytest.raises(ValidationError, match="当前状态"):
        services.accept(case=p, actor=office, accepted_on=D(2025, 9, 19))


def test_a_group_visit_with_six_representatives_is_refused(tree, office):
    with pytest.raises(ValidationError, match="代表人数不得超过5人"):
        factories.petition(office, unit=tree.unit_a, channel="visit", people=20, representatives=6)
    assert not Petition.objects.exists()
    p = factories.petition(office, unit=tree.unit_a, channel="visit", people=20, representatives=5)
    assert p.representatives == 5


def test_a_review_request_after_thirty_days_is_refused(tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 3, 1))
    services.accept(case=p, actor=office, accepted_on=D(2025, 3, 3))
    services.answer(case=p, actor=office, answered_on=D(2025, 4, 1), answer="reject")
    # +30 = 5/1 (劳动节, through 5/5) → 5/6 is still in time; 5/7 is not.
    with pytest.raises(ValidationError, match="第三十五条"):
        services.request_review(case=p, actor=office, requested_on=D(2025, 5, 7))
    p.refresh_from_db()
    assert p.status == Status.ANSWERED and p.review_requested_on is None
    services.request_review(case=p, actor=office, requested_on=D(2025, 5, 6))
    assert p.status == Status.REVIEWING


def test_a_repeat_is_marked_and_after_recheck_the_intake_warns(tree, office):
    first = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 1, 2))
    Petition.objects.filter(pk=first.pk).update(status=Status.CLOSED)
    again = factories.petition(office, unit=tree.unit_b, received_on=D(2025, 9, 1))
    assert again.repeat_of == first
    note = again.events.get(kind=EventKind.REGISTERED).note
    assert "重复信访" in note and "不再受理" in note and "第三十六条第三款" in note
    other = factories.petition(office, unit=tree.unit_a, subject="噪声扰民")
    assert other.repeat_of is None


def test_scope_and_due_source(tree, office, clerk_a, clerk_b, county_office):
    p = factories.petition(clerk_a, unit=tree.unit_a)
    assert list(selectors.visible_cases(clerk_a)) == [p]
    assert not selectors.visible_cases(clerk_b).exists()
    assert not selectors.visible_cases(county_office).exists()
    with pytest.raises(PermissionDenied):
        services.accept(case=p, actor=clerk_b, accepted_on=D(2025, 9, 20))
    src = selectors.due_source()
    rows = list(src.annotated(office))
    assert [r.pk for r in rows] == [p.pk]
    assert rows[0].dp_rule == "书面告知信访人（《信访工作条例》第二十三条第二款）"


def test_received_on_is_locked_once_told_and_edit_recomputes_the_notice(client, tree, office):
    p = factories.petition(office, unit=tree.unit_a, received_on=D(2025, 9, 16))
    client.force_login(office)
    fields = (
        "channel",
        "petitioner",
        "phone",
        "people",
        "representatives",
        "received_by",
        "category",
        "subject",
        "content",
    )
    data = {f: getattr(p, f) for f in fields} | {
        "received_on": "2025-09-10",
        "reason": "收件日期登记错误",
        "version": p.version,
    }
    assert client.post(f"/petitions/{p.pk}/edit/", data).status_code == 302
    p.refresh_from_db()
    assert (p.received_on, p.notice_due, p.due_on) == (D(2025, 9, 10), D(2025, 9, 25), D(2025, 9, 25))
    services.accept(case=p, actor=office, accepted_on=D(2025, 9, 20))
    html = client.get(f"/petitions/{p.pk}/edit/").content.decode()
    assert "不能再修改" in html
