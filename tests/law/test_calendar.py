"""Working-day calendar: State Council notices via chinesecalendar, the office's table, the fallback.

Reference notices (the package's data checked against the notices as published by 新华社):
- 2025, 国办发明电〔2024〕12号 (2024-11-12): 春节 1月28日—2月4日放假，1月26日（周日）、2月8日（周六）上班；
  劳动节 5月1日—5日，4月27日（周日）上班；端午 5月31日—6月2日；
  国庆、中秋 10月1日—8日，9月28日（周日）、10月11日（周六）上班。
- 2026, 国务院办公厅 2025-11-04 通知: 元旦 1月1日—3日，1月4日（周日）上班；
  春节 2月15日—23日，2月14日（周六）、2月28日（周六）上班；劳动节 5月1日—5日，5月9日（周六）上班；
  国庆 10月1日—7日，9月20日（周日）、10月10日（周六）上班。
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.law.calendar import (
    UncoveredYearWarning,
    WorkCalendar,
    add_working_days,
    is_workday,
    next_working_day,
    package_years,
)
from fazhi.law.models import HolidayDay, HolidayYear

D = dt.date


def test_package_covers_2025_and_2026_but_not_2027():
    assert 2025 in package_years()
    assert 2026 in package_years()
    assert 2027 not in package_years()


@pytest.mark.django_db
def test_spring_festival_2025_holidays_and_makeup_days():
    assert is_workday(D(2025, 1, 27))  # Monday before the holiday
    assert not is_workday(D(2025, 1, 28))  # 除夕, first day of 春节假期
    assert not is_workday(D(2025, 2, 4))  # last day of 春节假期 (Tuesday)
    assert is_workday(D(2025, 2, 5))
    assert is_workday(D(2025, 1, 26))  # Sunday, 调休上班
    assert is_workday(D(2025, 2, 8))  # Saturday, 调休上班
    assert not is_workday(D(2025, 2, 9))  # ordinary Sunday


@pytest.mark.django_db
def test_makeup_days_follow_the_setting(settings):
    settings.FAZHI_MAKEUP_WORKDAYS_COUNT = False
    assert not is_workday(D(2025, 1, 26))
    assert not is_workday(D(2025, 10, 11))
    assert is_workday(D(2025, 1, 27))  # ordinary weekdays are unaffected


@pytest.mark.django_db
def test_add_working_days_across_spring_festival_2025():
    # From Fri 2025-01-24 (not counted): 1/26 Sun 调休(1), 1/27 Mon(2), 1/28–2/4 holiday, 2/5(3), 2/6(4), 2/7(5).
    assert add_working_days(D(2025, 1, 24), 5) == D(2025, 2, 7)
    assert add_working_days(D(2025, 1, 24), 0) == D(2025, 1, 24)


@pytest.mark.django_db
def test_next_working_day_after_national_day_2025():
    # 10/1–10/8 holiday: the first working day after 10/1 is Thursday 10/9.
    assert next_working_day(D(2025, 10, 1)) == D(2025, 10, 9)
    # Strictly after: from Friday 10/10 the next is Saturday 10/11 (调休上班).
    assert next_working_day(D(2025, 10, 10)) == D(2025, 10, 11)
    assert next_working_day(D(2025, 10, 10), inclusive=True) == D(2025, 10, 10)


@pytest.mark.django_db
def test_uncovered_year_uses_weekday_fallback_and_warns():
    with pytest.warns(UncoveredYearWarning, match="2027年国务院节假日安排尚未录入"):
        # 2027-01-01 is a Friday: the fallback calls it a working day (the real notice will not).
        assert is_workday(D(2027, 1, 1))
    with pytest.warns(UncoveredYearWarning):
        assert not is_workday(D(2027, 1, 2))  # Saturday


@pytest.mark.django_db
def test_table_entry_overrides_package():
    # Pretend a correction: Friday 2025-02-07 made a day off, Monday 2025-02-03 (package: holiday) a working day.
    HolidayDay.objects.create(date=D(2025, 2, 7), is_workday=False, name="测试放假")
    HolidayDay.objects.create(date=D(2025, 2, 3), is_workday=True, name="测试上班")
    cal = WorkCalendar()
    assert not cal.is_workday(D(2025, 2, 7))
    assert cal.is_workday(D(2025, 2, 3))
    assert cal.day(D(2025, 2, 7)).source == "table"
    assert cal.day(D(2025, 2, 6)).source == "package"


@pytest.mark.django_db
def test_entered_year_is_covered_only_when_marked_complete():
    HolidayDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    cal = WorkCalendar()
    assert not cal.is_workday(D(2027, 1, 1))  # the entry applies at once
    assert cal.trace.uncovered_years == {2027}  # ...but the year is not covered yet
    HolidayYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知", complete=True)
    cal = WorkCalendar()
    assert not cal.is_workday(D(2027, 1, 1))
    assert cal.trace.uncovered_years == set()


@pytest.mark.django_db
def test_incomplete_year_row_does_not_cover():
    HolidayYear.objects.create(year=2027, notice="录入中", complete=False)
    cal = WorkCalendar()
    cal.is_workday(D(2027, 3, 1))
    assert cal.trace.uncovered_years == {2027}


def test_explicit_entries_need_no_database():
    cal = WorkCalendar(entries={D(2027, 1, 1): (False, "元旦")}, complete_years={2027})
    assert not cal.is_workday(D(2027, 1, 1))
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 1/1 holiday, 1/2–1/3 weekend
    assert cal.trace.uncovered_years == set()


def test_datetime_is_refused():
    cal = WorkCalendar(entries={}, complete_years=set())
    with pytest.raises(TypeError):
        cal.is_workday(dt.datetime(2025, 1, 1, 9, 0))  # noqa: DTZ001


@pytest.mark.django_db
def test_a_shared_calendar_reads_the_holiday_table_once_for_many_deadlines(django_assert_max_num_queries):
    from fazhi.law.calendar import current_calendar, shared_calendar
    from fazhi.law.deadlines import compute

    starts = [D(2025, 1, 2) + dt.timedelta(days=i) for i in range(200)]
    alone = [compute("reconsideration.decision_ordinary", s).due for s in starts]
    with shared_calendar() as cal:
        assert current_calendar() is cal
        with shared_calendar() as inner:  # a nested block shares the outer one
            assert inner is cal
        # 2025 entries + the complete years (one query each); nothing more for the 200 deadlines
        with django_assert_max_num_queries(2):
            shared = [compute("reconsideration.decision_ordinary", s).due for s in starts]
    assert shared == alone
    assert current_calendar() is not cal  # outside the block: a fresh calendar each time


@pytest.mark.django_db
def test_a_shared_calendar_sees_a_holiday_edited_during_the_block():
    from fazhi.law.calendar import shared_calendar
    from fazhi.law.deadlines import compute

    # 2025-03-03 (Monday) + 5 working days = 2025-03-10; a day off entered on 03-05 moves it to 03-11.
    with shared_calendar():
        assert compute("reconsideration.acceptance_review", D(2025, 3, 3)).due == D(2025, 3, 10)
        day = HolidayDay.objects.create(date=D(2025, 3, 5), is_workday=False, name="测试放假")
        assert compute("reconsideration.acceptance_review", D(2025, 3, 3)).due == D(2025, 3, 11)
        day.delete()
        assert compute("reconsideration.acceptance_review", D(2025, 3, 3)).due == D(2025, 3, 10)
        # a year marked complete covers the year from then on
        cal_warns = compute("reconsideration.acceptance_review", D(2027, 3, 1)).warnings
        assert cal_warns
        HolidayYear.objects.create(
            year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知", complete=True
        )
        assert not compute("reconsideration.acceptance_review", D(2027, 3, 1)).warnings
