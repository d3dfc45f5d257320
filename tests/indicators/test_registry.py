"""The indicator registry: periods, rates and their rounding, values that say "无数据" instead of 0, the engine's
refusals, org scopes (a jurisdiction's subtree vs a unit as party), facts computed once, default targets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.indicators import registry
from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.registry import Period, Value, compute, drilldown_records, org_scope, rate, registered
from fazhi.indicators.targets import status_of, targets_for

D = date


# -- periods ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), "2024年"),
        ("2024Q1", D(2024, 1, 1), D(2024, 3, 31), "2024年第1季度"),
        ("2024q3", D(2024, 7, 1), D(2024, 9, 30), "2024年第3季度"),
        ("2025Q4", D(2025, 10, 1), D(2025, 12, 31), "2025年第4季度"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024年2月"),  # leap year
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28), "2025年2月"),
        ("2025-01-01..2025-06-30", D(2025, 1, 1), D(2025, 6, 30), "2025年01月01日至2025年06月30日"),
    ],
)
def test_periods_parse(text, start, end, label):
    p = Period.parse(text)
    assert (p.start, p.end, p.label) == (start, end, label)
    assert (Period.parse(p.token).start, Period.parse(p.token).end) == (start, end)


def test_period_constructors_agree_with_parse():
    assert Period.year(2025) == Period.parse("2025")
    assert Period.quarter(2025, 2) == Period.parse("2025Q2")
    assert Period.month(2025, 12) == Period.parse("2025-12")
    assert Period.year(2025).token == "2025-01-01..2025-12-31"


@pytest.mark.parametrize("text", ["", "去年", "2025Q5", "2025-13", "2025-06-30..2025-01-01", "2025-1-1..x"])
def test_bad_periods_are_refused_in_chinese(text):
    with pytest.raises(ValidationError) as exc:
        Period.parse(text)
    message = exc.value.messages[0]
    assert "期间" in message


# -- rates and values -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        (3, 10, Decimal("30.0")),
        (2, 3, Decimal("66.7")),  # 66.666…
        (1, 3, Decimal("33.3")),  # 33.333…
        (1, 8, Decimal("12.5")),
        (1, 16, Decimal("6.3")),  # 6.25 → half-up, as the reports print it (not banker's 6.2)
        (1, 40, Decimal("2.5")),
        (0, 7, Decimal("0.0")),
        (7, 7, Decimal("100.0")),
    ],
)
def test_rates_are_percentages_rounded_half_up(num, den, expected):
    assert rate(num, den) == expected


def test_a_rate_over_nothing_is_none_not_zero():
    assert rate(0, 0) is None
    assert rate(5, 0) is None


def test_values_display_and_serialise():
    assert Value("k", "n", "percent", Decimal("30.0"), 3, 10).display() == "30.0%"
    assert Value("k", "n", "count", 12345).display() == "12,345"
    assert Value("k", "n", "count", 0).display() == "0"
    none = Value("k", "n", "percent", None, 0, 0)
    assert none.missing and none.display() == "无数据"
    assert Value("k", "n", "percent", Decimal("66.7"), 2, 3).as_dict() == {
        "value": 66.7,
        "unit": "percent",
        "numerator": 2,
        "denominator": 3,
    }
    assert Value("k", "n", "count", 4).as_dict() == {
        "value": 4,
        "unit": "count",
        "numerator": None,
        "denominator": None,
    }


# -- the engine -------------------------------------------------------------------------------------------------
def test_every_casework_figure_is_registered_with_its_catalog_name_and_unit():
    reg = registered()
    expected = {
        "reconsideration.received": ("行政复议新收/受理案件数", "count"),
        "reconsideration.concluded": ("行政复议审结案件数", "count"),
        "reconsideration.corrected": ("行政复议纠错案件数", "count"),
        "reconsideration.correction_rate": ("行政复议纠错率", "percent"),
        "reconsideration.mediated": ("行政复议调解和解案件数", "count"),
        "reconsideration.mediation_rate": ("行政复议调解和解率", "percent"),
        "reconsideration.settled_rate": ("行政复议案结事了率", "percent"),
        "litigation.cases": ("行政应诉（一审行政诉讼）案件数", "count"),
        "litigation.head_appearance_rate": ("行政机关负责人出庭应诉率", "percent"),
        "litigation.loss_rate": ("行政应诉败诉率", "percent"),
        "litigation.sued_after_reconsideration_rate": ("经复议后起诉比例", "percent"),
        "litigation.after_reconsideration_loss_rate": ("经复议后起诉案件败诉率", "percent"),
    }
    for key, (name, unit) in expected.items():
        assert key in reg, key
        assert (reg[key].name, reg[key].unit) == (name, unit), key
        assert reg[key].records is not None, key  # every casework figure can list its records


def test_a_key_outside_the_catalog_cannot_be_registered():
    with pytest.raises(KeyError):
        registry.indicator("reconsideration.made_up")


@pytest.mark.django_db
def test_unknown_keys_are_refused(tree):
    with pytest.raises(ValidationError) as exc:
        compute(tree.city, Period.year(2025), ["reconsideration.received", "reconsideration.nope"])
    assert exc.value.messages == ["未知指标：reconsideration.nope"]


@pytest.mark.django_db
def test_a_figure_without_records_has_no_drilldown(tree):
    with pytest.raises(ValidationError) as exc:
        drilldown_records("reconsideration.nope", tree.city, Period.year(2025))
    assert exc.value.messages == ["指标 reconsideration.nope 没有可查看的明细记录"]
    # Every registered figure lists the records (or submissions) behind it.
    assert [k for k, d in registered().items() if d.records is None] == []


@pytest.mark.django_db
def test_values_carry_formula_and_drilldown_query(tree):
    v = compute(tree.city, Period.year(2025), ["reconsideration.correction_rate"])[
        "reconsideration.correction_rate"
    ]
    assert v.formula == "纠错率 = 纠错件数 ÷ 审结件数 × 100%"
    assert (
        v.drilldown
        == f"indicator=reconsideration.correction_rate&org={tree.city.pk}&period=2025-01-01..2025-12-31"
    )
    assert (v.value, v.numerator, v.denominator) == (None, 0, 0)


@pytest.mark.django_db
def test_facts_are_computed_once_per_computation(tree, monkeypatch, settings):
    # Declared counts: one aggregate per model and date field, a count shared by figures computed once (counted
    # live, as when the period is not whole months or the summary not built: indicators.summary off).
    from fazhi.indicators import declare

    settings.FAZHI_INDICATOR_SUMMARY = False

    calls = []
    original = declare._aggregate

    def counting(batch, qs, period, group_by):
        calls.append((batch[0].date_field, len(batch)))
        return original(batch, qs, period, group_by)

    monkeypatch.setattr(declare, "_aggregate", counting)
    compute(
        tree.city,
        Period.year(2025),
        [
            "reconsideration.received",
            "reconsideration.concluded",
            "reconsideration.corrected",
            "reconsideration.correction_rate",
        ],
    )
    assert sorted(calls) == [("decided_on", 2), ("received_on", 1)]


@pytest.mark.django_db
def test_org_scope_is_a_subtree_for_a_jurisdiction_and_the_party_for_a_unit(tree):
    city = org_scope(tree.city)
    assert set(city.ids) == {
        tree.city.pk,
        tree.unit_a.pk,
        tree.unit_b.pk,
        tree.county.pk,
        tree.county_unit.pk,
    }
    assert city.by_party is False
    county = org_scope(tree.county)
    assert set(county.ids) == {tree.county.pk, tree.county_unit.pk} and county.by_party is False
    unit = org_scope(tree.unit_a)
    assert unit.ids == [tree.unit_a.pk] and unit.by_party is True


@pytest.mark.django_db
def test_computing_costs_a_fixed_number_of_queries(tree, indicator_data, django_assert_max_num_queries):
    keys = [k for k in registered() if k.startswith(("reconsideration.", "litigation."))]
    compute(tree.city, Period.year(2025), keys)
    # One org-scope lookup and a handful of aggregates per app, whatever the number of cases.
    with django_assert_max_num_queries(20):
        compute(tree.city, Period.year(2025), keys)


# -- default targets --------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_offices_target_applies(tree):
    assert "litigation.head_appearance_rate" not in targets_for(tree.city, 2025)  # none in code
    Target.objects.create(
        key="litigation.head_appearance_rate",
        org=tree.city,
        year=2025,
        comparator=Comparator.GTE,
        threshold=Decimal(95),
        source="市政府确定",
    )
    assert targets_for(tree.city, 2025)["litigation.head_appearance_rate"].threshold == 95


@pytest.mark.django_db
def test_target_status_met_missed_in_progress_or_no_data(tree):
    Target.objects.create(
        key="litigation.sued_after_reconsideration_rate",
        org=tree.city,
        year=2025,
        comparator=Comparator.LT,
        threshold=Decimal(30),
        source="2025年工作要点第21条",
    )
    t = targets_for(tree.city, 2025)["litigation.sued_after_reconsideration_rate"]  # 低于30%
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert status_of(t, Decimal("20.0"), 2025).status == "达标"
        assert status_of(t, Decimal("30.0"), 2025).status == "进行中"  # the year is not over
        assert status_of(t, Decimal("30.0"), 2024).status == "未达标"
        assert status_of(t, None, 2025).status == "无数据"
        assert status_of(t, None, 2025).text == "低于30%"
