"""A figure and the list its drill-down link opens must agree: following every registered figure's link through
the real page (as the office user who reads the dashboard) lists exactly as many rows as the figure counts (for
a rate, its numerator; its denominator link as many as its base), at every org level and for several periods."""

from __future__ import annotations

import re

import pytest
import time_machine

from fazhi.indicators.registry import Period, compute, registered
from fazhi.indicators.selectors import drill_url
from tests.conftest import DEMO_CITY_ON

ROW = re.compile(r"<tr><td><a href=")


def page_rows(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return len(ROW.findall(tbody))


@pytest.mark.parametrize("org_name", ["city", "unit_a", "unit_b", "county", "county_unit"])
def test_every_figure_drills_down_to_as_many_rows_as_it_counts(tree, indicator_data, office, login, org_name):
    org = getattr(tree, org_name)
    client = login(office)
    checked = bases = 0
    for period in (Period.year(2025), Period.quarter(2025, 2)):
        values = compute(org, period)
        for key, d in registered().items():
            if d.records is None or d.entry.get("source") == "form":
                continue
            value = values[key]
            url = drill_url(value)
            assert url, (key, "a figure with records has a drill-down link")
            expected = value.numerator if value.denominator is not None else value.value
            assert page_rows(client, url) == (expected or 0), (org_name, period.label, key, url)
            checked += 1
            if d.parts:  # a declared rate links its denominator's records too
                base = drill_url(value, "denominator")
                assert base, (key, "a rate links its denominator")
                assert page_rows(client, base) == value.denominator, (org_name, period.label, key, base)
                bases += 1
    assert checked > 10
    assert bases >= 6


TOTAL = re.compile(r"共 (\d+) 条")


def page_total(client, url: str) -> int:
    """The total a list page states (共 N 条) — what a user compares with the figure they clicked."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = TOTAL.search(response.content.decode())
    assert found, (url, "the list states its total")
    return int(found.group(1))


def test_on_the_demo_city_every_figure_matches_its_list_at_every_level(demo_city, client):
    """The same on the demo jurisdiction (城市, a county, a unit; last year and this year to date), with every app's
    records the demo writes (the session's demo city, tests/conftest.py), followed through the real pages as the
    city's 法治办 (fzb), on the day the city was built."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from fazhi.core.models import Org
    from fazhi.demo import city as demo

    root = demo_city
    county = Org.objects.get(code=demo.COUNTIES[0].code)
    unit = Org.objects.filter(parent=root, kind="unit").order_by("code").first()
    checked = 0
    with time_machine.travel(DEMO_CITY_ON, tick=False):
        client.force_login(get_user_model().objects.get(username="fzb"))
        year = timezone.localdate().year
        for org in (root, county, unit):
            for period in (Period.year(year - 1), Period.year(year)):
                values = compute(org, period)
                for key, d in registered().items():
                    if d.records is None or d.entry.get("source") == "form":
                        continue
                    value = values[key]
                    expected = value.numerator if value.denominator is not None else value.value
                    url = drill_url(value)
                    assert url, key
                    assert page_total(client, url) == (expected or 0), (org.name, period.label, key, url)
                    if d.parts:
                        assert page_total(client, drill_url(value, "denominator")) == value.denominator, (
                            org.name,
                            key,
                        )
                    checked += 1
    assert checked > 20
