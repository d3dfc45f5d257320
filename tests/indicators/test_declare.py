"""Figures declared once (fazhi.indicators.declare): from one Count or Rate the engine derives the value, the
records behind it (a rate: its numerator's and its denominator's) and the comparison across child
jurisdictions, and they agree with each other for every org level and several periods."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Q

from fazhi.indicators import declare
from fazhi.indicators.declare import Count, Rate
from fazhi.indicators.registry import Period, compute, drilldown_records, registered
from fazhi.indicators.selectors import drill_url, sub_jurisdiction_comparison, sub_jurisdictions
from fazhi.reconsideration.models import ReconsiderationCase

pytestmark = pytest.mark.django_db
ORGS = ["city", "unit_a", "unit_b", "county", "county_unit"]
PERIODS = [
    Period.year(2025),
    Period.year(2024),
    Period.quarter(2025, 2),
    Period.month(2025, 11),
    Period.year(2026),
]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def declared() -> dict:
    return {k: d for k, d in registered().items() if d.figure is not None}


@pytest.mark.parametrize("org_name", ORGS)
def test_a_declared_figure_equals_the_count_of_its_records(tree, indicator_data, org_name):
    org = getattr(tree, org_name)
    defs = declared()
    assert len(defs) >= 20
    nonzero = 0
    for period in PERIODS:
        values = compute(org, period, sorted(defs))
        for key, d in defs.items():
            v = values[key]
            if isinstance(d.figure, Rate):
                assert drilldown_records(key, org, period).count() == v.numerator, (
                    org_name,
                    period.label,
                    key,
                )
                assert drilldown_records(key, org, period, "denominator").count() == v.denominator, (
                    org_name,
                    period.label,
                    key,
                )
                nonzero += bool(v.denominator)
            else:
                assert drilldown_records(key, org, period).count() == v.value, (org_name, period.label, key)
                nonzero += bool(v.value)
    if org_name == "city":
        assert nonzero > 20  # the dataset exercises the figures, not only zeros


def test_a_new_declaration_gets_value_records_and_rate_without_more_code(tree, indicator_data):
    # A count over any model and date field, with a condition, is all a figure needs.
    case = Count.of(ReconsiderationCase, jurisdiction="org", party="respondent")
    received = case("received_on")
    by_unit_a = case("received_on", where=Q(respondent=tree.unit_a))
    share = Rate(by_unit_a, received)
    for org in (tree.city, tree.county, tree.unit_a):
        for period in PERIODS:
            got = declare.evaluate([received, by_unit_a], org, period)
            assert got[received] == received.records(org, period).count()
            assert got[by_unit_a] == by_unit_a.records(org, period).count()
            v = share.value(got)
            assert (v.numerator, v.denominator) == (got[by_unit_a], got[received])
            assert share.records(org, period, "denominator").count() == got[received]
    assert declare.evaluate([received], tree.city, Period.year(2025))[received] > 0


def test_counts_over_one_date_field_share_one_query(
    tree, indicator_data, django_assert_num_queries, settings
):
    # counted live (as when the period is not whole months, or the summary not built): indicators.summary off
    settings.FAZHI_INDICATOR_SUMMARY = False
    keys = [
        "reconsideration.concluded",
        "reconsideration.corrected",
        "reconsideration.correction_rate",
        "reconsideration.mediated",
        "reconsideration.mediation_rate",
    ]
    with django_assert_num_queries(2):  # the org scope, then one conditional aggregate over decided_on
        compute(tree.city, Period.year(2025), keys)


def test_a_snapshot_of_a_period_yet_to_come_counts_nothing(tree, indicator_data):
    future = Period.year(2026)
    assert compute(tree.city, future, ["reconsideration.overdue"])["reconsideration.overdue"].value == 0
    assert not drilldown_records("reconsideration.overdue", tree.city, future).exists()
    assert (
        compute(tree.city, Period.year(2025), ["reconsideration.overdue"])["reconsideration.overdue"].value
        == 1
    )


def test_the_comparison_is_the_engine_for_each_child(tree, indicator_data):
    defs = list(declared().values())
    for period in (Period.year(2025), Period.quarter(2025, 2)):
        by_child = declare.compare(defs, tree.city, period, sub_jurisdictions(tree.city))
        assert set(by_child) == {tree.county.pk}
        engine = compute(tree.county, period, [d.key for d in defs])
        for d in defs:
            got, want = by_child[tree.county.pk][d.key], engine[d.key]
            assert (got.value, got.numerator, got.denominator) == (
                want.value,
                want.numerator,
                want.denominator,
            ), d.key
    (row,) = sub_jurisdiction_comparison(tree.city, 2025, min_sample=0)
    assert {
        "received",
        "correction_rate",
        "correction_rate_base",
        "head_appearance_rate",
        "head_appearance_rate_base",
    } <= set(row)


def test_a_rate_links_its_numerator_and_its_denominator(tree, indicator_data):
    v = compute(tree.city, Period.year(2025), ["reconsideration.correction_rate"])[
        "reconsideration.correction_rate"
    ]
    assert drill_url(v).startswith("/reconsideration/") and "part=" not in drill_url(v)
    assert drill_url(v, "denominator").endswith("&part=denominator")
    count = compute(tree.city, Period.year(2025), ["reconsideration.corrected"])["reconsideration.corrected"]
    assert drill_url(count, "denominator") == ""  # a count has no base
    with pytest.raises(ValidationError):
        drilldown_records("reconsideration.corrected", tree.city, Period.year(2025), "denominator")


def test_a_denominator_drilldown_lists_the_base_on_the_page(tree, indicator_data, office, login):
    v = compute(tree.city, Period.year(2025), ["litigation.head_appearance_rate"])[
        "litigation.head_appearance_rate"
    ]
    body = login(office).get(drill_url(v, "denominator")).content.decode()
    assert "（分母）" in body
    assert login(office).get(drill_url(v).replace("org=", "part=bogus&org=")).status_code == 404


def test_an_app_names_the_list_page_of_each_model_it_counts(tree, indicator_data, monkeypatch):
    """An app whose figures count several models (cases, officers …) names the list of each (`list_urls`, by
    model name); a model it does not name drills down to its `list_url`."""
    from django.apps import apps

    from fazhi.indicators.selectors import drill_url

    value = compute(tree.city, Period.year(2025), ["litigation.cases"])["litigation.cases"]
    assert drill_url(value).startswith("/litigation/?")
    monkeypatch.setattr(
        apps.get_app_config("litigation"), "list_urls", {"litigationcase": "litigation:create"}
    )
    assert drill_url(value).startswith("/litigation/new/?")


def _random_cases(tree, actor, seed: int) -> None:
    """Seeded random 复议 cases and suits over 2024–2026 in every org of the tree (through the services)."""
    import random
    from datetime import date, timedelta

    from fazhi.reconsideration.choices import Decision, TerminationReason
    from tests import factories

    r = random.Random(seed)  # noqa: S311  (test data, not secrets)
    jurisdictions = [tree.city, tree.county]
    respondents = {tree.city: [tree.unit_a, tree.unit_b], tree.county: [tree.county_unit]}
    decided = []
    for _ in range(36):
        org = r.choice(jurisdictions)
        received = date(2024, 1, 1) + timedelta(days=r.randrange(0, 900))
        kw = {"org": org, "respondent": r.choice(respondents[org]), "received_on": received}
        kind = r.random()
        if kind < 0.2:
            factories.register_case(actor, **kw)
        elif kind < 0.4:
            factories.accepted_case(actor, accepted_on=received + timedelta(days=2), **kw)
        else:
            decision = r.choice([Decision.REVOKE, Decision.UPHOLD, Decision.MEDIATION, Decision.TERMINATE])
            reason = TerminationReason.SETTLED_WITHDRAWN if decision == Decision.TERMINATE else ""
            decided.append(
                factories.decided_case(
                    actor,
                    accepted_on=received + timedelta(days=2),
                    decided_on=received + timedelta(days=r.randrange(10, 120)),
                    decision=decision,
                    termination_reason=reason,
                    **kw,
                )
            )
    for i, case in enumerate(r.sample(decided, k=len(decided) // 3)):
        factories.litigation_case(
            actor,
            defendant=case.respondent,
            case_number=f"（2025）随机行初{i}号",
            complaint_received_on=case.decided_on + timedelta(days=r.randrange(5, 60)),
            reconsideration=case,
        )


@pytest.mark.parametrize("seed", [1, 2])
def test_the_top_jurisdictions_fast_scope_counts_what_its_org_list_counts(tree, office, seed):
    """The top jurisdiction's figures are counted over the whole table (no IN list of every org): each equals
    the count of its own definition over the org list, one query per count, on random data."""
    from fazhi.indicators.registry import OrgScope, org_scope

    _random_cases(tree, office, seed)
    scope = org_scope(tree.city)
    assert scope.everything and not org_scope(tree.county).everything
    listed = OrgScope(ids=scope.ids, by_party=False)
    defs = declared()
    for period in [*PERIODS, Period.month(2024, 3)]:
        values = compute(tree.city, period, sorted(defs))
        for key, d in defs.items():

            def old(c: Count, period: Period = period) -> int:
                return c.records(tree.city, period, listed).count()

            f = d.figure
            expected = (old(f.numerator), old(f.denominator)) if isinstance(f, Rate) else old(f)
            v = values[key]
            got = (v.numerator, v.denominator) if isinstance(f, Rate) else v.value
            assert got == expected, (seed, period.label, key)
