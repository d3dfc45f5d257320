"""The per-org monthly summary (fazhi.indicators.summary) equals the live computation: over random 复议 and 应诉
cases, for every org (jurisdictions by their subtree, units as the party) and whole-month periods, and again
after each kind of state change — a case created, moved on by the services, edited, voided, deleted, and
imported (the bulk path) — and after a declaration's condition changes (a new signature, built afresh)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from fazhi.core.casework.editing import edit_record, void_record
from fazhi.indicators import summary
from fazhi.indicators.declare import evaluate
from fazhi.indicators.models import MonthlyCount, SummaryBuilt
from fazhi.indicators.registry import Period, compute, org_scope, registered
from fazhi.indicators.selectors import sub_jurisdiction_comparison
from fazhi.litigation import services as lit_services
from fazhi.litigation.choices import Result
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration import indicators as recon_indicators
from fazhi.reconsideration import services
from fazhi.reconsideration.casework import KIND
from fazhi.reconsideration.choices import Decision, TerminationReason
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories
from tests.reconsideration.test_importers import row, run

pytestmark = pytest.mark.django_db
D = date
PERIODS = [
    Period.year(2024),
    Period.year(2025),
    Period.quarter(2025, 2),
    Period.month(2026, 1),
]
SUMMARIZED = ["reconsideration.received", "reconsideration.concluded", "litigation.cases"]


def day(r: random.Random) -> date:
    return D(2024, 1, 1) + timedelta(days=r.randrange(2 * 366 + 150))


def random_cases(tree, actor, r: random.Random, n: int) -> list:
    """`n` 复议 cases at random stages with random dates and decisions, and a suit for about every third."""
    jurisdictions, units = [tree.city, tree.county], [tree.unit_a, tree.unit_b]
    cases = []
    for i in range(n):
        received = day(r)
        case = factories.register_case(
            actor, org=r.choice(jurisdictions), respondent=r.choice(units), received_on=received
        )
        stage = r.random()
        if stage > 0.25:
            accepted = received + timedelta(days=r.randrange(5))
            case = services.accept_case(case=case, actor=actor, accepted_on=accepted)
            if stage > 0.5:
                decision = r.choice([d for d in Decision if d != Decision.DISMISS_APPLICATION])
                reason = r.choice(list(TerminationReason)) if decision == Decision.TERMINATE else ""
                case = services.decide_case(
                    case=case,
                    actor=actor,
                    decision=decision,
                    decided_on=accepted + timedelta(days=r.randrange(1, 60)),
                    termination_reason=reason,
                )
        cases.append(case)
        if i % 3 == 0:
            suit = factories.litigation_case(
                actor,
                defendant=r.choice(units),
                case_number=f"（2025）青行初{LitigationCase.objects.count() + 1}号",  # unique over calls
                complaint_received_on=day(r),
                reconsideration=case if r.random() < 0.3 else None,
            )
            if r.random() < 0.6:
                lit_services.record_judgment(
                    case=suit,
                    actor=actor,
                    result=r.choice(list(Result)),
                    judged_on=suit.complaint_received_on + timedelta(days=r.randrange(1, 200)),
                )
    return cases


def declared() -> list[str]:
    """Every declared figure (the others never read the summary)."""
    return sorted(k for k, d in registered().items() if d.figure is not None)


def live(org, period: Period, settings) -> dict:
    settings.FAZHI_INDICATOR_SUMMARY = False
    try:
        return summed(org, period)
    finally:
        settings.FAZHI_INDICATOR_SUMMARY = True


def summed(org, period: Period) -> dict:
    return {k: (v.value, v.numerator, v.denominator) for k, v in compute(org, period, declared()).items()}


def assert_summary_is_live(settings, tree) -> None:
    for org in (tree.city, tree.county, tree.unit_a, tree.unit_b):
        for period in PERIODS:
            assert summed(org, period) == live(org, period, settings), (org.name, period.label)
    for year in (2024, 2025):
        on = sub_jurisdiction_comparison(tree.city, year)
        settings.FAZHI_INDICATOR_SUMMARY = False
        off = sub_jurisdiction_comparison(tree.city, year)
        settings.FAZHI_INDICATOR_SUMMARY = True
        assert on == off, year


def assert_served_by_summary(org, period: Period) -> None:
    """The summarized figures are read from the summary, not counted live."""
    reg = registered()
    counts = [c for k in SUMMARIZED for c in reg[k].figure.counts()]
    got = summary.read(counts, org_scope(org), period)
    assert set(got) == set(counts)
    assert got == evaluate(counts, org, period)


@pytest.fixture
def data(tree, office):
    cases = random_cases(tree, office, random.Random(17), 30)  # noqa: S311  # reproducible test data
    summary.ensure_built()  # what migrate left (a transactional test's flush empties it)
    return cases


def test_the_summary_equals_the_live_computation_on_random_data(settings, tree, office, data):
    assert_summary_is_live(settings, tree)
    assert_served_by_summary(tree.city, Period.year(2025))
    assert MonthlyCount.objects.exists() and SummaryBuilt.objects.exists()


def test_the_summary_follows_every_kind_of_state_change(settings, tree, office, data):
    assert_summary_is_live(settings, tree)  # kept from now on by the writes below
    built = dict(SummaryBuilt.objects.values_list("slot", "figure"))
    r = random.Random(5)  # noqa: S311  # reproducible test data

    # created
    random_cases(tree, office, r, 4)
    assert_summary_is_live(settings, tree)

    # moved on by the services: accepted, decided (dated in another month than received)
    open_cases = ReconsiderationCase.objects.filter(accepted_on__isnull=True, rejected_on__isnull=True)
    case = open_cases.order_by("id").first()
    case = services.accept_case(case=case, actor=office, accepted_on=case.received_on + timedelta(days=2))
    services.decide_case(
        case=case, actor=office, decision=Decision.REVOKE, decided_on=case.received_on + timedelta(days=40)
    )
    assert_summary_is_live(settings, tree)

    # edited: the received date moves to another month (allowed before acceptance)
    case = (
        ReconsiderationCase.objects.filter(accepted_on__isnull=True, rejected_on__isnull=True)
        .order_by("-id")
        .first()
    )
    edit_record(
        KIND, record=case, actor=office, changes={"received_on": D(2024, 2, 29)}, reason="录入日期有误"
    )
    assert_summary_is_live(settings, tree)

    # voided: it leaves every figure
    case = ReconsiderationCase.objects.filter(decided_on__isnull=False).order_by("id").first()
    void_record(KIND, record=case, actor=office, reason="重复登记作废")
    assert_summary_is_live(settings, tree)

    # deleted (with its children; a case a suit names is protected)
    ReconsiderationCase.objects.filter(decided_on__isnull=False, litigations=None).order_by(
        "-id"
    ).first().delete()
    assert_summary_is_live(settings, tree)

    # imported (the bulk path: staged and published on SQLite, COPY on PostgreSQL)
    result = run(
        [
            row(),
            row(收到申请日期=D(2025, 5, 6), 受理日期=D(2025, 5, 8)),
            row(收到申请日期=D(2024, 11, 2), 受理日期=D(2024, 11, 4)),
        ],
        office,
    )
    assert result.ok, result.messages()
    assert_summary_is_live(settings, tree)
    # every change was kept on write: nothing was rebuilt
    assert dict(SummaryBuilt.objects.values_list("slot", "figure")) == built


def test_a_changed_condition_is_a_new_summary_built_afresh(settings, tree, office, data, monkeypatch):
    assert_summary_is_live(settings, tree)
    before = SummaryBuilt.objects.get(slot="reconsideration.corrected@org_id").figure
    # 纠错 read from a setting at computation time: the condition changes, so does the signature
    narrower = frozenset({Decision.REVOKE})
    monkeypatch.setattr(recon_indicators, "correction_decisions", lambda: narrower)
    assert_summary_is_live(settings, tree)  # not built for the new condition: counted live meanwhile
    corrected = [c for c in registered()["reconsideration.corrected"].figure.counts()]
    assert summary.read(corrected, org_scope(tree.city), Period.year(2025)) == {}
    was = dict(SummaryBuilt.objects.values_list("slot", "figure"))
    assert summary.ensure_built() == 2  # what migrate runs; the count seen by jurisdiction and by respondent
    now = dict(SummaryBuilt.objects.values_list("slot", "figure"))
    assert {k for k in now if now[k] != was.get(k)} == {
        "reconsideration.corrected@org_id",
        "reconsideration.corrected@respondent_id",
    }
    after = SummaryBuilt.objects.get(slot="reconsideration.corrected@org_id").figure
    assert after != before
    assert not MonthlyCount.objects.filter(figure=before).exists()
    assert set(summary.read(corrected, org_scope(tree.city), Period.year(2025))) == set(corrected)
    assert_summary_is_live(settings, tree)


def test_reading_never_writes_and_an_unbuilt_summary_is_counted_live(settings, tree, office, data):
    """A figure read (a page view, maybe on a replica) writes nothing: with no summary built it is counted
    live, the same value; migrate's post_migrate builds what is missing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SummaryBuilt.objects.all().delete()
    MonthlyCount.objects.all().delete()
    reg = registered()
    counts = [c for k in SUMMARIZED for c in reg[k].figure.counts()]
    with CaptureQueriesContext(connection) as queries:
        assert summary.read(counts, org_scope(tree.city), Period.year(2025)) == {}
        assert_summary_is_live(settings, tree)
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    summary.after_migrate(None, using="default")
    assert set(summary.read(counts, org_scope(tree.city), Period.year(2025))) == set(counts)
    assert_served_by_summary(tree.city, Period.year(2025))
    assert_summary_is_live(settings, tree)


def test_what_is_not_summarized_stays_live(tree):
    reg = registered()
    overdue = reg["reconsideration.overdue"].figure  # a snapshot: no date
    carried = reg["reconsideration.carried_over"].figure
    assert summary.slot(overdue, "org_id") is None and summary.slot(carried, "org_id") is None
    assert summary.slot(reg["reconsideration.received"].figure, "org_id") is not None
    # a period that is not whole months is counted live
    assert not summary.whole_months(Period.parse("2025-03-05..2025-04-10"))
    assert summary.whole_months(Period.quarter(2025, 4))
