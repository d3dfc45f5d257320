"""The periods of 人民调解法 (司法确认) and 信访工作条例, each expected date worked out by hand.

Calendar days; the start day is not counted and a last day on a 法定休假日 moves to the next working day
(民事诉讼法 第八十五条; 2025 holidays: 春节 1/28–2/4, 劳动节 5/1–5/5, 端午 5/31–6/2, 国庆 10/1–10/8)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.law.deadlines import RULES, DeadlineError, Pause, compute

D = dt.date
pytestmark = pytest.mark.django_db


def test_rules_cite_the_articles_checked_against_the_texts():
    expected = {
        "mediation.judicial_confirmation": ("中华人民共和国人民调解法", "第三十三条第一款", 30, 0),
        "petitions.disposal": ("信访工作条例", "第二十二条第一款", 15, 0),
        "petitions.notice": ("信访工作条例", "第二十三条第二款", 15, 0),
        "petitions.handling": ("信访工作条例", "第三十四条", 60, 30),
        "petitions.review_request": ("信访工作条例", "第三十五条", 30, 0),
        "petitions.review": ("信访工作条例", "第三十五条", 30, 0),
        "petitions.recheck_request": ("信访工作条例", "第三十六条第一款", 30, 0),
        "petitions.recheck": ("信访工作条例", "第三十六条第一款", 30, 0),
    }
    for name, (law, article, days, extension) in expected.items():
        rule = RULES[name]
        assert (rule.law, rule.article, rule.days, rule.max_extension_days) == (
            law,
            article,
            days,
            extension,
        ), name
        assert rule.day_kind == "calendar", name


def test_judicial_confirmation_ending_in_national_day_moves_to_october_9():
    # Agreement effective Mon 2025-09-01; +30 = Wed 10/1 (国庆, through 10/8) → Thu 10/9.
    d = compute("mediation.judicial_confirmation", D(2025, 9, 1))
    assert d.last_day == D(2025, 10, 1)
    assert d.due == D(2025, 10, 9)
    assert "第三十三条" in d.explanation and "第二百零五条" in d.explanation


def test_judicial_confirmation_ending_on_a_saturday_moves_to_monday():
    # Effective Thu 2025-02-20; +30 = Sat 3/22 → Mon 3/24.
    assert compute("mediation.judicial_confirmation", D(2025, 2, 20)).due == D(2025, 3, 24)


def test_judicial_confirmation_ending_in_spring_festival():
    # Effective Sun 2024-12-29; +30 = Tue 2025-01-28 (春节, through 2/4) → Wed 2/5.
    assert compute("mediation.judicial_confirmation", D(2024, 12, 29)).due == D(2025, 2, 5)


def test_petition_notice_fifteen_days_into_national_day():
    # Received Tue 2025-09-16; +15 = Wed 10/1 → Thu 10/9.
    assert compute("petitions.notice", D(2025, 9, 16)).due == D(2025, 10, 9)


def test_petition_handling_sixty_days_and_the_thirty_day_extension():
    # Accepted Mon 2025-03-03; +60 = Fri 5/2 (劳动节, through 5/5) → Tue 5/6.
    assert compute("petitions.handling", D(2025, 3, 3)).due == D(2025, 5, 6)
    # Extended by 30: +90 = Sun 6/1 (端午, 5/31–6/2) → Tue 6/3.
    assert compute("petitions.handling", D(2025, 3, 3), extension_days=30).due == D(2025, 6, 3)
    with pytest.raises(DeadlineError, match="不得超过30日"):
        compute("petitions.handling", D(2025, 3, 3), extension_days=31)


def test_petition_recheck_excludes_the_hearing():
    # Requested Mon 2025-03-03: +30 = Wed 4/2.
    assert compute("petitions.recheck", D(2025, 3, 3)).due == D(2025, 4, 2)
    # Hearing 3/10–3/14 (5 days) not counted (第三十六条第二款): 3/4–3/9 = 6 days, then 24 more from 3/15 → Mon 4/7.
    hearing = Pause(D(2025, 3, 10), D(2025, 3, 14), "听证")
    assert compute("petitions.recheck", D(2025, 3, 3), pauses=[hearing]).due == D(2025, 4, 7)
