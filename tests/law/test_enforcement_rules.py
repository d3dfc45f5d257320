"""The 行政执法 periods (行政处罚法 2021; 国办发〔2018〕118号), each date worked out by hand.

行政处罚法 第八十五条: "本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日" — so 第六十条's 九十日 are calendar
days and 第四十八条's 三日 working days. 2025: 春节 1/28–2/4 放假 (1/26 日、2/8 六 上班); 端午 5/31–6/2; 国庆 10/1–10/8
(9/28 日、10/11 六 上班). 调休 working days count as working days (the default setting)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.law.deadlines import RULES, compute

D = dt.date
pytestmark = pytest.mark.django_db


def test_rules_cite_the_articles_with_their_day_kinds():
    expected = {
        "enforcement.penalty_decision": ("第六十条", "calendar", 90),
        "enforcement.withdraw_publication": ("第四十八条第二款", "working", 3),
        "enforcement.publish_decision": ("（国办发〔2018〕118号）第二部分第（三）项", "working", 7),
        "enforcement.publish_other": ("（国办发〔2018〕118号）第二部分第（三）项", "working", 20),
    }
    for name, (article, kind, days) in expected.items():
        rule = RULES[name]
        assert (rule.article, rule.day_kind, rule.days) == (article, kind, days), name
    assert "自行政处罚案件立案之日起九十日内作出行政处罚决定" in RULES["enforcement.penalty_decision"].text


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2025, 7, 3), D(2025, 10, 9)),  # day 90 = Wed 10/1 (国庆) → Thu 10/9
        (D(2025, 3, 3), D(2025, 6, 3)),  # day 90 = Sun 6/1 (端午 5/31–6/2) → Tue 6/3
        (D(2025, 4, 1), D(2025, 6, 30)),  # day 90 = Mon 6/30, a working day
    ],
)
def test_penalty_decision_is_90_calendar_days(start, due):
    assert compute("enforcement.penalty_decision", start).due == due


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2025, 9, 30), D(2025, 10, 11)),  # 10/9, 10/10, 10/11 (六, 调休上班)
        (D(2025, 6, 12), D(2025, 6, 17)),  # Fri 6/13, Mon 6/16, Tue 6/17
    ],
)
def test_withdraw_publication_is_3_working_days(start, due):
    assert compute("enforcement.withdraw_publication", start).due == due


def test_publication_periods_in_working_days_across_holidays():
    # 9/28(日,上班) 9/29 9/30 | 国庆 | 10/9 10/10 10/11(六,上班) 10/13
    assert compute("enforcement.publish_decision", D(2025, 9, 26)).due == D(2025, 10, 13)
    # 1/21–1/24, 1/26(日,上班), 1/27 | 春节 | 2/5–2/7, 2/8(六,上班), 2/10–2/14, 2/17–2/21 → day 20 = Fri 2/21
    assert compute("enforcement.publish_other", D(2025, 1, 20)).due == D(2025, 2, 21)


def test_working_day_explanation_cites_the_acts_own_provision():
    text = compute("enforcement.withdraw_publication", D(2025, 6, 12)).explanation
    assert "《中华人民共和国行政处罚法》第八十五条" in text
    assert "行政复议法》第八十八条第二款" not in text
