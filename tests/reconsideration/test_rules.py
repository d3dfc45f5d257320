"""行政复议 rules: allowed transitions, the 纠错 and 调解和解 sets, and which deadline is the case's current one.

Dates are worked out by hand from the 2025 国务院 holiday notices (see test_services.py for the list)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.reconsideration import rules
from fazhi.reconsideration.choices import Decision, Procedure, Status, TerminationReason
from fazhi.reconsideration.models import ReconsiderationCase

D = date


def case(**kwargs) -> ReconsiderationCase:
    """An unsaved case: the rules read only its fields."""
    defaults = {
        "number": "青府复〔2025〕1号",
        "status": Status.RECEIVED,
        "procedure": Procedure.ORDINARY,
        "received_on": D(2025, 1, 24),
    }
    defaults.update(kwargs)
    return ReconsiderationCase(**defaults)


# -- transitions -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "procedure", "expected"),
    [
        (Status.RECEIVED, Procedure.ORDINARY, ["request_correction", "accept", "reject"]),
        (Status.CORRECTION, Procedure.ORDINARY, ["receive_correction", "abandon"]),
        (Status.HEARING, Procedure.ORDINARY, ["serve_copy", "reply", "hear", "suspend", "extend", "decide"]),
        (
            Status.HEARING,
            Procedure.SIMPLIFIED,
            ["serve_copy", "reply", "hear", "convert_to_ordinary", "suspend", "decide"],
        ),
        (Status.SUSPENDED, Procedure.ORDINARY, ["serve_copy", "reply", "resume", "extend", "decide"]),
        (Status.DECIDED, Procedure.ORDINARY, ["close"]),
        (Status.CLOSED, Procedure.ORDINARY, []),
        (Status.REJECTED, Procedure.ORDINARY, []),
        (Status.ABANDONED, Procedure.ORDINARY, []),
    ],
)
def test_allowed_actions_follow_the_status(status, procedure, expected):
    assert rules.allowed_actions(case(status=status, procedure=procedure)) == expected


def test_every_refused_transition_says_why_in_chinese():
    with pytest.raises(ValidationError) as exc:
        rules.check_transition(case(status=Status.RECEIVED), "decide")
    assert exc.value.messages == [
        "案件 青府复〔2025〕1号 当前状态为「待审查」，不能「作出决定」：只有「审理中、中止」状态的案件可以作出决定。"
    ]
    with pytest.raises(ValidationError) as exc:
        rules.check_transition(case(status=Status.HEARING, procedure=Procedure.SIMPLIFIED), "extend")
    assert "复议法第六十二条第二款" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        rules.check_transition(case(status=Status.HEARING), "convert_to_ordinary")
    assert "只有适用简易程序的案件可以转为普通程序" in exc.value.messages[0]


def test_while_suspended_only_termination_may_be_decided():
    suspended = case(status=Status.SUSPENDED)
    for decision in Decision.values:
        if decision == Decision.TERMINATE:
            rules.check_decision(suspended, decision, TerminationReason.SUSPENDED_60)
        else:
            with pytest.raises(ValidationError):
                rules.check_decision(suspended, decision, "")


def test_termination_and_its_reason_go_together():
    hearing = case(status=Status.HEARING)
    with pytest.raises(ValidationError) as exc:
        rules.check_decision(hearing, Decision.TERMINATE, "")
    assert "termination_reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        rules.check_decision(hearing, Decision.UPHOLD, TerminationReason.WITHDRAWN)
    rules.check_decision(hearing, Decision.UPHOLD, "")


# -- 纠错 and 调解和解 ----------------------------------------------------------------------------------------
def test_correction_counts_alter_revoke_confirm_illegal_order_performance_and_confirm_invalid():
    corrected = {d for d in Decision.values if rules.is_corrected(d)}
    assert corrected == {"alter", "revoke", "confirm_illegal", "order_performance", "confirm_invalid"}


def test_the_correction_set_is_configurable(settings):
    settings.FAZHI_CORRECTION_DECISIONS = ("alter", "revoke")
    assert rules.is_corrected(Decision.REVOKE)
    assert not rules.is_corrected(Decision.CONFIRM_ILLEGAL)


def test_mediation_is_a_mediation_agreement_or_a_settled_withdrawal():
    assert rules.is_mediated(Decision.MEDIATION, "")
    assert rules.is_mediated(Decision.TERMINATE, TerminationReason.SETTLED_WITHDRAWN)
    assert not rules.is_mediated(Decision.TERMINATE, TerminationReason.WITHDRAWN)
    assert not rules.is_mediated(Decision.UPHOLD, "")


# -- deadlines and the current one ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_acceptance_review_across_labour_day():
    # Received Fri 2025-04-25: Sat 4/26 rest, Sun 4/27 调休上班 (1), Mon 4/28 (2), Tue 4/29 (3), Wed 4/30 (4),
    # 5/1–5/5 劳动节, Tue 5/6 (5).
    c = case(received_on=D(2025, 4, 25))
    computed = rules.deadlines(c, [])
    assert list(computed) == ["acceptance"]
    assert computed["acceptance"].due == D(2025, 5, 6)
    assert "2025年4月27日（星期日，劳动节调休上班日，计为工作日）" in computed["acceptance"].explanation
    assert rules.next_due(c, computed) == D(2025, 5, 6)


@pytest.mark.django_db
def test_correction_period_counts_the_spring_festival_makeup_saturday():
    # Notice Mon 2025-01-27: 10 working days end Mon 2/17, counting Sat 2/8 (春节调休上班).
    c = case(status=Status.CORRECTION, correction_notice_on=D(2025, 1, 27))
    computed = rules.deadlines(c, [])
    assert list(computed) == ["correction"]
    assert computed["correction"].due == D(2025, 2, 17)
    assert "2025年2月8日（星期六，春节调休上班日，计为工作日）" in computed["correction"].explanation
    assert rules.next_due(c, computed) == D(2025, 2, 17)


@pytest.mark.django_db
def test_makeup_days_do_not_count_when_the_office_says_so(settings):
    # 简易程序 reply, copy received Fri 2025-09-26, with 调休 weekend days NOT counted as working days:
    # Mon 9/29 (1), Tue 9/30 (2), 10/1–10/8 国庆, Thu 10/9 (3), Fri 10/10 (4), Sat 10/11 调休 (not counted),
    # Sun 10/12 rest, Mon 10/13 (5). (Counted, it would be Fri 10/10: see test_services.py.)
    settings.FAZHI_MAKEUP_WORKDAYS_COUNT = False
    c = case(
        status=Status.HEARING,
        procedure=Procedure.SIMPLIFIED,
        accepted_on=D(2025, 9, 25),
        copy_received_on=D(2025, 9, 26),
    )
    computed = rules.deadlines(c, [])
    assert computed["reply"].due == D(2025, 10, 13)
    assert computed["reply"].rule.name == "reconsideration.reply_simplified"


@pytest.mark.django_db
def test_while_hearing_the_nearer_of_reply_and_decision_is_current():
    # Accepted Fri 2025-02-14 → decision Tue 4/15; copy received Fri 2/21 → reply Fri 3/7.
    c = case(status=Status.HEARING, accepted_on=D(2025, 2, 14), copy_received_on=D(2025, 2, 21))
    computed = rules.deadlines(c, [])
    assert computed["reply"].due == D(2025, 3, 7)
    assert computed["decision"].due == D(2025, 4, 15)
    assert rules.next_due(c, computed) == D(2025, 3, 7)
    c.replied_on = D(2025, 3, 5)
    computed = rules.deadlines(c, [])
    assert "reply" not in computed
    assert rules.next_due(c, computed) == D(2025, 4, 15)


@pytest.mark.django_db
def test_no_clock_runs_once_decided_or_while_suspended():
    decided = case(
        status=Status.DECIDED, accepted_on=D(2025, 2, 14), decided_on=D(2025, 3, 1), decision=Decision.UPHOLD
    )
    assert rules.deadlines(decided, []) == {}
    assert rules.next_due(decided, {}) is None
    from fazhi.reconsideration.models import Suspension

    suspended = case(status=Status.SUSPENDED, accepted_on=D(2025, 2, 14))
    computed = rules.deadlines(
        suspended, [Suspension(started_on=D(2025, 3, 14), resumed_on=None, reason="调解")]
    )
    assert computed["decision"].due is None
    assert "暂停计算" in computed["decision"].explanation
    assert rules.next_due(suspended, computed) is None
