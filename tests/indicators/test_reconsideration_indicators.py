"""行政复议 figures on the known dataset of tests/factories.py (build_indicator_dataset), every value worked out by
hand from the case table in that docstring.

Counting rules (fazhi.reconsideration.indicators): received / accepted / rejected by their own dates; 审结
(concluded) = decided in the period (incl. 终止); 纠错 = 撤销、变更、确认违法、责令履行、确认无效; 调解和解 =
调解书 or 终止 after 和解撤回. A jurisdiction owns the cases of its whole subtree (by 复议机关); a unit owns the
cases it is the respondent of. Rates are percentages rounded half-up to one place; an empty base is None."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.indicators.registry import Period, compute, drilldown_records, registered
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import Decision

pytestmark = pytest.mark.django_db
CASE_MODULES = ("fazhi.reconsideration.indicators", "fazhi.litigation.indicators")
KEYS = [
    "reconsideration.received",
    "reconsideration.accepted",
    "reconsideration.rejected",
    "reconsideration.concluded",
    "reconsideration.corrected",
    "reconsideration.correction_rate",
    "reconsideration.mediated",
    "reconsideration.mediation_rate",
    "reconsideration.overdue",
]


@pytest.fixture(autouse=True)
def today():
    # "Today" is Mon 2025-12-15: the pending case's review (due Mon 11/10) is overdue.
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def figures(org, period: Period) -> dict[str, tuple]:
    return {k: (v.value, v.numerator, v.denominator) for k, v in compute(org, period, KEYS).items()}


def P(text: str) -> Decimal:
    return Decimal(text)


def test_the_city_counts_its_whole_subtree_including_the_county(tree, indicator_data):
    # received in 2025: r1 r2 r3 r4 r5 r6 r7 r8 r9 + rejected + pending = 11 (r10 was received in 2024);
    # accepted in 2025: r1–r9 = 9; 审结 in 2025: r1–r10 = 10 (r10 decided 2025-01-20);
    # 纠错: r1 撤销, r2 撤销, r3 变更 = 3 → 3/10 = 30.0%; 调解和解: r4 调解书, r5 和解撤回 = 2 → 20.0%.
    assert figures(tree.city, Period.year(2025)) == {
        "reconsideration.received": (11, None, None),
        "reconsideration.accepted": (9, None, None),
        "reconsideration.rejected": (1, None, None),
        "reconsideration.concluded": (10, None, None),
        "reconsideration.corrected": (3, None, None),
        "reconsideration.correction_rate": (P("30.0"), 3, 10),
        "reconsideration.mediated": (2, None, None),
        "reconsideration.mediation_rate": (P("20.0"), 2, 10),
        "reconsideration.overdue": (1, None, None),
    }


def test_a_unit_counts_the_cases_it_is_respondent_of(tree, indicator_data):
    # Unit A: r1 r3 r4 r6 r7 + pending received in 2025 = 6; accepted/审结 r1 r3 r4 r6 r7 = 5;
    # 纠错 r1 撤销 + r3 变更 = 2 → 40.0%; 调解 r4 = 1 → 20.0%.
    assert figures(tree.unit_a, Period.year(2025)) == {
        "reconsideration.received": (6, None, None),
        "reconsideration.accepted": (5, None, None),
        "reconsideration.rejected": (0, None, None),
        "reconsideration.concluded": (5, None, None),
        "reconsideration.corrected": (2, None, None),
        "reconsideration.correction_rate": (P("40.0"), 2, 5),
        "reconsideration.mediated": (1, None, None),
        "reconsideration.mediation_rate": (P("20.0"), 1, 5),
        "reconsideration.overdue": (1, None, None),
    }
    # Unit B: r2 r5 r9 + rejected received = 4; 审结 r2 r5 r9 = 3; 纠错 r2 = 1 → 1/3 = 33.33… → 33.3%;
    # 和解 r5 = 1 → 33.3%.
    b = figures(tree.unit_b, Period.year(2025))
    assert b["reconsideration.received"] == (4, None, None)
    assert b["reconsideration.rejected"] == (1, None, None)
    assert b["reconsideration.concluded"] == (3, None, None)
    assert b["reconsideration.correction_rate"] == (P("33.3"), 1, 3)
    assert b["reconsideration.mediation_rate"] == (P("33.3"), 1, 3)
    assert b["reconsideration.overdue"] == (0, None, None)


def test_the_county_counts_only_its_own_subtree(tree, indicator_data):
    # r8 received and accepted in 2025; r10 received and accepted in Dec 2024 but decided 2025-01-20.
    # Two 维持: correction rate 0/2 = 0.0% — a real zero, with data.
    assert figures(tree.county, Period.year(2025)) == {
        "reconsideration.received": (1, None, None),
        "reconsideration.accepted": (1, None, None),
        "reconsideration.rejected": (0, None, None),
        "reconsideration.concluded": (2, None, None),
        "reconsideration.corrected": (0, None, None),
        "reconsideration.correction_rate": (P("0.0"), 0, 2),
        "reconsideration.mediated": (0, None, None),
        "reconsideration.mediation_rate": (P("0.0"), 0, 2),
        "reconsideration.overdue": (0, None, None),
    }


def test_a_rate_without_cases_is_no_data_never_zero(tree, indicator_data):
    # In 2024 the county received and accepted r10 but decided nothing: the base of the rates is empty.
    values = compute(tree.county, Period.year(2024), KEYS)
    assert values["reconsideration.received"].value == 1
    assert values["reconsideration.accepted"].value == 1
    assert values["reconsideration.concluded"].value == 0
    for key in ("reconsideration.correction_rate", "reconsideration.mediation_rate"):
        assert values[key].value is None
        assert values[key].missing
        assert values[key].display() == "无数据"
        assert (values[key].numerator, values[key].denominator) == (0, 0)
    assert values["reconsideration.correction_rate"].as_dict() == {
        "value": None,
        "unit": "percent",
        "numerator": 0,
        "denominator": 0,
    }


def test_a_quarter(tree, indicator_data):
    # 2025 Q1 (1/1–3/31): received r9 (1/6), r1 (2/10), r2 (3/3) = 3; accepted r9, r1, r2 = 3;
    # 审结 r10 (1/20), r9 (2/20), r1 (3/20) = 3, of which r1 撤销 → 1/3 = 33.3%.
    q1 = figures(tree.city, Period.quarter(2025, 1))
    assert q1["reconsideration.received"] == (3, None, None)
    assert q1["reconsideration.accepted"] == (3, None, None)
    assert q1["reconsideration.concluded"] == (3, None, None)
    assert q1["reconsideration.correction_rate"] == (P("33.3"), 1, 3)
    assert q1["reconsideration.mediation_rate"] == (P("0.0"), 0, 3)
    # Q3 (7/1–9/30): 审结 r5 (7/15), r6 (8/1), r7 (8/20), r8 (9/1) = 4; 和解 r5 → 1/4 = 25.0%.
    q3 = figures(tree.city, Period.parse("2025Q3"))
    assert q3["reconsideration.concluded"] == (4, None, None)
    assert q3["reconsideration.correction_rate"] == (P("0.0"), 0, 4)
    assert q3["reconsideration.mediation_rate"] == (P("25.0"), 1, 4)


def test_a_month(tree, indicator_data):
    # August 2025: 审结 r6 (8/1), r7 (8/20), both 维持; nothing received.
    aug = figures(tree.city, Period.month(2025, 8))
    assert aug["reconsideration.received"] == (0, None, None)
    assert aug["reconsideration.concluded"] == (2, None, None)
    assert aug["reconsideration.correction_rate"] == (P("0.0"), 0, 2)
    # October 2025: nothing decided → no correction rate.
    assert figures(tree.city, Period.parse("2025-10"))["reconsideration.correction_rate"] == (None, 0, 0)


def test_deciding_another_case_as_revoked_moves_the_figures(tree, office, indicator_data):
    case = services.accept_case(case=indicator_data["pending"], actor=office, accepted_on=date(2025, 11, 5))
    services.decide_case(case=case, actor=office, decision=Decision.REVOKE, decided_on=date(2025, 12, 1))
    # 审结 11, 纠错 4 → 4/11 = 36.36… → 36.4%; the case is no longer overdue.
    city = figures(tree.city, Period.year(2025))
    assert city["reconsideration.concluded"] == (11, None, None)
    assert city["reconsideration.corrected"] == (4, None, None)
    assert city["reconsideration.correction_rate"] == (P("36.4"), 4, 11)
    assert city["reconsideration.overdue"] == (0, None, None)


def test_the_correction_set_follows_the_setting(tree, indicator_data, settings):
    settings.FAZHI_CORRECTION_DECISIONS = ("revoke",)
    assert figures(tree.city, Period.year(2025))["reconsideration.correction_rate"] == (P("20.0"), 2, 10)


@pytest.mark.parametrize("org_name", ["city", "unit_a", "unit_b", "county", "county_unit"])
def test_drilldown_lists_exactly_the_records_behind_each_figure(tree, indicator_data, org_name):
    org = getattr(tree, org_name)
    for period in (Period.year(2025), Period.quarter(2025, 1), Period.year(2024)):
        values = compute(org, period)
        for key, d in registered().items():
            if d.records is None or d.module not in CASE_MODULES or not key.startswith("reconsideration."):
                continue  # figures kept outside Fazhi (统计填报) have no case records
            value = values[key]
            expected = value.numerator if value.denominator is not None else value.value
            assert drilldown_records(key, org, period).count() == expected, (org_name, period.label, key)


def test_drilldown_records_are_the_cases_themselves(tree, indicator_data):
    corrected = drilldown_records("reconsideration.corrected", tree.city, Period.year(2025))
    assert {c.pk for c in corrected} == {indicator_data[k].pk for k in ("r1", "r2", "r3")}
    mediated = drilldown_records("reconsideration.mediation_rate", tree.city, Period.year(2025))
    assert {c.pk for c in mediated} == {indicator_data[k].pk for k in ("r4", "r5")}
