"""The demo-plan protocol (core/demoplan.py): a seeded source per app, dated history, the demo's people."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from fazhi.core.demoplan import DemoContext, sim_time
from fazhi.demo import city as demo


@pytest.fixture
def root(db):
    root = demo.load_org_tree()
    demo.create_users("Demo-password-1")
    return root


def test_each_app_draws_from_its_own_seeded_source(root):
    today = dt.date(2025, 6, 30)
    a1 = DemoContext(root=root, today=today, seed=7, label="legality")
    a2 = DemoContext(root=root, today=today, seed=7, label="legality")
    b = DemoContext(root=root, today=today, seed=7, label="hotline")
    draws = [[c.rng.random() for _ in range(5)] for c in (a1, a2, b)]
    assert draws[0] == draws[1]
    assert draws[0] != draws[2]
    assert a1.years == (2023, 2024, 2025)
    assert a1.days(2025)[-1] == today and len(a1.days(2024)) == 366
    assert a1.count(365, 2025) == 181


def test_on_dates_the_step_and_restores(root):
    ctx = DemoContext(root=root, today=dt.date(2025, 6, 30), seed=1, label="x")
    assert sim_time() is None
    with ctx.on(dt.date(2024, 3, 5)) as when:
        assert sim_time() == when and when.date() == dt.date(2024, 3, 5) and 9 <= when.hour < 17
    assert sim_time() is None


def test_user_is_the_orgs_member_or_the_nearest_above(root):
    ctx = DemoContext(root=root, today=dt.date(2025, 6, 30), seed=1, label="x")
    assert ctx.user(root, "office").username == "fzb"
    market = ctx.unit(root, "market")
    assert ctx.user(market, "clerk").username == "scjg"
    assert ctx.user(market, "office").username == "fzb"  # the unit has no office member: the city's
    county_unit = ctx.units(ctx.jurisdictions()[1])[0]
    assert ctx.user(county_unit, "office").username.endswith("_fzb")
    assert ctx.user(root, "nobody") == get_user_model().objects.get(username="admin")


def test_each_app_numbers_with_its_own_suffix(root):
    """The demo government's 复议 prefix 澜府复 becomes 澜府合审, 澜府规 … for the other apps (was 澜府复 for all)."""
    from fazhi.core import numbering

    assert numbering.prefix(root, "reconsideration") == "澜府复"
    assert numbering.prefix(root, "legality") == "澜府合审"
    assert numbering.prefix(root, "normative") == "澜府规"
