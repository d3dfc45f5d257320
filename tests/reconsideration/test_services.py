"""行政复议 services: the statutory workflow, each stored due date checked against dates worked out by hand.

Holiday notices used below (国务院办公厅, 2025):
  春节  1月28日(二)–2月4日(二) 放假；1月26日(日)、2月8日(六) 上班
  清明  4月4日(五)–4月6日(日) 放假
  劳动节 5月1日(四)–5月5日(一) 放假；4月27日(日) 上班
  国庆  10月1日(三)–10月8日(三) 放假；9月28日(日)、10月11日(六) 上班
复议法 "五日、十日" are working days (第八十八条第二款); 60/30 日 are calendar days whose last day moves past a
法定休假日 (民事诉讼法 第八十五条第三款 via 复议法 第八十八条第一款). The start day is never counted.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import NumberSequence
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import (
    Decision,
    EventKind,
    HearingKind,
    Procedure,
    Status,
    TerminationReason,
)
from fazhi.reconsideration.models import Applicant, Hearing, ReconsiderationCase, Suspension
from tests import factories

pytestmark = pytest.mark.django_db
D = date


def text(exc: pytest.ExceptionInfo) -> str:
    return "；".join(exc.value.messages)


def reload(case: ReconsiderationCase) -> ReconsiderationCase:
    return ReconsiderationCase.objects.get(pk=case.pk)


def history(case) -> list[tuple[str, str]]:
    return list(
        case.history.order_by("history_date", "history_id").values_list(
            "history_change_reason", "history_user__username"
        )
    )


def events(case) -> list[tuple[str, date]]:
    return list(case.events.order_by("on", "id").values_list("kind", "on"))


# -- the whole workflow ---------------------------------------------------------------------------------
def test_ordinary_case_from_application_to_closing(tree, office, clerk_a):
    # 收到申请 Fri 2025-01-24. Acceptance review, 5 working days (第三十条):
    # Sat 1/25 rest, Sun 1/26 调休上班 (1), Mon 1/27 (2), 1/28–2/4 春节, Wed 2/5 (3), Thu 2/6 (4), Fri 2/7 (5).
    case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 24))
    assert case.number == "青府复〔2025〕1号"
    assert case.status == Status.RECEIVED
    assert case.acceptance_due == D(2025, 2, 7)
    assert case.next_due == D(2025, 2, 7)
    assert (case.correction_due, case.reply_due, case.decision_due) == (None, None, None)

    # 通知补正 served Mon 1/27. The applicant has 10 working days (第三十一条第二款):
    # 1/28–2/4 春节, Wed 2/5 (1), Thu 2/6 (2), Fri 2/7 (3), Sat 2/8 调休上班 (4), Sun 2/9 rest,
    # Mon 2/10 (5), 2/11 (6), 2/12 (7), 2/13 (8), Fri 2/14 (9), weekend, Mon 2/17 (10).
    # While the applicant corrects, no acceptance review runs.
    case = services.request_correction(
        case=case, actor=office, notice_on=D(2025, 1, 27), items="请补充身份证明"
    )
    assert case.status == Status.CORRECTION
    assert case.correction_due == D(2025, 2, 17)
    assert case.acceptance_due is None
    assert case.next_due == D(2025, 2, 17)

    # 收到补正材料 Wed 2/12: the review runs again from then (第三十一条第三款):
    # Thu 2/13 (1), Fri 2/14 (2), Mon 2/17 (3), Tue 2/18 (4), Wed 2/19 (5).
    case = services.receive_correction(case=case, actor=office, received_on=D(2025, 2, 12))
    assert case.status == Status.RECEIVED
    assert case.correction_due is None
    assert case.acceptance_due == D(2025, 2, 19)
    assert case.next_due == D(2025, 2, 19)

    # 受理 Fri 2/14. Decision within 60 calendar days (第六十二条第一款): Feb 15–28 = 14 days, March = 31
    # (45), April 1–15 = 15 (60) → Tue 4/15, a working day.
    case = services.accept_case(case=case, actor=office, accepted_on=D(2025, 2, 14))
    assert case.status == Status.HEARING
    assert case.procedure == Procedure.ORDINARY
    assert case.acceptance_due is None
    assert case.decision_due == D(2025, 4, 15)
    assert case.next_due == D(2025, 4, 15)

    # 副本 received by the respondent Fri 2/21. Reply within 10 working days (第四十八条):
    # Mon 2/24 (1) … Fri 2/28 (5), Mon 3/3 (6) … Fri 3/7 (10). The reply is now the nearer date.
    case = services.record_copy_served(case=case, actor=office, received_on=D(2025, 2, 21))
    assert case.reply_due == D(2025, 3, 7)
    assert case.next_due == D(2025, 3, 7)

    # The respondent's own clerk records the reply (Wed 3/5, in time): the reply clock stops.
    case = services.record_reply(case=reload(case), actor=clerk_a, replied_on=D(2025, 3, 5))
    assert case.reply_due is None
    assert case.next_due == D(2025, 4, 15)

    hearing = services.record_hearing(
        case=case, actor=office, kind=HearingKind.OPINION, held_on=D(2025, 3, 10), note="电话听取申请人意见"
    )
    assert Hearing.objects.get(pk=hearing.pk).case_id == case.pk

    # 中止 Fri 3/14 (第三十九条): the decision clock stops, so there is no due date while suspended.
    case = services.suspend_case(
        case=reload(case), actor=office, started_on=D(2025, 3, 14), reason="双方同意中止进行调解"
    )
    assert case.status == Status.SUSPENDED
    assert case.decision_due is None
    assert case.next_due is None

    # 恢复 Sun 3/23. Days 3/14–3/23 (10 days) are not counted: Feb 15–Mar 13 = 27 days counted,
    # then Mar 24–31 = 8 (35), April 1–25 = 25 (60) → Fri 4/25, a working day.
    case = services.resume_case(case=case, actor=office, resumed_on=D(2025, 3, 23))
    assert case.status == Status.HEARING
    assert case.decision_due == D(2025, 4, 25)
    assert case.next_due == D(2025, 4, 25)
    assert Suspension.objects.get(case=case).resumed_on == D(2025, 3, 23)

    # 延期 10 日 (第六十二条第一款): 70 counted days end on Mon 5/5, the last day of 劳动节 (5/1–5/5),
    # so the period ends on the first working day after it, Tue 5/6.
    case = services.extend_case(
        case=case, actor=office, approved_on=D(2025, 4, 10), days=10, approver="李主任"
    )
    assert case.extension_days == 10
    assert case.extension_approver == "李主任"
    assert case.decision_due == D(2025, 5, 6)
    assert case.next_due == D(2025, 5, 6)

    case = services.decide_case(
        case=case, actor=office, decision=Decision.REVOKE, decided_on=D(2025, 4, 30), note="事实不清"
    )
    assert case.status == Status.DECIDED
    assert case.decision == Decision.REVOKE
    assert (case.decision_due, case.next_due) == (None, None)

    case = services.close_case(case=case, actor=office, closed_on=D(2025, 5, 6))
    assert case.status == Status.CLOSED
    assert case.closed_on == D(2025, 5, 6)

    stored = reload(case)
    assert (stored.status, stored.decision, stored.next_due) == (Status.CLOSED, Decision.REVOKE, None)
    assert events(case) == [
        (EventKind.RECEIVED, D(2025, 1, 24)),
        (EventKind.CORRECTION_REQUESTED, D(2025, 1, 27)),
        (EventKind.CORRECTION_RECEIVED, D(2025, 2, 12)),
        (EventKind.ACCEPTED, D(2025, 2, 14)),
        (EventKind.COPY_SERVED, D(2025, 2, 21)),
        (EventKind.REPLIED, D(2025, 3, 5)),
        (EventKind.HEARD, D(2025, 3, 10)),
        (EventKind.SUSPENDED, D(2025, 3, 14)),
        (EventKind.RESUMED, D(2025, 3, 23)),
        (EventKind.EXTENDED, D(2025, 4, 10)),
        (EventKind.DECIDED, D(2025, 4, 30)),
        (EventKind.CLOSED, D(2025, 5, 6)),
    ]
    assert case.events.get(kind=EventKind.CORRECTION_REQUESTED).note == "请补充身份证明"
    assert case.events.get(kind=EventKind.EXTENDED).note == "延长 10 日，批准人：李主任"
    assert case.events.get(kind=EventKind.DECIDED).note == "撤销"
    assert case.events.get(kind=EventKind.REPLIED).actor == clerk_a
    # Every change of the case is a history row naming the actor and the reason.
    assert history(case) == [
        ("收到申请", "office"),
        ("通知补正", "office"),
        ("收到补正材料", "office"),
        ("受理", "office"),
        ("副本送达被申请人", "office"),
        ("被申请人答复", "clerk_a"),
        ("中止", "office"),
        ("恢复审理", "office"),
        ("延期 10 日", "office"),
        ("作出决定：撤销", "office"),
        ("结案", "office"),
    ]
    # Child records are audited the same way.
    applicant = Applicant.objects.get(case=case)
    assert list(applicant.history.values_list("history_change_reason", "history_user__username")) == [
        ("登记申请人", "office")
    ]
    suspension = Suspension.objects.get(case=case)
    assert list(
        suspension.history.order_by("history_id").values_list(
            "history_change_reason", "history_user__username"
        )
    ) == [("中止", "office"), ("恢复审理", "office")]
    assert list(hearing.history.values_list("history_change_reason", "history_user__username")) == [
        ("登记听取意见/听证", "office")
    ]


def test_late_reply_is_recorded_with_the_missed_deadline(tree, office):
    # Copy received Wed 2025-04-02. Reply within 10 working days: Thu 4/3 (1), 4/4–4/6 清明,
    # Mon 4/7 (2) … Fri 4/11 (6), Mon 4/14 (7), 4/15 (8), 4/16 (9), Thu 4/17 (10).
    case = factories.accepted_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 31), accepted_on=D(2025, 4, 1)
    )
    case = services.record_copy_served(case=case, actor=office, received_on=D(2025, 4, 2))
    assert case.reply_due == D(2025, 4, 17)
    services.record_reply(case=case, actor=office, replied_on=D(2025, 4, 18))
    assert case.events.get(kind=EventKind.REPLIED).note == "逾期答复（期限 2025-04-17）"


def test_simplified_case_has_thirty_days_and_a_five_day_reply(tree, office):
    # 简易程序 accepted Fri 2025-09-05: 30 calendar days end Sun 10/5, inside 国庆 (10/1–10/8), so the
    # decision is due on the first working day after the holiday, Thu 10/9 (第六十二条第二款).
    case = factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=D(2025, 9, 4),
        accepted_on=D(2025, 9, 5),
        procedure=Procedure.SIMPLIFIED,
    )
    assert case.decision_due == D(2025, 10, 9)
    # Copy received Fri 9/26; reply within 5 working days (第五十四条): Sat 9/27 rest, Sun 9/28 调休上班 (1),
    # Mon 9/29 (2), Tue 9/30 (3), 10/1–10/8 国庆, Thu 10/9 (4), Fri 10/10 (5).
    case = services.record_copy_served(case=case, actor=office, received_on=D(2025, 9, 26))
    assert case.reply_due == D(2025, 10, 10)
    assert case.next_due == D(2025, 10, 9)


def test_converting_a_simplified_case_gives_it_the_ordinary_sixty_days(tree, office):
    # Accepted Fri 2025-09-05 as 简易; after conversion (第五十五条) 60 calendar days: Sept 6–30 = 25,
    # October = 31 (56), Nov 1–4 = 4 (60) → Tue 11/4.
    case = factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=D(2025, 9, 4),
        accepted_on=D(2025, 9, 5),
        procedure=Procedure.SIMPLIFIED,
    )
    with pytest.raises(ValidationError) as exc:
        services.convert_to_ordinary(case=case, actor=office, on=D(2025, 9, 10), approver=" ")
    assert "请填写批准人" in text(exc)
    case = services.convert_to_ordinary(
        case=reload(case), actor=office, on=D(2025, 9, 10), approver="复议机构负责人"
    )
    assert case.procedure == Procedure.ORDINARY
    assert case.decision_due == D(2025, 11, 4)
    assert case.events.get(kind=EventKind.PROCEDURE_CHANGED).note == "批准人：复议机构负责人"


def test_deciding_while_suspended_may_only_terminate_and_closes_the_suspension(tree, office):
    case = factories.accepted_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4)
    )
    services.suspend_case(
        case=case, actor=office, started_on=D(2025, 3, 10), reason="申请人丧失参加行政复议的行为能力"
    )
    with pytest.raises(ValidationError) as exc:
        services.decide_case(
            case=reload(case), actor=office, decision=Decision.UPHOLD, decided_on=D(2025, 5, 12)
        )
    assert "中止状态下只能决定终止" in text(exc)
    # 中止满六十日 (3/10 + 60 days = 5/9) → 终止 (第四十一条).
    case = services.decide_case(
        case=reload(case),
        actor=office,
        decision=Decision.TERMINATE,
        decided_on=D(2025, 5, 12),
        termination_reason=TerminationReason.SUSPENDED_60,
    )
    assert case.status == Status.DECIDED
    assert Suspension.objects.get(case=case).resumed_on == D(2025, 5, 12)


# -- illegal transitions and bad input --------------------------------------------------------------------
@pytest.fixture
def received(tree, office):
    """A case received Fri 2025-01-24 and still 待审查."""
    return factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 24))


@pytest.fixture
def hearing_case(tree, office):
    """A case accepted Fri 2025-02-14 (ordinary), 审理中."""
    return factories.accepted_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 10), accepted_on=D(2025, 2, 14)
    )


def test_a_case_still_under_acceptance_review_cannot_be_decided(received, office):
    with pytest.raises(ValidationError) as exc:
        services.decide_case(case=received, actor=office, decision=Decision.UPHOLD, decided_on=D(2025, 3, 1))
    assert "当前状态为「待审查」，不能「作出决定」" in text(exc)
    assert reload(received).status == Status.RECEIVED


def test_a_case_cannot_be_closed_before_a_decision(hearing_case, office):
    with pytest.raises(ValidationError) as exc:
        services.close_case(case=hearing_case, actor=office, closed_on=D(2025, 3, 1))
    assert "当前状态为「审理中」，不能「结案」：只有「已决定」状态的案件可以结案" in text(exc)


def test_a_simplified_case_cannot_be_extended(tree, office):
    case = factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=D(2025, 2, 10),
        accepted_on=D(2025, 2, 14),
        procedure=Procedure.SIMPLIFIED,
    )
    with pytest.raises(ValidationError) as exc:
        services.extend_case(case=case, actor=office, approved_on=D(2025, 3, 1), days=10, approver="李主任")
    assert "适用简易程序的案件" in text(exc) and "不能延期" in text(exc)
    assert reload(case).extension_days == 0


def test_extensions_may_not_exceed_thirty_days_in_total(hearing_case, office):
    services.extend_case(
        case=hearing_case, actor=office, approved_on=D(2025, 4, 1), days=10, approver="李主任"
    )
    with pytest.raises(ValidationError) as exc:
        services.extend_case(
            case=reload(hearing_case), actor=office, approved_on=D(2025, 4, 2), days=21, approver="李主任"
        )
    assert "延长期限最多不得超过三十日" in text(exc) and "本案已延长 10 日" in text(exc)
    # Exactly 30 in total is allowed: 60 + 30 = 90 days from Fri 2/14: Feb 15–28 = 14, March = 31 (45),
    # April = 30 (75), May 1–15 = 15 (90) → Thu 5/15, a working day.
    case = services.extend_case(
        case=reload(hearing_case), actor=office, approved_on=D(2025, 4, 2), days=20, approver="李主任"
    )
    assert case.extension_days == 30
    assert case.decision_due == D(2025, 5, 15)


def test_an_extension_needs_an_approver_and_positive_days(hearing_case, office):
    with pytest.raises(ValidationError) as exc:
        services.extend_case(case=hearing_case, actor=office, approved_on=D(2025, 4, 1), days=10, approver="")
    assert "须经行政复议机构负责人批准" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.extend_case(
            case=reload(hearing_case), actor=office, approved_on=D(2025, 4, 1), days=0, approver="李主任"
        )
    assert "延长天数应为正整数" in text(exc)


def test_termination_requires_a_reason_and_only_termination_takes_one(hearing_case, office):
    with pytest.raises(ValidationError) as exc:
        services.decide_case(
            case=hearing_case, actor=office, decision=Decision.TERMINATE, decided_on=D(2025, 3, 1)
        )
    assert exc.value.message_dict == {
        "termination_reason": ["决定终止的，应当写明终止原因（复议法第四十一条）。"]
    }
    with pytest.raises(ValidationError) as exc:
        services.decide_case(
            case=reload(hearing_case),
            actor=office,
            decision=Decision.UPHOLD,
            decided_on=D(2025, 3, 1),
            termination_reason=TerminationReason.WITHDRAWN,
        )
    assert "只有终止决定需要写明终止原因" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.decide_case(
            case=reload(hearing_case), actor=office, decision="approve", decided_on=D(2025, 3, 1)
        )
    assert "未知的决定类型" in text(exc)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c, u: services.accept_case(case=c, actor=u, accepted_on=D(2025, 1, 23)),
            "受理日期（2025-01-23）不能早于收到申请日期（2025-01-24）",
        ),
        (
            lambda c, u: services.reject_application(
                case=c, actor=u, rejected_on=D(2025, 1, 20), reason="超过申请期限"
            ),
            "不予受理日期",
        ),
        (
            lambda c, u: services.request_correction(
                case=c, actor=u, notice_on=D(2025, 1, 1), items="补充材料"
            ),
            "补正通知送达日期",
        ),
    ],
)
def test_dates_before_the_application_are_refused(received, office, call, message):
    with pytest.raises(ValidationError) as exc:
        call(received, office)
    assert message in text(exc)
    assert reload(received).status == Status.RECEIVED


def test_dates_before_earlier_steps_are_refused(hearing_case, office):
    # Accepted 2025-02-14: nothing of the hearing stage may be dated before it.
    for call, message in [
        (
            lambda c: services.record_copy_served(case=c, actor=office, received_on=D(2025, 2, 13)),
            "被申请人收到副本日期（2025-02-13）不能早于受理日期",
        ),
        (
            lambda c: services.suspend_case(case=c, actor=office, started_on=D(2025, 2, 1), reason="调解"),
            "中止日期",
        ),
        (
            lambda c: services.decide_case(
                case=c, actor=office, decision=Decision.UPHOLD, decided_on=D(2025, 2, 13)
            ),
            "决定日期",
        ),
        (
            lambda c: services.record_hearing(
                case=c, actor=office, kind=HearingKind.HEARING, held_on=D(2025, 2, 1)
            ),
            "不能早于受理日期",
        ),
        (
            lambda c: services.extend_case(
                case=c, actor=office, approved_on=D(2025, 2, 1), days=5, approver="李主任"
            ),
            "批准日期",
        ),
    ]:
        with pytest.raises(ValidationError) as exc:
            call(reload(hearing_case))
        assert message in text(exc)
    case = services.record_copy_served(case=reload(hearing_case), actor=office, received_on=D(2025, 2, 21))
    with pytest.raises(ValidationError) as exc:
        services.record_reply(case=case, actor=office, replied_on=D(2025, 2, 20))
    assert "答复日期（2025-02-20）不能早于被申请人收到副本日期（2025-02-21）" in text(exc)
    case = services.decide_case(
        case=reload(case), actor=office, decision=Decision.UPHOLD, decided_on=D(2025, 3, 20)
    )
    with pytest.raises(ValidationError) as exc:
        services.close_case(case=case, actor=office, closed_on=D(2025, 3, 19))
    assert "结案日期（2025-03-19）不能早于决定日期（2025-03-20）" in text(exc)


def test_resumption_before_the_suspension_is_refused(hearing_case, office):
    case = services.suspend_case(case=hearing_case, actor=office, started_on=D(2025, 3, 14), reason="调解")
    with pytest.raises(ValidationError) as exc:
        services.resume_case(case=case, actor=office, resumed_on=D(2025, 3, 13))
    assert "恢复日期（2025-03-13）不能早于中止日期（2025-03-14）" in text(exc)


def test_terminating_a_suspended_case_before_the_suspension_began_is_refused(hearing_case, office):
    # Suspended on 3/14; a 终止 dated 3/10 would close the suspension before it began. The service must refuse
    # it with a message, not let the database constraint on the suspension fail.
    case = services.suspend_case(case=hearing_case, actor=office, started_on=D(2025, 3, 14), reason="调解")
    with pytest.raises(ValidationError) as exc:
        services.decide_case(
            case=case,
            actor=office,
            decision=Decision.TERMINATE,
            decided_on=D(2025, 3, 10),
            termination_reason=TerminationReason.WITHDRAWN,
        )
    assert "不能早于中止日期" in text(exc)
    assert reload(case).status == Status.SUSPENDED


def test_a_second_resumption_or_suspension_follows_the_state_machine(hearing_case, office):
    with pytest.raises(ValidationError) as exc:
        services.resume_case(case=hearing_case, actor=office, resumed_on=D(2025, 3, 1))
    assert "当前状态为「审理中」，不能「恢复审理」" in text(exc)
    case = services.suspend_case(case=hearing_case, actor=office, started_on=D(2025, 3, 14), reason="调解")
    with pytest.raises(ValidationError) as exc:
        services.suspend_case(case=case, actor=office, started_on=D(2025, 3, 15), reason="调解")
    assert "当前状态为「中止」，不能「中止」" in text(exc)
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            case=reload(case), actor=office, kind=HearingKind.OPINION, held_on=D(2025, 3, 20)
        )
    assert "不能「登记听取意见/听证」" in text(exc)


def test_a_suspension_needs_a_reason(hearing_case, office):
    with pytest.raises(ValidationError) as exc:
        services.suspend_case(case=hearing_case, actor=office, started_on=D(2025, 3, 14), reason="  ")
    assert "请填写中止原因" in text(exc)


# -- 不予受理, 补正 and 视为放弃 -------------------------------------------------------------------------------
def test_rejection_requires_a_reason_and_ends_the_clock(received, office):
    with pytest.raises(ValidationError) as exc:
        services.reject_application(case=received, actor=office, rejected_on=D(2025, 1, 27), reason=" ")
    assert "不予受理的，应当说明理由" in text(exc)
    case = services.reject_application(
        case=reload(received), actor=office, rejected_on=D(2025, 1, 27), reason="超过申请期限"
    )
    assert case.status == Status.REJECTED
    assert (case.rejected_on, case.closed_on) == (D(2025, 1, 27), D(2025, 1, 27))
    assert (case.acceptance_due, case.next_due) == (None, None)
    assert case.events.get(kind=EventKind.REJECTED).note == "超过申请期限"
    with pytest.raises(ValidationError):
        services.accept_case(case=case, actor=office, accepted_on=D(2025, 1, 28))


def test_a_correction_notice_must_list_the_items(received, office):
    with pytest.raises(ValidationError) as exc:
        services.request_correction(case=received, actor=office, notice_on=D(2025, 1, 27), items="")
    assert "一次性载明需要补正的事项" in text(exc)


def test_abandonment_only_after_the_correction_deadline(received, office):
    # Notice Mon 1/27 → correction due Mon 2/17 (see the workflow test). On 2/17 the applicant still has
    # the whole day; from 2/18 the application is deemed abandoned (第三十一条第二款).
    case = services.request_correction(
        case=received, actor=office, notice_on=D(2025, 1, 27), items="补充身份证明"
    )
    assert case.correction_due == D(2025, 2, 17)
    with pytest.raises(ValidationError) as exc:
        services.mark_abandoned(case=case, actor=office, on=D(2025, 2, 17))
    assert "补正期限 2025-02-17 尚未届满，不能视为放弃" in text(exc)
    case = services.mark_abandoned(case=reload(case), actor=office, on=D(2025, 2, 18))
    assert case.status == Status.ABANDONED
    assert case.closed_on == D(2025, 2, 18)
    assert case.next_due is None


def test_abandonment_is_only_for_cases_awaiting_correction(received, office):
    with pytest.raises(ValidationError) as exc:
        services.mark_abandoned(case=received, actor=office, on=D(2025, 3, 1))
    assert "只有「补正中」状态的案件可以视为放弃" in text(exc)


def test_acceptance_after_correction_is_not_before_the_materials(received, office):
    case = services.request_correction(
        case=received, actor=office, notice_on=D(2025, 1, 27), items="补充身份证明"
    )
    case = services.receive_correction(case=case, actor=office, received_on=D(2025, 2, 12))
    with pytest.raises(ValidationError) as exc:
        services.accept_case(case=case, actor=office, accepted_on=D(2025, 2, 11))
    assert "受理日期（2025-02-11）不能早于" in text(exc)
    with pytest.raises(ValidationError):
        services.receive_correction(case=reload(case), actor=office, received_on=D(2025, 2, 13))


# -- registration and case numbers --------------------------------------------------------------------------
def test_case_numbers_are_sequential_per_reconsideration_organ_and_year(tree, office):
    def number(org, respondent, received_on):
        return factories.register_case(office, org=org, respondent=respondent, received_on=received_on).number

    assert number(tree.city, tree.unit_a, D(2025, 3, 3)) == "青府复〔2025〕1号"
    assert number(tree.city, tree.unit_b, D(2025, 3, 4)) == "青府复〔2025〕2号"
    # Another 复议机关 counts on its own; another year starts at 1 again.
    assert number(tree.county, tree.county_unit, D(2025, 3, 4)) == "青县府复〔2025〕1号"
    assert number(tree.city, tree.unit_a, D(2024, 12, 30)) == "青府复〔2024〕1号"
    assert number(tree.city, tree.unit_a, D(2025, 3, 5)) == "青府复〔2025〕3号"
    numbers = list(
        ReconsiderationCase.objects.filter(org=tree.city, year=2025)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert numbers == [1, 2, 3]


def test_without_a_prefix_the_number_uses_the_short_name(tree, office):
    NumberSequence.objects.filter(org=tree.county, app="reconsideration").update(prefix="")
    case = factories.register_case(
        office, org=tree.county, respondent=tree.county_unit, received_on=D(2025, 3, 3)
    )
    assert case.number == "青城县复〔2025〕1号"


def test_registration_needs_an_applicant_and_a_jurisdiction(tree, office):
    with pytest.raises(ValidationError) as exc:
        services.register_application(
            actor=office,
            org=tree.city,
            respondent=tree.unit_a,
            received_on=D(2025, 3, 3),
            applicants=[{"name": " "}],
            act_type="penalty",
            act_description="罚款",
        )
    assert "至少填写一名申请人" in text(exc)
    with pytest.raises(ValidationError) as exc:
        factories.register_case(office, org=tree.unit_a, respondent=tree.unit_b, received_on=D(2025, 3, 3))
    assert "复议机关应为一级人民政府" in text(exc)
    with pytest.raises(ValidationError) as exc:
        factories.register_case(office, org=tree.city, respondent=tree.city, received_on=D(2025, 3, 3))
    assert "被申请人不能是复议机关本身" in text(exc)
    assert ReconsiderationCase.objects.count() == 0


def test_several_applicants_are_all_registered(tree, office):
    case = services.register_application(
        actor=office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=D(2025, 3, 3),
        applicants=[{"name": "张三"}, {"name": "某某有限公司", "kind": "legal", "representative": "王律师"}],
        act_type="penalty",
        act_description="罚款",
    )
    assert case.applicant_summary == "张三、某某有限公司"
    assert list(case.applicants.order_by("id").values_list("name", "kind", "representative")) == [
        ("张三", "person", ""),
        ("某某有限公司", "legal", "王律师"),
    ]


# -- who may do what --------------------------------------------------------------------------------------
def test_only_office_and_reviewers_handle_cases(tree, office, reviewer, clerk_a, leader, county_office):
    case = factories.register_case(
        reviewer, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 10)
    )
    assert case.created_by == reviewer
    # A clerk of the respondent may not accept or decide its own case.
    with pytest.raises(PermissionDenied) as exc:
        services.accept_case(case=case, actor=clerk_a, accepted_on=D(2025, 2, 12))
    assert str(exc.value) == "无权办理该复议机关的案件"
    # A leader only reads; the county office does not handle the city's cases.
    for user in (leader, county_office):
        with pytest.raises(PermissionDenied):
            services.accept_case(case=reload(case), actor=user, accepted_on=D(2025, 2, 12))
    with pytest.raises(PermissionDenied):
        factories.register_case(leader, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 10))
    with pytest.raises(PermissionDenied):
        factories.register_case(clerk_a, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 10))
    assert reload(case).status == Status.RECEIVED
    services.accept_case(case=reload(case), actor=reviewer, accepted_on=D(2025, 2, 12))


def test_a_clerk_without_casework_role_cannot_handle_cases_even_in_a_writable_org(tree, clerk_a):
    # Unit A is writable for its clerk, but registering needs the office or reviewer role.
    from fazhi.core.models import Membership

    Membership.objects.create(user=clerk_a, org=tree.county, role="clerk")
    clerk_a.__dict__.pop("_fazhi_scope", None)
    with pytest.raises(PermissionDenied) as exc:
        factories.register_case(
            clerk_a, org=tree.county, respondent=tree.county_unit, received_on=D(2025, 2, 10)
        )
    assert str(exc.value) == "只有法治办或复议人员可以办理复议案件"


def test_the_reply_may_be_recorded_by_the_respondents_clerk_only(tree, office, clerk_a, clerk_b, leader):
    case = factories.accepted_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 2, 10), accepted_on=D(2025, 2, 14)
    )
    case = services.record_copy_served(case=case, actor=office, received_on=D(2025, 2, 21))
    for user in (clerk_b, leader):
        with pytest.raises(PermissionDenied) as exc:
            services.record_reply(case=reload(case), actor=user, replied_on=D(2025, 3, 5))
        assert str(exc.value) == "无权登记该案件的答复"
    services.record_reply(case=reload(case), actor=clerk_a, replied_on=D(2025, 3, 5))
    assert reload(case).replied_on == D(2025, 3, 5)


def test_every_change_counts_a_version_without_empty_history_entries(hearing_case, office):
    """The version edit forms carry (core.locking): each action moves it on, a hearing included."""
    assert reload(hearing_case).version == 2  # registered, accepted
    services.record_hearing(
        case=reload(hearing_case), actor=office, kind=HearingKind.OPINION, held_on=D(2025, 3, 3)
    )
    case = reload(hearing_case)
    assert case.version == 3 and case.history.count() == 2  # the hearing has its own history
    services.extend_case(case=case, actor=office, approved_on=D(2025, 4, 1), days=10, approver="李主任")
    assert reload(hearing_case).version == 4 and case.version == 4
