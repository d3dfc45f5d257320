"""政府信息公开条例 (2019) periods, hand-checked on the 2025 calendar (国务院办公厅 holiday notice for 2025: 春节
1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班；国庆节、中秋节 10月1日至8日放假，9月28日（周日）、
10月11日（周六）上班).

第三十三条第二款: "自收到申请之日起20个工作日内予以答复…延长的期限最长不得超过20个工作日";
第三十三条第三款: "征求第三方和其他机关意见所需时间不计算在前款规定的期限内";
第三十条: "答复期限自行政机关收到补正的申请之日起计算"."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.law.deadlines import DeadlineError, Pause, compute

pytestmark = pytest.mark.django_db
D = dt.date


def test_twenty_working_days_across_national_day():
    # Received Mon 9-22. Counted: 9-23..26 (4), Sun 9-28 make-up day (5), 9-29, 9-30 (7); 10-1..8 off;
    # 10-9, 10-10 (9), Sat 10-11 make-up (10), 10-13..17 (15), 10-20..24 (20) -> Fri 10-24.
    d = compute("disclosure.reply", D(2025, 9, 22))
    assert d.due == D(2025, 10, 24)
    assert "第三十三条第二款" in d.explanation and "行政复议法" not in d.explanation


def test_twenty_working_days_across_spring_festival():
    # Received Mon 1-20: 1-21..24 (4), Sun 1-26 make-up (5), 1-27 (6); 1-28..2-4 off; 2-5..7 (9), Sat 2-8 (10),
    # 2-10..14 (15), 2-17..21 (20) -> Fri 2-21.
    assert compute("disclosure.reply", D(2025, 1, 20)).due == D(2025, 2, 21)


def test_consulting_a_third_party_is_not_counted_and_the_extension_adds_twenty_working_days():
    # 7 working days by 9-30; consultation 10-9..10-15 not counted; resumes 10-16: 10-16, 10-17 (9),
    # 10-20..24 (14), 10-27..31 (19), Mon 11-3 (20).
    consult = Pause(D(2025, 10, 9), D(2025, 10, 15), "征求第三方意见")
    assert compute("disclosure.reply", D(2025, 9, 22), pauses=[consult]).due == D(2025, 11, 3)
    # Extended by 20 working days: 11-4..7 (4), 11-10..14 (9), 11-17..21 (14), 11-24..28 (19), Mon 12-1 (20).
    d = compute("disclosure.reply", D(2025, 9, 22), pauses=[consult], extension_days=20)
    assert d.due == D(2025, 12, 1)
    assert "征求第三方意见" in d.explanation


def test_an_open_consultation_stops_the_clock():
    open_pause = Pause(D(2025, 10, 9), None, "征求第三方意见")
    assert compute("disclosure.reply", D(2025, 9, 22), pauses=[open_pause]).due is None


def test_the_extension_is_capped_at_twenty_working_days():
    with pytest.raises(DeadlineError, match="最多不得超过20日"):
        compute("disclosure.reply", D(2025, 9, 22), extension_days=21)


def test_after_correction_the_period_runs_from_the_corrected_application():
    # 补正 received Fri 9-26: Sun 9-28 (1), 9-29, 9-30 (3), 10-9, 10-10 (5), Sat 10-11 (6), 10-13..17 (11),
    # 10-20..24 (16), 10-27..30 (20) -> Thu 10-30.
    d = compute("disclosure.reply", D(2025, 9, 22), corrected_on=D(2025, 9, 26))
    assert d.due == D(2025, 10, 30) and "第三十条" in d.explanation
    with pytest.raises(DeadlineError, match="不能早于收到申请日期"):
        compute("disclosure.reply", D(2025, 9, 22), corrected_on=D(2025, 9, 21))


def test_correction_notice_within_seven_working_days():
    # Received Mon 9-22: 9-23..26 (4), Sun 9-28 (5), 9-29 (6), 9-30 (7).
    assert compute("disclosure.correction_notice", D(2025, 9, 22)).due == D(2025, 9, 30)
