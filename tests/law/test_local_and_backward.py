"""Rules whose period is local (行政规范性文件 备案: days and cited rule from the office's settings) and periods
counted back from an event to come (重大行政决策程序暂行条例 第十六条: hearing materials 7日 before the hearing);
重大行政决策 public comment (第十五条: 一般不少于30日). Dates hand-checked against the 2025 calendar:
国庆 10月1日(三)–10月8日(三) 放假, 9月28日(日)、10月11日(六) 上班; 春节 1月28日(二)–2月4日(二) 放假,
1月26日(日)、2月8日(六) 上班."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.law.deadlines import RULES, DeadlineError, compute

pytestmark = pytest.mark.django_db  # the calendar reads the admin-editable holiday table
D = date


def test_filing_defaults_to_thirty_days_from_publication():
    # Published Tue 9/16: day 30 = Thu 10/16.
    d = compute("normative.filing_government", D(2025, 9, 16))
    assert d.due == D(2025, 10, 16)
    assert "公布之日" in d.explanation


def test_filing_with_the_offices_days_and_rule():
    # Published Tue 9/16, 20 days: Mon 10/6 is 国庆 → Thu 10/9.
    d = compute(
        "normative.filing_government", D(2025, 9, 16), days=20, basis="青海省行政规范性文件制定和备案办法"
    )
    assert d.due == D(2025, 10, 9)
    assert "青海省行政规范性文件制定和备案办法" in d.explanation and "20日" in d.explanation
    assert RULES["normative.filing_government"].days == 30  # the declared rule is unchanged


def test_filing_across_spring_festival():
    # Published Fri 2025-01-03, 30 days: Sun 2/2 (春节) → Wed 2/5.
    assert compute("normative.filing_congress", D(2025, 1, 3)).due == D(2025, 2, 5)


def test_a_statutory_period_cannot_be_changed_locally():
    with pytest.raises(DeadlineError, match="由法律规定"):
        compute("litigation.answer", D(2025, 9, 16), days=20)
    with pytest.raises(DeadlineError, match="正整数"):
        compute("normative.filing_congress", D(2025, 9, 16), days=0)


def test_public_comment_at_least_thirty_days():
    # Comment opens Mon 9/1: day 30 = Wed 10/1 (国庆) → the period runs at least until Thu 10/9.
    d = compute("decisions.public_comment", D(2025, 9, 1))
    assert d.due == D(2025, 10, 9)
    assert RULES["decisions.public_comment"].article == "第十五条第一款"
    assert "一般不少于30日" in RULES["decisions.public_comment"].text


def test_hearing_materials_seven_days_before():
    # Hearing Thu 2025-10-16: 7 days before = Thu 10/9, a working day.
    d = compute("decisions.hearing_materials", D(2025, 10, 16))
    assert d.due == D(2025, 10, 9)
    # Hearing Wed 2025-10-15: 7 days before = Wed 10/8 (国庆) → the working day before: Tue 9/30.
    d = compute("decisions.hearing_materials", D(2025, 10, 15))
    assert d.due == D(2025, 9, 30)
    assert "召开听证会7日前送达" in d.explanation
    # Hearing Mon 2025-02-10: 7 days before = Mon 2/3 (春节) → Mon 1/27, the last working day before it.
    assert compute("decisions.hearing_materials", D(2025, 2, 10)).due == D(2025, 1, 27)


def test_a_backward_period_takes_no_pause():
    with pytest.raises(DeadlineError, match="向前倒数"):
        compute("decisions.hearing_materials", D(2025, 10, 16), pauses=[(D(2025, 10, 1), D(2025, 10, 2))])


def test_a_period_after_which_something_may_first_happen_is_not_moved_for_a_holiday():
    # 规章制定程序条例 第三十二条 "自公布之日起30日后施行": published Mon 9/1, day 30 = Wed 10/1 (国庆),
    # in force from Thu 10/2 at the earliest — a holiday, and not moved (nothing has to be done that day).
    d = compute("normative.rule_effective", D(2025, 9, 1))
    assert (d.last_day, d.due) == (D(2025, 10, 1), D(2025, 10, 2))
    assert RULES["normative.rule_effective"].period == "自公布之日起30日后"
    # published Tue 9/16: day 30 = Thu 10/16, a working day; the earliest day is still the day after it
    assert compute("normative.rule_effective", D(2025, 9, 16)).due == D(2025, 10, 17)
    with pytest.raises(DeadlineError, match="不能按本地设置改变"):
        compute("normative.rule_effective", D(2025, 9, 16), days=20)


def test_the_command_names_the_earliest_day(capsys):
    from django.core.management import call_command

    call_command("deadlines", "normative.rule_effective", "2025-09-01")
    out = capsys.readouterr().out
    assert "最早日期：2025-10-02" in out and "《规章制定程序条例》第三十二条" in out
