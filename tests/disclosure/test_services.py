"""依申请公开: the reply clock through every action (条例 第三十条、第三十三条; dates hand-checked in
tests/law/test_disclosure_deadlines.py), refusals, audit, scope, the due-date source and the figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.disclosure import selectors, services
from fazhi.disclosure.choices import Answer, Status
from fazhi.disclosure.models import Application
from fazhi.indicators.registry import Period, compute, drilldown_records

pytestmark = pytest.mark.django_db
D = date


SEPT_22 = D(2025, 9, 22)


def apply(actor, unit, received_on=SEPT_22, applicant_class="person"):
    return services.register_application(
        actor=actor,
        unit=unit,
        applicant="赵六",
        applicant_class=applicant_class,
        content="申请公开2024年食品抽检结果",
        channel="online",
        received_on=received_on,
    )


def test_registration_numbers_and_starts_the_twenty_working_day_clock(tree, office):
    a = apply(office, tree.unit_a)
    assert a.due_on == D(2025, 10, 24) and a.status == Status.PENDING
    assert a.number.endswith("〔2025〕1号") and "依申请公开" in a.number
    assert apply(office, tree.unit_a).number.endswith("〔2025〕2号")
    assert a.history.first().history_change_reason == "登记政府信息公开申请"


def test_correction_stops_the_clock_and_restarts_it_from_the_corrected_application(tree, office):
    a = apply(office, tree.unit_a)
    services.request_correction(case=a, actor=office, requested_on=D(2025, 9, 24))
    assert (a.status, a.due_on) == (Status.CORRECTING, None)
    with pytest.raises(ValidationError, match="待补正"):
        services.request_correction(case=a, actor=office, requested_on=D(2025, 9, 25))
    services.record_corrected(case=a, actor=office, corrected_on=D(2025, 9, 26))
    assert (a.status, a.due_on) == (Status.PENDING, D(2025, 10, 30))
    with pytest.raises(ValidationError, match="一次性告知"):
        services.request_correction(case=a, actor=office, requested_on=D(2025, 9, 29))


def test_a_late_correction_notice_is_noted(tree, office):
    a = apply(office, tree.unit_a)
    services.request_correction(case=a, actor=office, requested_on=D(2025, 10, 9))  # due 9-30
    assert "应于2025-09-30前告知" in a.events.last().note


def test_a_consultation_is_not_counted_and_the_extension_is_once_and_capped(tree, office):
    a = apply(office, tree.unit_a)
    services.start_consultation(case=a, actor=office, party="某食品公司", started_on=D(2025, 10, 9))
    assert (a.status, a.due_on) == (Status.CONSULTING, None)
    with pytest.raises(ValidationError, match="征求意见尚未结束"):
        services.answer(case=a, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 10, 10))
    services.end_consultation(case=a, actor=office, ended_on=D(2025, 10, 15))
    assert a.due_on == D(2025, 11, 3)
    with pytest.raises(ValidationError, match="最长不得超过20个工作日"):
        services.extend(case=a, actor=office, days=21, extended_on=D(2025, 10, 20))
    services.extend(case=a, actor=office, days=20, extended_on=D(2025, 10, 20))
    assert a.due_on == D(2025, 12, 1)
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.extend(case=a, actor=office, days=5, extended_on=D(2025, 10, 21))


def test_answer_on_time_or_late(tree, office):
    a = apply(office, tree.unit_a)
    services.answer(case=a, actor=office, answer=Answer.PARTIAL, answered_on=D(2025, 10, 24))
    assert (a.status, a.on_time) == (Status.ANSWERED, True)
    b = apply(office, tree.unit_a)
    services.answer(case=b, actor=office, answer=Answer.NOT_HELD, answered_on=D(2025, 10, 27))
    assert b.on_time is False and "逾期" in b.events.last().note
    with pytest.raises(ValidationError):
        services.answer(case=b, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 10, 28))


def test_not_corrected_ends_only_an_application_awaiting_correction(tree, office):
    a = apply(office, tree.unit_a)
    with pytest.raises(ValidationError, match="未告知补正"):
        services.answer(case=a, actor=office, answer=Answer.NOT_CORRECTED, answered_on=D(2025, 10, 1))
    services.request_correction(case=a, actor=office, requested_on=D(2025, 9, 24))
    with pytest.raises(ValidationError, match="待补正"):
        services.answer(case=a, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 10, 1))
    services.answer(case=a, actor=office, answer=Answer.NOT_CORRECTED, answered_on=D(2025, 11, 20))
    assert a.on_time is True


def test_scope_and_refusals(tree, office, clerk_a, clerk_b, leader):
    with pytest.raises(PermissionDenied):
        apply(clerk_b, tree.unit_a)
    a = apply(clerk_a, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.answer(case=a, actor=leader, answer=Answer.DISCLOSED, answered_on=D(2025, 10, 1))
    assert list(selectors.visible_cases(clerk_a)) == [a]
    assert list(selectors.visible_cases(clerk_b)) == []


def test_the_due_source_lists_running_clocks_only(tree, office):
    running = apply(office, tree.unit_a)
    waiting = apply(office, tree.unit_a)
    services.request_correction(case=waiting, actor=office, requested_on=D(2025, 9, 23))
    answered = apply(office, tree.unit_a)
    services.answer(case=answered, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 9, 30))
    src = selectors.due_source()
    assert list(src.queryset(office).filter(due_on__isnull=False)) == [running]
    assert [r.pk for r in src.annotated(office)] == [running.pk]


def test_figures_and_their_drilldowns(tree, office):
    a = apply(office, tree.unit_a)
    services.answer(case=a, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 10, 24))
    b = apply(office, tree.county_unit, applicant_class="business")
    services.answer(case=b, actor=office, answer=Answer.PROCESS, answered_on=D(2025, 10, 27))
    apply(office, tree.unit_b)  # open
    keys = [
        "disclosure.applications_received",
        "disclosure.applications",
        "disclosure.answered_on_time",
        "disclosure.on_time_rate",
        "disclosure.answers_disclosed",
        "disclosure.answers_withheld",
    ]
    got = compute(tree.city, Period.year(2025), keys)
    assert {k: v.value for k, v in got.items() if k != "disclosure.on_time_rate"} == {
        "disclosure.applications_received": 3,
        "disclosure.applications": 2,
        "disclosure.answered_on_time": 1,
        "disclosure.answers_disclosed": 1,
        "disclosure.answers_withheld": 1,
    }
    rate = got["disclosure.on_time_rate"]
    assert (str(rate.value), rate.numerator, rate.denominator) == ("50.0", 1, 2)
    for key in keys:
        if key != "disclosure.on_time_rate":
            assert drilldown_records(key, tree.city, Period.year(2025)).count() == got[key].value


def test_annual_report_tables_balance(tree, office):
    carried = apply(office, tree.unit_a, received_on=D(2024, 12, 20))
    services.answer(case=carried, actor=office, answer=Answer.DISCLOSED, answered_on=D(2025, 1, 10))
    a = apply(office, tree.unit_a, applicant_class="legal")
    services.answer(case=a, actor=office, answer=Answer.REPEATED, answered_on=D(2025, 10, 10))
    services.record_dispute(case=a, actor=office, kind="review", outcome="upheld", on=D(2025, 11, 1))
    apply(office, tree.unit_a, received_on=D(2025, 12, 29))  # carried to next year
    t = selectors.report_tables(tree.city, 2025)
    rows = {label: counts for _, label, counts in t.rows}
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 2
    assert rows["二、上年结转政府信息公开申请数量"][-1] == 1
    assert rows["（一）予以公开"][-1] == 1
    assert rows["2.重复申请"][4] == 1  # 法律服务机构
    assert rows["（七）总计"][-1] == 2
    assert rows["四、结转下年度继续办理"][-1] == 1
    new, old, done, carry = (
        rows[k][-1]
        for k in (
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "（七）总计",
            "四、结转下年度继续办理",
        )
    )
    assert new + old == done + carry
    assert t.disputes[0] == ("行政复议", [1, 0, 0, 0, 1])
    assert Application.objects.count() == 3
