"""学法用法 figures from the sessions, and the work plan's targets (工作要点 第4条 "每年至少举办2次以上法治专题
讲座", 第22条 "每年至少组织1次领导干部旁听庭审活动") checked against them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.education import services
from fazhi.education.choices import SessionKind
from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.registry import Period, compute, drilldown_records, registered

pytestmark = pytest.mark.django_db
KEYS = [
    "study.leader_sessions",
    "study.lectures",
    "study.heads_lecturing",
    "study.exams",
    "study.court_observations",
]


def session(actor, unit, kind, held_on, **kw):
    facts = {
        SessionKind.PRE_MEETING: {"meeting": "常务会议", "speaker": "王伟"},
        SessionKind.LECTURE: {"speaker": "王伟"},
        SessionKind.COURT: {"court": "青城市中级人民法院"},
    }.get(kind, {})
    return services.register_session(
        actor=actor, unit=unit, kind=kind, title="学法", held_on=held_on, **{**facts, **kw}
    )


@pytest.fixture
def sessions(tree, office):
    session(office, tree.unit_a, SessionKind.PRE_MEETING, date(2025, 1, 8))
    session(office, tree.unit_a, SessionKind.GROUP, date(2025, 2, 8))
    session(office, tree.unit_a, SessionKind.LECTURE, date(2025, 4, 1), head_lectured=True)
    session(office, tree.unit_b, SessionKind.LECTURE, date(2024, 12, 31))  # last year
    session(office, tree.county_unit, SessionKind.LECTURE, date(2025, 5, 1))
    session(office, tree.county_unit, SessionKind.COURT, date(2025, 6, 1))
    session(office, tree.unit_b, SessionKind.EXAM, date(2025, 7, 1))


def values(org, year=2025):
    return {k: v.value for k, v in compute(org, Period.year(year), KEYS).items()}


def test_figures_count_the_sessions(tree, sessions):
    # The city's subtree in 2025: leader sessions 2 (会前 + 集中), lectures 2 (unit A, county unit), heads 1,
    # exams 1, court 1 (county unit).
    assert values(tree.city) == {
        "study.leader_sessions": 2,
        "study.lectures": 2,
        "study.heads_lecturing": 1,
        "study.exams": 1,
        "study.court_observations": 1,
    }
    assert values(tree.unit_a)["study.lectures"] == 1
    assert values(tree.county)["study.court_observations"] == 1
    assert values(tree.city, 2024)["study.lectures"] == 1
    assert all(registered()[k].source == "education" for k in KEYS)


def test_drilldown_lists_exactly_the_counted_sessions(tree, sessions):
    for key in KEYS:
        value = compute(tree.city, Period.year(2025), [key])[key].value
        assert drilldown_records(key, tree.city, Period.year(2025)).count() == value


def test_the_work_plan_targets_are_checked_against_the_records(tree, office, sessions):
    lectures = Target.objects.create(
        key="study.lectures", org=tree.county, year=2025, comparator=Comparator.GTE, threshold=Decimal(2)
    )
    court = Target.objects.create(
        key="study.court_observations",
        org=tree.county,
        year=2025,
        comparator=Comparator.GTE,
        threshold=Decimal(1),
    )
    got = values(tree.county)
    assert not lectures.met(got["study.lectures"])  # one lecture in the county: target missed
    assert court.met(got["study.court_observations"])
    session(office, tree.county_unit, SessionKind.LECTURE, date(2025, 11, 20))
    assert lectures.met(values(tree.county)["study.lectures"])
