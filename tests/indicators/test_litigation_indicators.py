"""行政应诉 figures, and the figures joining 复议 cases with the suits after them, on the known dataset of
tests/factories.py (build_indicator_dataset); every value worked out by hand from that docstring.

Counting rules (fazhi.litigation.indicators): 案件数 = first-instance suits whose complaint copy arrived in the
period; 出庭应诉率 = cases whose first hearing fell in the period with a 负责人 (正职 or 副职/分管) at any hearing
÷ those cases (a lawyer alone never counts, 适用解释 第一百二十八条); 败诉率 = lost ÷ judged in the period;
经复议后起诉比例 = 复议 cases concluded in the period later sued ÷ concluded; 案结事了率 = concluded not sued ÷
concluded; 经复议后起诉案件败诉率 = suits after 复议 judged and lost ÷ judged."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.indicators.registry import Period, compute, drilldown_records, registered
from fazhi.litigation import services
from fazhi.litigation.choices import Appearance, Result
from tests import factories

pytestmark = pytest.mark.django_db
CASE_MODULES = ("fazhi.reconsideration.indicators", "fazhi.litigation.indicators")
KEYS = [
    "litigation.cases",
    "litigation.head_appearance_rate",
    "litigation.judged",
    "litigation.lost",
    "litigation.loss_rate",
    "litigation.sued_after_reconsideration_rate",
    "litigation.after_reconsideration_loss_rate",
    "reconsideration.settled_rate",
]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def figures(org, period: Period) -> dict[str, tuple]:
    return {k: (v.value, v.numerator, v.denominator) for k, v in compute(org, period, KEYS).items()}


def P(text: str) -> Decimal:
    return Decimal(text)


def test_the_city(tree, indicator_data):
    # First-instance suits received in 2025: s1 s2 s3 s4 s6 = 5 (s5 is 二审).
    # First hearings in 2025: s1 副职, s2 律师, s3 正职, s4 工作人员, s6 正职 → 负责人 in s1 s3 s6 = 3/5 = 60.0%.
    # Judged in 2025: s1 撤销 (败诉), s2 驳回, s3 确认违法 (败诉), s4 驳回, s6 驳回 → 2/5 = 40.0%.
    # 复议 concluded in 2025: r1–r10 = 10; later sued: r6 (s1), r9 (s2) = 2 → 20.0%; not sued 8 → 80.0%.
    # Suits after 复议 judged: s1 (败诉), s2 → 1/2 = 50.0%.
    assert figures(tree.city, Period.year(2025)) == {
        "litigation.cases": (5, None, None),
        "litigation.head_appearance_rate": (P("60.0"), 3, 5),
        "litigation.judged": (5, None, None),
        "litigation.lost": (2, None, None),
        "litigation.loss_rate": (P("40.0"), 2, 5),
        "litigation.sued_after_reconsideration_rate": (P("20.0"), 2, 10),
        "litigation.after_reconsideration_loss_rate": (P("50.0"), 1, 2),
        "reconsideration.settled_rate": (P("80.0"), 8, 10),
    }


def test_a_unit_counts_the_suits_it_is_defendant_in(tree, indicator_data):
    # Unit A: s1 s3 s6; 负责人 in all three → 100.0%; lost s1 s3 → 2/3 = 66.66… → 66.7%;
    # 复议 (respondent A) concluded r1 r3 r4 r6 r7 = 5, sued r6 → 20.0%, settled 4/5 = 80.0%; after 复议 s1 lost → 100.0%.
    assert figures(tree.unit_a, Period.year(2025)) == {
        "litigation.cases": (3, None, None),
        "litigation.head_appearance_rate": (P("100.0"), 3, 3),
        "litigation.judged": (3, None, None),
        "litigation.lost": (2, None, None),
        "litigation.loss_rate": (P("66.7"), 2, 3),
        "litigation.sued_after_reconsideration_rate": (P("20.0"), 1, 5),
        "litigation.after_reconsideration_loss_rate": (P("100.0"), 1, 1),
        "reconsideration.settled_rate": (P("80.0"), 4, 5),
    }
    # Unit B: s2 (一审; s5 二审 is not a 一审 case); only a lawyer appeared → 0/1; s2 not lost → 0/1;
    # 复议 r2 r5 r9 concluded, r9 sued → 1/3 = 33.3%, settled 2/3 = 66.7%.
    assert figures(tree.unit_b, Period.year(2025)) == {
        "litigation.cases": (1, None, None),
        "litigation.head_appearance_rate": (P("0.0"), 0, 1),
        "litigation.judged": (1, None, None),
        "litigation.lost": (0, None, None),
        "litigation.loss_rate": (P("0.0"), 0, 1),
        "litigation.sued_after_reconsideration_rate": (P("33.3"), 1, 3),
        "litigation.after_reconsideration_loss_rate": (P("0.0"), 0, 1),
        "reconsideration.settled_rate": (P("66.7"), 2, 3),
    }


def test_the_county_and_a_figure_without_data(tree, indicator_data):
    # County: s4 (工作人员, 驳回); 复议 r8 r10 concluded, none sued. No suit after 复议 → no data, not 0.
    county = compute(tree.county, Period.year(2025), KEYS)
    assert {k: (v.value, v.numerator, v.denominator) for k, v in county.items()} == {
        "litigation.cases": (1, None, None),
        "litigation.head_appearance_rate": (P("0.0"), 0, 1),
        "litigation.judged": (1, None, None),
        "litigation.lost": (0, None, None),
        "litigation.loss_rate": (P("0.0"), 0, 1),
        "litigation.sued_after_reconsideration_rate": (P("0.0"), 0, 2),
        "litigation.after_reconsideration_loss_rate": (None, 0, 0),
        "reconsideration.settled_rate": (P("100.0"), 2, 2),
    }
    assert county["litigation.after_reconsideration_loss_rate"].display() == "无数据"
    assert county["litigation.loss_rate"].display() == "0.0%"


def test_a_year_without_suits_has_no_rates(tree, indicator_data):
    values = compute(tree.city, Period.year(2024), KEYS)
    assert values["litigation.cases"].value == 0
    for key in KEYS[1:]:
        if values[key].unit == "percent":
            assert values[key].value is None, key
            assert values[key].display() == "无数据"


def test_a_quarter(tree, indicator_data):
    # Q1 2025: suits received s6 (2/10), s3 (3/3), s2 (3/10) = 3; first hearings in Q1: s6 (3/10, 正职) → 1/1;
    # nothing judged in Q1 → no loss rate; 复议 concluded in Q1 r10 r9 r1 = 3, r9 sued → 33.3%.
    assert figures(tree.city, Period.quarter(2025, 1)) == {
        "litigation.cases": (3, None, None),
        "litigation.head_appearance_rate": (P("100.0"), 1, 1),
        "litigation.judged": (0, None, None),
        "litigation.lost": (0, None, None),
        "litigation.loss_rate": (None, 0, 0),
        "litigation.sued_after_reconsideration_rate": (P("33.3"), 1, 3),
        "litigation.after_reconsideration_loss_rate": (None, 0, 0),
        "reconsideration.settled_rate": (P("66.7"), 2, 3),
    }
    # Q2: hearings s3 (4/1 正职), s2 (4/14 律师), s4 (5/12 工作人员) → 1/3 = 33.3%;
    # judged s6 (4/10), s3 (5/6 败诉), s2 (5/15), s4 (6/10) → 1/4 = 25.0%.
    q2 = figures(tree.city, Period.parse("2025Q2"))
    assert q2["litigation.head_appearance_rate"] == (P("33.3"), 1, 3)
    assert q2["litigation.loss_rate"] == (P("25.0"), 1, 4)


def test_a_month(tree, indicator_data):
    # November 2025: s1 judged 11/10, lost, and it came after 复议 r6.
    nov = figures(tree.city, Period.month(2025, 11))
    assert nov["litigation.loss_rate"] == (P("100.0"), 1, 1)
    assert nov["litigation.after_reconsideration_loss_rate"] == (P("100.0"), 1, 1)
    assert nov["litigation.cases"] == (0, None, None)
    assert nov["litigation.head_appearance_rate"] == (None, 0, 0)


def test_a_head_at_a_second_hearing_counts_in_the_first_hearings_period(tree, office, indicator_data):
    # A new suit of unit B: first hearing 2025-11-03 with staff only, a second on 2025-12-01 with the 局长:
    # the case counts once, in the period of its first hearing, as a 负责人 appearance (法释〔2020〕3号 第七条).
    suit = factories.litigation_case(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初99号",
        complaint_received_on=date(2025, 10, 13),
    )
    services.record_hearing(
        case=suit,
        actor=office,
        held_on=date(2025, 11, 3),
        appearance=Appearance.STAFF,
        appearing_person="孙科长",
    )
    services.record_hearing(
        case=suit,
        actor=office,
        held_on=date(2025, 12, 1),
        appearance=Appearance.HEAD,
        appearing_person="周局长",
    )
    assert figures(tree.city, Period.year(2025))["litigation.head_appearance_rate"] == (P("66.7"), 4, 6)
    assert figures(tree.city, Period.month(2025, 11))["litigation.head_appearance_rate"] == (P("100.0"), 1, 1)
    assert figures(tree.city, Period.month(2025, 12))["litigation.head_appearance_rate"] == (None, 0, 0)


def test_losing_another_suit_after_reconsideration(tree, office, indicator_data):
    # r7 (unit A, 维持) is sued and the suit is lost: sued after 复议 3/10; after-复议 loss 2/3 = 66.7%.
    factories.judged_litigation(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初98号",
        complaint_received_on=date(2025, 9, 1),
        reconsideration=indicator_data["r7"],
        result=Result.REVOKE,
        judged_on=date(2025, 11, 20),
    )
    city = figures(tree.city, Period.year(2025))
    assert city["litigation.sued_after_reconsideration_rate"] == (P("30.0"), 3, 10)
    assert city["reconsideration.settled_rate"] == (P("70.0"), 7, 10)
    assert city["litigation.after_reconsideration_loss_rate"] == (P("66.7"), 2, 3)
    assert city["litigation.loss_rate"] == (P("50.0"), 3, 6)


@pytest.mark.parametrize("org_name", ["city", "unit_a", "unit_b", "county", "county_unit"])
def test_drilldown_lists_exactly_the_records_behind_each_figure(tree, indicator_data, org_name):
    org = getattr(tree, org_name)
    for period in (Period.year(2025), Period.quarter(2025, 2), Period.month(2025, 11)):
        values = compute(org, period)
        for key, d in registered().items():
            if d.records is None or d.module != "fazhi.litigation.indicators":
                continue
            value = values[key]
            expected = value.numerator if value.denominator is not None else value.value
            assert drilldown_records(key, org, period).count() == expected, (org_name, period.label, key)


def test_drilldown_records_name_the_cases(tree, indicator_data):
    lost = drilldown_records("litigation.loss_rate", tree.city, Period.year(2025))
    assert {c.pk for c in lost} == {indicator_data["s1"].pk, indicator_data["s3"].pk}
    sued = drilldown_records("litigation.sued_after_reconsideration_rate", tree.city, Period.year(2025))
    assert {c.pk for c in sued} == {indicator_data["r6"].pk, indicator_data["r9"].pk}
    settled = drilldown_records("reconsideration.settled_rate", tree.city, Period.year(2025))
    assert settled.count() == 8 and indicator_data["r6"].pk not in {c.pk for c in settled}
    heads = drilldown_records("litigation.head_appearance_rate", tree.city, Period.year(2025))
    # The drill-down of a rate lists its numerator: the cases where a 负责人 appeared (s1 s3 s6).
    assert {c.pk for c in heads} == {indicator_data[k].pk for k in ("s1", "s3", "s6")}


def test_the_ratio_of_the_catalog_matches_the_computed_rate(tree, indicator_data):
    # Where the catalog names a rate's numerator and denominator keys, those figures are the rate's parts.
    from fazhi.indicators.registry import catalog

    values = compute(tree.city, Period.year(2025))
    for key in (
        "litigation.head_appearance_rate",
        "reconsideration.settled_rate",
        "reconsideration.correction_rate",
    ):
        entry = catalog()[key]
        if "numerator" not in entry or entry["numerator"] not in values or entry["denominator"] not in values:
            continue
        assert values[entry["numerator"]].value == values[key].numerator, key
        assert values[entry["denominator"]].value == values[key].denominator, key


def test_first_and_second_instance_judgments_are_counted_apart(tree, indicator_data, office):
    """一审 审结 goes with 新收一审 in the report's sentence; 二审 is its own figure (issue 16: "新收一审164件" then
    "审结行政诉讼案件194件", which counted 二审 judgments too)."""
    from fazhi.litigation.models import LitigationCase

    keys = ["litigation.first_judged", "litigation.second_judged", "litigation.judged"]

    def judged():
        return {k: v.value for k, v in compute(tree.city, Period.year(2025), keys).items()}

    assert judged() == {"litigation.first_judged": 5, "litigation.second_judged": 0, "litigation.judged": 5}
    s5 = LitigationCase.objects.get(stage="second")  # pending 二审 (factories: s5)
    services.record_judgment(case=s5, actor=office, result=Result.DISMISS_CLAIM, judged_on=date(2025, 11, 3))
    assert judged() == {"litigation.first_judged": 5, "litigation.second_judged": 1, "litigation.judged": 6}
