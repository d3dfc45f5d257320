"""Org scope of the 问题台账 and the figures over it (督察发现问题 X 个，已整改 X 个，整改率，整改逾期)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from fazhi.core.due import due_list
from fazhi.indicators.registry import Period, compute
from fazhi.supervision import selectors
from fazhi.supervision.selectors import CaseFilters

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(tree, office, clerk_a):
    insp = f.inspection(office, tree)
    return {
        "a_closed": f.closed_problem(office, clerk_a, tree.unit_a, insp=insp),
        "a_open": f.problem(office, tree.unit_a, insp=insp, rectify_due=date(2025, 6, 30)),
        "b_open": f.problem(office, tree.unit_b, insp=insp, rectify_due=date(2025, 12, 31)),
        "county": f.problem(
            office, tree.county_unit, found_on=date(2025, 7, 1), rectify_due=date(2025, 8, 1)
        ),
    }


def ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_each_reader_sees_their_own_part_of_the_ledger(
    ledger, office, clerk_a, clerk_b, leader, county_office
):
    everything = {p.pk for p in ledger.values()}
    assert ids(selectors.visible_cases(office)) == everything
    assert ids(selectors.visible_cases(leader)) == everything
    assert ids(selectors.visible_cases(clerk_a)) == {ledger["a_closed"].pk, ledger["a_open"].pk}
    assert ids(selectors.visible_cases(clerk_b)) == {ledger["b_open"].pk}
    assert ids(selectors.visible_cases(county_office)) == {ledger["county"].pk}


@time_machine.travel(date(2025, 8, 15), tick=False)
def test_figures_of_a_list_and_the_overdue_filter(ledger, office, clerk_a):
    figures = selectors.problem_figures(selectors.visible_cases(office))
    assert (figures.found, figures.rectified, figures.overdue, figures.rate) == (4, 1, 2, Decimal("25.0"))
    overdue = selectors.filtered_cases(office, CaseFilters(due="overdue"))
    assert ids(overdue) == {ledger["a_open"].pk, ledger["county"].pk}
    mine = selectors.problem_figures(selectors.visible_cases(clerk_a))
    assert (mine.found, mine.rectified, mine.overdue) == (2, 1, 1)


@time_machine.travel(date(2025, 8, 15), tick=False)
def test_catalog_figures_for_the_city_the_unit_and_the_county(tree, ledger):
    year = Period.year(2025)
    city = compute(tree.city, year, ["supervision.problems_found", "supervision.problems_rectified",
                                     "supervision.rectification_rate", "supervision.rectification_overdue"])  # fmt: skip
    assert city["supervision.problems_found"].value == 4
    assert city["supervision.problems_rectified"].value == 1
    assert city["supervision.rectification_rate"].value == Decimal("25.0")
    assert city["supervision.rectification_overdue"].value == 2
    unit = compute(tree.unit_a, year, ["supervision.rectification_rate"])["supervision.rectification_rate"]
    assert (unit.numerator, unit.denominator) == (1, 2)
    county = compute(tree.county, year, ["supervision.problems_found"])["supervision.problems_found"]
    assert county.value == 1


@time_machine.travel(date(2025, 8, 15), tick=False)
def test_open_rectifications_reach_the_due_list_of_the_responsible_unit(ledger, clerk_a, office):
    mine = [d for d in due_list(clerk_a, "", date(2025, 8, 15), 50) if d.source == "supervision.rectify"]
    assert [d.record.pk for d in mine] == [ledger["a_open"].pk]
    assert mine[0].overdue and mine[0].org.name == "青城市市场监督管理局"
    assert "整改期限" in mine[0].rule
    all_ = [
        d for d in due_list(office, "overdue", date(2025, 8, 15), 50) if d.source == "supervision.rectify"
    ]
    assert {d.record.pk for d in all_} == {ledger["a_open"].pk, ledger["county"].pk}
