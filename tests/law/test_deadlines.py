"""Statutory deadlines, each expected date worked out by hand from the State Council notices.

Start days are never counted (民事诉讼法 第八十五条第二款). 复议法 "三日、五日、七日、十日" are working
days (第八十八条第二款); other periods are calendar days whose last day moves past a 法定休假日
(民事诉讼法 第八十五条第三款). Holiday data: see test_calendar.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.law.deadlines import RULES, Deadline, DeadlineError, Pause, compute
from fazhi.law.models import HolidayDay, HolidayYear

D = dt.date
pytestmark = pytest.mark.django_db


# -- the rule table ------------------------------------------------------------------------------------
def test_required_rules_exist_with_citations_and_kinds():
    expected = {
        "reconsideration.acceptance_review": ("第三十条第一款", "working", 5),
        "reconsideration.correction_submission": ("第三十一条第二款", "working", 10),
        "reconsideration.reply": ("第四十八条", "working", 10),
        "reconsideration.reply_simplified": ("第五十四条第一款", "working", 5),
        "reconsideration.decision_ordinary": ("第六十二条第一款", "calendar", 60),
        "reconsideration.decision_simplified": ("第六十二条第二款", "calendar", 30),
        "reconsideration.application": ("第二十条第一款", "calendar", 60),
        "reconsideration.sue_after_decision": ("第四十五条", "calendar", 15),
        "litigation.answer": ("第六十七条第一款", "calendar", 15),
        "litigation.appeal_judgment": ("第八十五条", "calendar", 15),
        "litigation.appeal_ruling": ("第八十五条", "calendar", 10),
    }
    for name, (article, kind, days) in expected.items():
        rule = RULES[name]
        assert rule.article == article, name
        assert rule.day_kind == kind, name
        assert rule.days == days, name
        assert rule.text and rule.citation.startswith("《中华人民共和国")


def test_quotes_say_the_number_of_days():
    # The quoted words must carry the period they encode (a cheap guard against pasting the wrong article).
    # Acts write it in Chinese numerals ("十五日") or, as the 政府信息公开条例 does, in figures ("20个工作日").
    numerals = {3: "三日", 5: "五日", 7: "七日", 10: "十日", 15: "十五日", 30: "三十日", 60: "六十日"}
    for rule in RULES.values():
        written = (numerals.get(rule.days, "\0"), f"{rule.days}个工作日", f"{rule.days}日")
        assert any(w in rule.text for w in written), rule.name


# -- working-day periods (复议法 第八十八条第二款) ------------------------------------------------------
def test_acceptance_review_across_spring_festival_2025():
    # Received Fri 2025-01-24. Working days after it: Sun 1/26 调休上班(1), Mon 1/27(2),
    # 1/28–2/4 春节假期, Wed 2/5(3), Thu 2/6(4), Fri 2/7(5).
    d = compute("reconsideration.acceptance_review", D(2025, 1, 24))
    assert d.due == D(2025, 2, 7)
    assert d.warnings == []
    assert "第三十条第一款" in d.explanation
    assert "2025年1月24日" in d.explanation
    assert "2025年1月26日（星期日，春节调休上班日，计为工作日）" in d.explanation


def test_acceptance_review_when_makeup_days_do_not_count(settings):
    settings.FAZHI_MAKEUP_WORKDAYS_COUNT = False
    # Same start, 调休 Saturdays/Sundays not counted: Mon 1/27(1), 1/28–2/4 holiday, 2/5(2), 2/6(3), 2/7(4),
    # Sat 2/8 调休 (not counted), Sun 2/9, Mon 2/10(5).
    d = compute("reconsideration.acceptance_review", D(2025, 1, 24))
    assert d.due == D(2025, 2, 10)
    assert "按设置不计为工作日" in d.explanation


def test_reply_counts_the_february_makeup_saturday():
    # Copy received Fri 2025-01-24; 10 working days: 1/26(1), 1/27(2), 2/5(3), 2/6(4), 2/7(5),
    # Sat 2/8 调休上班(6), 2/10(7), 2/11(8), 2/12(9), Thu 2/13(10).
    assert compute("reconsideration.reply", D(2025, 1, 24)).due == D(2025, 2, 13)


def test_reply_simplified_five_working_days():
    # Copy received Mon 2025-03-03: 3/4(1), 3/5(2), 3/6(3), 3/7(4), [3/8–3/9 weekend], Mon 3/10(5).
    assert compute("reconsideration.reply_simplified", D(2025, 3, 3)).due == D(2025, 3, 10)


def test_correction_submission_across_national_day_2025():
    # Notice received Fri 2025-09-26; 10 working days: Sun 9/28 调休(1), 9/29(2), 9/30(3), 10/1–10/8 假期,
    # Thu 10/9(4), Fri 10/10(5), Sat 10/11 调休(6), [Sun 10/12], 10/13(7), 10/14(8), 10/15(9), Thu 10/16(10).
    assert compute("reconsideration.correction_submission", D(2025, 9, 26)).due == D(2025, 10, 16)


def test_acceptance_review_across_spring_festival_2026():
    # chinese_calendar 2026: 春节 2/15–2/23 放假, Sat 2/14 and Sat 2/28 调休上班.
    # Received Thu 2026-02-12: Fri 2/13(1), Sat 2/14 调休(2), 2/15–2/23 假期, Tue 2/24(3), 2/25(4), Thu 2/26(5).
    assert compute("reconsideration.acceptance_review", D(2026, 2, 12)).due == D(2026, 2, 26)


# -- 补正 (复议法 第三十一条第三款) ----------------------------------------------------------------------
def test_acceptance_review_restarts_from_receipt_of_corrected_materials():
    # Application received 2025-01-06, corrected materials received Fri 2025-01-24:
    # the 5 working days run from 1/24 → 2/7 (as in the 春节 case above), not from 1/6 (→ 1/13).
    d = compute("reconsideration.acceptance_review", D(2025, 1, 6), corrected_on=D(2025, 1, 24))
    assert d.start == D(2025, 1, 24)
    assert d.due == D(2025, 2, 7)
    assert "第三十一条第三款" in d.explanation
    # Without the fact: 1/7(1), 1/8(2), 1/9(3), 1/10(4), [weekend], Mon 1/13(5).
    assert compute("reconsideration.acceptance_review", D(2025, 1, 6)).due == D(2025, 1, 13)


def test_corrected_before_received_is_refused():
    with pytest.raises(DeadlineError, match="不能早于"):
        compute("reconsideration.acceptance_review", D(2025, 1, 6), corrected_on=D(2025, 1, 5))


def test_unknown_fact_is_refused():
    with pytest.raises(DeadlineError, match="不接受案件事实参数"):
        compute("litigation.answer", D(2025, 1, 6), corrected_on=D(2025, 1, 7))


# -- calendar-day periods and the end-day move (民事诉讼法 第八十五条) ----------------------------------
def test_litigation_answer_last_day_in_national_day_moves_to_october_9():
    # Complaint copy received Tue 2025-09-16; +15 days = Wed 10/1 (国庆假期, through 10/8) → Thu 10/9.
    d = compute("litigation.answer", D(2025, 9, 16))
    assert d.last_day == D(2025, 10, 1)
    assert d.due == D(2025, 10, 9)
    assert "第一百零一条" in d.explanation and "第八十五条第三款" in d.explanation
    assert "顺延至2025年10月9日" in d.explanation


def test_litigation_answer_last_day_on_weekend_moves_to_monday():
    # Received Fri 2025-03-07; +15 = Sat 3/22 → Mon 3/24.
    assert compute("litigation.answer", D(2025, 3, 7)).due == D(2025, 3, 24)


def test_litigation_answer_ending_on_a_makeup_sunday(settings):
    # Received Sat 2025-09-13; +15 = Sun 9/28, a 调休 working day.
    assert compute("litigation.answer", D(2025, 9, 13)).due == D(2025, 9, 28)
    # If the office does not count 调休 days as working days, 9/28 is a rest day → Mon 9/29.
    settings.FAZHI_MAKEUP_WORKDAYS_COUNT = False
    assert compute("litigation.answer", D(2025, 9, 13)).due == D(2025, 9, 29)


def test_decision_simplified_ends_in_spring_festival_2026():
    # Accepted Tue 2026-01-20; +30 = 2/19 (1/20+11 = 1/31, +19 = 2/19), inside 春节 2/15–2/23 → Tue 2/24.
    assert compute("reconsideration.decision_simplified", D(2026, 1, 20)).due == D(2026, 2, 24)


def test_decision_ordinary_ends_in_labour_day_2025():
    # Accepted Mon 2025-03-03; +60: 3/3+28 = 3/31, +30 = 4/30 (58), 5/2 (60); 5/1–5/5 假期 → Tue 5/6.
    assert compute("reconsideration.decision_ordinary", D(2025, 3, 3)).due == D(2025, 5, 6)


def test_sue_after_decision_ends_on_last_day_of_spring_festival():
    # Decision received Mon 2025-01-20; +15 = Tue 2/4 (last day of 春节假期) → Wed 2/5.
    assert compute("reconsideration.sue_after_decision", D(2025, 1, 20)).due == D(2025, 2, 5)


def test_application_period_ending_in_national_day():
    # Knew on Mon 2025-08-04; +60: 8/4+27 = 8/31, +30 = 9/30 (57), 10/3 (60) → 国庆 → Thu 10/9.
    assert compute("reconsideration.application", D(2025, 8, 4)).due == D(2025, 10, 9)


def test_appeal_periods():
    # Judgment served Tue 2025-09-23; +15 = 10/8 (holiday) → 10/9.
    assert compute("litigation.appeal_judgment", D(2025, 9, 23)).due == D(2025, 10, 9)
    # Ruling served Fri 2025-09-26; +10 = 10/6 (holiday) → 10/9.
    assert compute("litigation.appeal_ruling", D(2025, 9, 26)).due == D(2025, 10, 9)
    # Ruling served Mon 2025-03-03; +10 = Thu 3/13, a working day: no move.
    assert compute("litigation.appeal_ruling", D(2025, 3, 3)).due == D(2025, 3, 13)


# -- pauses (中止, 复议法 第三十九条) -------------------------------------------------------------------
def test_closed_pause_shifts_the_decision_date():
    # Accepted 2025-03-03, 中止 3/10, 恢复 3/19: 3/10..3/19 (10 days) not counted.
    # Counted: 3/4–3/9 (6), 3/20–3/31 (12) → 18, April (30) → 48, 5/1–5/12 (12) → 60: Mon 5/12, a working day.
    d = compute(
        "reconsideration.decision_ordinary",
        D(2025, 3, 3),
        pauses=[Pause(D(2025, 3, 10), D(2025, 3, 19), "申请人下落不明")],
    )
    assert d.due == D(2025, 5, 12)
    assert d.paused_days == 10
    assert "中止（申请人下落不明）：2025年3月10日至2025年3月19日" in d.explanation


def test_one_day_pause_excludes_suspension_and_resumption_day():
    # 中止 and 恢复 on the same day 3/10: one day not counted, so 5/2 (see above) becomes 5/3 → 劳动节 → 5/6.
    d = compute(
        "reconsideration.decision_ordinary", D(2025, 3, 3), pauses=[(D(2025, 3, 10), D(2025, 3, 10), "中止")]
    )
    assert d.last_day == D(2025, 5, 3)
    assert d.due == D(2025, 5, 6)


def test_open_pause_gives_no_due_date():
    d = compute(
        "reconsideration.decision_ordinary", D(2025, 3, 3), pauses=[Pause(D(2025, 3, 10), None, "中止")]
    )
    assert d.due is None
    assert "中止期间，期限暂停计算" in d.explanation
    # 3/4–3/9 counted before the suspension: 6 of 60 days used, 54 left.
    assert "已计入6日" in d.explanation and "尚余54日" in d.explanation
    assert d.as_dict()["due"] is None


def test_pause_after_the_period_does_not_revive_it():
    d = compute("litigation.answer", D(2025, 3, 7), pauses=[Pause(D(2025, 4, 1), D(2025, 4, 10), "中止")])
    assert d.due == D(2025, 3, 24)
    assert any("不影响本期限" in w for w in d.warnings)


def test_pause_in_working_day_period():
    # Reply period from Mon 2025-03-03 (10 working days → Mon 3/17 without pause: 3/4–3/7 (4), 3/10–3/14 (9), 3/17 (10)).
    assert compute("reconsideration.reply", D(2025, 3, 3)).due == D(2025, 3, 17)
    # Paused Wed 3/5..Fri 3/7: counted 3/4(1), 3/10–3/14(2–6), 3/17–3/20(7–10) → Thu 3/20.
    d = compute("reconsideration.reply", D(2025, 3, 3), pauses=[Pause(D(2025, 3, 5), D(2025, 3, 7), "中止")])
    assert d.due == D(2025, 3, 20)


def test_pause_ending_before_start_is_refused():
    with pytest.raises(DeadlineError, match="恢复日期"):
        compute(
            "reconsideration.decision_ordinary",
            D(2025, 3, 3),
            pauses=[Pause(D(2025, 3, 10), D(2025, 3, 9), "x")],
        )


# -- extension (复议法 第六十二条第一款) ----------------------------------------------------------------
def test_extension_of_thirty_days_ends_after_dragon_boat_festival():
    # Accepted 2025-03-03; 60 + 30 = 90 days: 5/2 (day 60) + 30 = Sun 6/1 (端午 5/31–6/2) → Tue 6/3.
    d = compute("reconsideration.decision_ordinary", D(2025, 3, 3), extension_days=30)
    assert d.due == D(2025, 6, 3)
    assert "延长30日" in d.explanation


def test_extension_beyond_thirty_days_is_refused():
    with pytest.raises(DeadlineError, match="最多不得超过30日") as exc:
        compute("reconsideration.decision_ordinary", D(2025, 3, 3), extension_days=31)
    assert isinstance(exc.value, ValueError)


def test_extension_not_provided_by_statute_is_refused():
    with pytest.raises(DeadlineError, match="没有延长期限的规定"):
        compute("reconsideration.decision_simplified", D(2025, 3, 3), extension_days=5)
    with pytest.raises(DeadlineError, match="没有延长期限的规定"):
        compute("litigation.answer", D(2025, 3, 3), extension_days=1)


def test_pause_and_extension_together():
    # 90 days with 3/10–3/19 paused: 6/1 + 10 = Wed 6/11, a working day.
    d = compute(
        "reconsideration.decision_ordinary",
        D(2025, 3, 3),
        pauses=[Pause(D(2025, 3, 10), D(2025, 3, 19), "中止")],
        extension_days=30,
    )
    assert d.due == D(2025, 6, 11)


def test_correction_extension_in_working_days():
    # 补正 period may be extended by a reasonable time (第三十一条第二款, no cap): 10 + 5 working days.
    # From Mon 2025-03-03: 15th working day = 3/4–3/7 (4), 3/10–3/14 (9), 3/17–3/21 (14), Mon 3/24 (15).
    d = compute("reconsideration.correction_submission", D(2025, 3, 3), extension_days=5)
    assert d.due == D(2025, 3, 24)


# -- uncovered years and the office's table -------------------------------------------------------------
def test_uncovered_2027_gives_warning_and_weekday_fallback():
    # Received Wed 2026-12-30. Fallback for 2027 (Mon–Fri work): 12/31(1), Fri 1/1(2) [really 元旦],
    # [1/2–1/3 weekend], 1/4(3), 1/5(4), Wed 1/6(5).
    d = compute("reconsideration.acceptance_review", D(2026, 12, 30))
    assert d.due == D(2027, 1, 6)
    assert len(d.warnings) == 1
    assert "2027年国务院节假日安排尚未录入" in d.warnings[0]
    assert "暂按周一至周五为工作日、周六周日为休息日计算" in d.warnings[0]
    assert "结果可能偏早" in d.warnings[0]


def test_uncovered_year_calendar_period():
    # Accepted Tue 2026-12-15; +30 = Thu 2027-01-14 (12/15+16 = 12/31, +14): a weekday by the fallback.
    d = compute("reconsideration.decision_simplified", D(2026, 12, 15))
    assert d.due == D(2027, 1, 14)
    assert d.warnings and "2027年" in d.warnings[0]


def test_entered_notice_covers_2027_and_overrides():
    HolidayYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知", complete=True)
    HolidayDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    # Now 1/1 is a holiday: 12/31(1), [1/1 元旦, 1/2–1/3], 1/4(2), 1/5(3), 1/6(4), Thu 1/7(5). No warning.
    d = compute("reconsideration.acceptance_review", D(2026, 12, 30))
    assert d.due == D(2027, 1, 7)
    assert d.warnings == []


def test_partial_entries_apply_but_still_warn():
    HolidayDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    d = compute("reconsideration.acceptance_review", D(2026, 12, 30))
    assert d.due == D(2027, 1, 7)
    assert d.warnings and "尚未标记为完整录入" in d.warnings[0]


def test_table_entry_overrides_package_year():
    # Suppose the office records Fri 2025-02-07 as a day off: from 1/24 the 5th working day becomes
    # Sat 2/8 (调休上班): 1/26(1), 1/27(2), 2/5(3), 2/6(4), [2/7 off], 2/8(5).
    HolidayDay.objects.create(date=D(2025, 2, 7), is_workday=False, name="测试")
    assert compute("reconsideration.acceptance_review", D(2025, 1, 24)).due == D(2025, 2, 8)


# -- API shape ------------------------------------------------------------------------------------------
def test_as_dict_has_exactly_the_documented_keys():
    d = compute("litigation.answer", D(2025, 9, 16))
    assert isinstance(d, Deadline)
    data = d.as_dict()
    assert set(data) == {"rule", "start", "due", "citation", "text", "explanation", "warnings"}
    assert data["rule"] == "litigation.answer"
    assert data["start"] == "2025-09-16"
    assert data["due"] == "2025-10-09"
    assert data["citation"] == "《中华人民共和国行政诉讼法》第六十七条第一款"
    assert data["warnings"] == []


def test_rule_due_shortcut_and_bad_input():
    assert RULES["litigation.answer"].due(D(2025, 9, 16)) == D(2025, 10, 9)
    with pytest.raises(DeadlineError, match="未知的期限规则"):
        compute("no.such.rule", D(2025, 1, 1))
    with pytest.raises(DeadlineError, match="必须是日期"):
        compute("litigation.answer", "2025-01-01")  # type: ignore[arg-type]
