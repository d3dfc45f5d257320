"""12345 工单 services: the closed loop of 国办发〔2020〕53号 (受理 → 派单 → 签收 → 退单/派单异议 and its review →
回复 → 督办 → 办结 → 回访), the clock from dispatch in working days (a per-jurisdiction setting), bounce-time
accounting, 并单, and who may do what.

Hand-checked calendar: 2025 国庆 10月1日(三)–10月8日(三) 放假; 9月28日(日) and 10月11日(六) 上班 (调休)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import JurisdictionSetting
from fazhi.hotline import rules, services
from fazhi.hotline.choices import BounceKind, EventKind, Outcome, Satisfaction, Status, Urgency
from fazhi.hotline.models import Assignment, Ticket

from . import factories

pytestmark = pytest.mark.django_db
D = date


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


def reload(t) -> Ticket:
    return Ticket.objects.get(pk=t.pk)


def test_receive_numbers_the_ticket_and_records_history(tree, office):
    t = factories.ticket(office, tree.unit_a)  # a unit's hotline is its jurisdiction's
    assert t.org == tree.city and t.status == Status.RECEIVED
    assert t.number.startswith("青城市热线〔2025〕")
    assert t.history.count() == 1 and t.history.first().history_user == office
    assert list(t.events.values_list("kind", flat=True)) == [EventKind.RECEIVED]


def test_receive_refuses_a_category_outside_the_dictionary(tree, office):
    factories.categories()
    with pytest.raises(ValidationError) as exc:
        services.receive_ticket(
            actor=office,
            org=tree.city,
            caller="李四",
            category="9999",
            content="x",
            received_on=D(2025, 9, 29),
        )
    assert "诉求分类「9999」不在字典" in text(exc)
    assert not Ticket.objects.exists()


def test_dispatch_over_national_day_counts_working_days(tree, office):
    # Tue 2025-09-30 + 5 working days: 10-09, 10-10, 10-11 (调休 Saturday), 10-13, 10-14
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 9, 30))
    assert (t.status, t.unit, t.due_on) == (Status.DISPATCHED, tree.unit_a, D(2025, 10, 14))
    a = t.assignments.get()
    assert (a.unit, a.due_on, a.outcome) == (tree.unit_a, D(2025, 10, 14), Outcome.HOLDING)


def test_time_limits_are_settings_of_the_jurisdiction(tree, office):
    JurisdictionSetting.objects.create(org=tree.city, key="hotline.days.urgent", value="2")
    JurisdictionSetting.objects.create(
        org=tree.city, key="hotline.days.by_category", value="0101:10, 0305：3"
    )
    urgent = factories.dispatched(office, tree.city, tree.unit_a, urgency=Urgency.URGENT, on=D(2025, 9, 30))
    assert urgent.due_on == D(2025, 10, 10)  # 10-09, 10-10
    building = factories.dispatched(office, tree.city, tree.unit_a, category="0101", on=D(2025, 11, 3))
    assert building.due_on == D(2025, 11, 17)  # Mon + 10 working days
    transport = factories.dispatched(office, tree.city, tree.unit_a, category="0305", on=D(2025, 11, 7))
    assert transport.due_on == D(2025, 11, 12)  # Fri + 3: Mon 10, Tue 11, Wed 12


def test_a_bad_category_limit_setting_is_a_chinese_error():
    with pytest.raises(ValidationError) as exc:
        rules.parse_category_days("0101:十")
    assert "0101:十" in text(exc)


def test_dispatch_outside_the_jurisdiction_is_refused_and_nothing_written(tree, office):
    t = factories.ticket(office, tree.county)
    with pytest.raises(ValidationError) as exc:
        services.dispatch_ticket(ticket=t, actor=office, unit=tree.unit_a, dispatched_on=D(2025, 9, 30))
    assert "不在青城县人民政府的管辖范围内" in text(exc)
    t = reload(t)
    assert (t.status, t.unit_id) == (Status.RECEIVED, None)
    assert not Assignment.objects.exists()


def test_full_loop_on_time(tree, office, clerk_a):
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 9, 30))
    services.sign_ticket(ticket=t, actor=clerk_a, signed_on=D(2025, 10, 9))
    services.reply_ticket(ticket=t, actor=clerk_a, replied_on=D(2025, 10, 14), reply="已责令商户整改")
    assert t.on_time is True and t.status == Status.REPLIED
    services.close_ticket(ticket=t, actor=office, closed_on=D(2025, 10, 15))
    services.visit_ticket(
        ticket=t, actor=office, visited_on=D(2025, 10, 16), satisfaction=Satisfaction.SATISFIED
    )
    t = reload(t)
    assert (t.status, t.satisfaction, t.on_time) == (Status.CLOSED, Satisfaction.SATISFIED, True)
    a = t.assignments.get()
    assert (a.outcome, a.held_days) == (Outcome.REPLIED, 5)
    kinds = list(t.events.values_list("kind", flat=True))
    assert kinds == ["received", "dispatched", "signed", "replied", "closed", "visited"]
    with pytest.raises(ValidationError, match="已回访"):
        services.visit_ticket(ticket=t, actor=office, visited_on=D(2025, 10, 17), satisfaction="basic")


def test_late_reply_is_not_on_time(tree, office, clerk_a):
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 9, 30))
    services.sign_ticket(ticket=t, actor=clerk_a, signed_on=D(2025, 10, 9))
    services.reply_ticket(ticket=t, actor=clerk_a, replied_on=D(2025, 10, 15), reply="已处理")
    assert reload(t).on_time is False
    assert "超期回复" in t.events.get(kind=EventKind.REPLIED).note


def test_upheld_bounce_accounts_the_days_to_the_unit_and_restarts_the_clock(tree, office, clerk_a, clerk_b):
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 11, 3))  # Mon; due Mon 11-10
    services.bounce_ticket(ticket=t, actor=clerk_a, bounced_on=D(2025, 11, 5), reason="属公安交管职责")
    assert reload(t).status == Status.BOUNCING
    assert t.assignments.get().bounce_kind == BounceKind.RETURN
    services.review_bounce(ticket=t, actor=office, reviewed_on=D(2025, 11, 6), approved=True, note="同意")
    t = reload(t)
    assert (t.status, t.unit_id, t.due_on, t.bounce_count) == (Status.RECEIVED, None, None, 1)
    first = t.assignments.get()
    assert (first.outcome, first.held_days) == (Outcome.RETURNED, 2)  # Tue 11-04, Wed 11-05: unit A's days
    services.dispatch_ticket(ticket=t, actor=office, unit=tree.unit_b, dispatched_on=D(2025, 11, 6))
    assert reload(t).due_on == D(2025, 11, 13)  # Thu + 5: a new clock for unit B
    services.sign_ticket(ticket=t, actor=clerk_b, signed_on=D(2025, 11, 7))
    services.reply_ticket(ticket=t, actor=clerk_b, replied_on=D(2025, 11, 13), reply="已处理")
    assert reload(t).on_time is True
    assert [a.unit_id for a in t.assignments.all()] == [tree.unit_a.id, tree.unit_b.id]


def test_refused_objection_keeps_the_original_due_date(tree, office, clerk_a):
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 11, 3))
    services.sign_ticket(ticket=t, actor=clerk_a, signed_on=D(2025, 11, 4))
    services.bounce_ticket(ticket=t, actor=clerk_a, bounced_on=D(2025, 11, 5), reason="非本单位职责")
    assert t.assignments.get().bounce_kind == BounceKind.OBJECTION
    services.review_bounce(
        ticket=t, actor=office, reviewed_on=D(2025, 11, 7), approved=False, note="属市场监管"
    )
    t = reload(t)
    assert (t.status, t.unit, t.due_on) == (Status.HANDLING, tree.unit_a, D(2025, 11, 10))
    services.reply_ticket(ticket=t, actor=clerk_a, replied_on=D(2025, 11, 11), reply="已处理")
    assert reload(t).on_time is False  # the days spent objecting were unit A's
    assert t.events.filter(kind=EventKind.BOUNCE_REJECTED).exists()


def test_bounce_needs_a_reason(tree, office, clerk_a):
    t = factories.dispatched(office, tree.city, tree.unit_a)
    with pytest.raises(ValidationError, match="说明理由"):
        services.bounce_ticket(ticket=t, actor=clerk_a, bounced_on=D(2025, 10, 9), reason=" ")


def test_supervise_only_overdue_tickets(tree, office):
    t = factories.dispatched(office, tree.city, tree.unit_a, on=D(2025, 9, 30))
    with time_machine.travel(D(2025, 10, 14)), pytest.raises(ValidationError, match="尚未超过办理期限"):
        services.supervise_ticket(ticket=t, actor=office, supervised_on=D(2025, 10, 14))
    with time_machine.travel(D(2025, 10, 15)):
        services.supervise_ticket(ticket=t, actor=office, supervised_on=D(2025, 10, 15), note="请立即办理")
    assert reload(t).supervise_count == 1


def test_merge_keeps_the_original(tree, office):
    main = factories.dispatched(office, tree.city, tree.unit_a)
    dup = factories.dispatched(office, tree.city, tree.unit_b)
    services.merge_ticket(ticket=dup, actor=office, into=main, merged_on=D(2025, 10, 9))
    dup = reload(dup)
    assert (dup.status, dup.merged_into) == (Status.MERGED, main)
    assert dup.assignments.get().outcome == Outcome.WITHDRAWN
    assert list(main.merged.all()) == [dup]
    other = factories.ticket(office, tree.city)
    with pytest.raises(ValidationError, match="已并入其他工单"):
        services.merge_ticket(ticket=other, actor=office, into=dup, merged_on=D(2025, 10, 9))


def test_wrong_state_is_refused_in_chinese(tree, office, clerk_a):
    t = factories.ticket(office, tree.city)
    with pytest.raises(ValidationError) as exc:
        services.sign_ticket(ticket=t, actor=office, signed_on=D(2025, 9, 30))
    assert "当前状态为「待派单」，不能「签收」" in text(exc)


def test_who_may_do_what(tree, office, clerk_a, clerk_b, leader):
    t = factories.dispatched(office, tree.city, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.sign_ticket(ticket=t, actor=clerk_b, signed_on=D(2025, 10, 9))
    with pytest.raises(PermissionDenied):
        services.sign_ticket(ticket=t, actor=leader, signed_on=D(2025, 10, 9))
    services.sign_ticket(ticket=t, actor=clerk_a, signed_on=D(2025, 10, 9))
    services.reply_ticket(ticket=t, actor=clerk_a, replied_on=D(2025, 10, 10), reply="已处理")
    with pytest.raises(PermissionDenied, match="热线办理机构"):
        services.close_ticket(ticket=t, actor=clerk_a, closed_on=D(2025, 10, 10))
    with pytest.raises(PermissionDenied):
        factories.ticket(clerk_a, tree.city)
