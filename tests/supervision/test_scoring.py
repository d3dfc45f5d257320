"""考评: item scoring from indicators (hand-computed), manual and deduction scores, totals, ranking with ties per
peer group, versions and the lock on publishing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.supervision import rules, selectors, services
from fazhi.supervision.choices import ItemMethod, SchemeStatus
from fazhi.supervision.models import SchemeItem

from . import factories as f

D = Decimal


def item(points, op=">=", target=90, min_sample=0):
    return SchemeItem(
        name="出庭应诉率",
        points=D(points),
        method=ItemMethod.INDICATOR,
        op=op,
        target=D(target),
        min_sample=min_sample,
    )


def test_an_indicator_item_gives_full_marks_at_target_and_linear_below():
    assert rules.score_indicator(item(10), D("92.5"), 8).score == D("10.00")
    assert rules.score_indicator(item(10), D("90"), 8).score == D("10.00")
    # 72 / 90 × 10 = 8
    assert rules.score_indicator(item(10), D("72"), 8).score == D("8.00")
    # 50 / 90 × 10 = 5.555… → 5.56
    assert rules.score_indicator(item(10), D("50"), 8).score == D("5.56")


def test_a_lower_is_better_item_falls_linearly_above_its_ceiling():
    it = item(10, op="<=", target=30)
    assert rules.score_indicator(it, D("25"), 20).score == D("10.00")
    # (100 − 44) / (100 − 30) × 10 = 8
    assert rules.score_indicator(it, D("44"), 20).score == D("8.00")


def test_too_small_a_sample_or_no_figure_leaves_the_item_to_the_assessors():
    got = rules.score_indicator(item(10, min_sample=3), D("100"), 2)
    assert got.score is None and "样本数 2 少于 3" in got.basis
    assert rules.score_indicator(item(10), None, None).score is None


def test_competition_ranking_shares_a_rank_and_skips_the_next():
    ranked = rules.rank([(1, D("88")), (2, D("91.5")), (3, D("88")), (4, D("70"))])
    assert [(r.unit_id, r.rank) for r in ranked] == [(2, 1), (1, 2), (3, 2), (4, 4)]


def test_score_ranges():
    manual = SchemeItem(name="第一责任人", points=D(20), method=ItemMethod.MANUAL)
    deduction = SchemeItem(name="败诉扣分", points=D(5), method=ItemMethod.DEDUCTION)
    assert rules.check_score(manual, D(20)) == ""
    assert "0 至 20" in rules.check_score(manual, D("20.5"))
    assert rules.check_score(deduction, D(-5)) == ""
    assert "-5 至 0" in rules.check_score(deduction, D(1))


@pytest.mark.django_db
def test_scores_totals_and_ranking_per_peer_group(tree, office, reviewer, clerk_a):
    scheme = f.scheme(office, tree)
    first, rate, deduct = scheme.items.order_by("seq")
    # unit A: 2 problems found in 2025, both closed → 整改率 100% → 10 (sample 2 meets min_sample 2).
    f.closed_problem(office, clerk_a, tree.unit_a)
    f.closed_problem(office, clerk_a, tree.unit_a, description="执法公示不及时")
    # unit B: 2 found, 1 closed → 50% → 50/90 × 10 = 5.56.
    f.closed_problem(office, office, tree.unit_b)
    f.problem(office, tree.unit_b, description="案卷归档不全")
    services.compute_scores(case=scheme, actor=reviewer, computed_on=date(2026, 1, 10))
    s = {(x.unit_id, x.item_id): x for x in rate.scores.all()}
    assert s[(tree.unit_a.pk, rate.pk)].score == D("10.00") and s[(tree.unit_a.pk, rate.pk)].computed
    assert s[(tree.unit_b.pk, rate.pk)].score == D("5.56")
    assert (tree.county.pk, rate.pk) not in s  # no problems: no figure, left to the assessors
    day = date(2026, 1, 12)
    services.score_unit(case=scheme, actor=reviewer, item=first, unit=tree.unit_a, score=D(15), scored_on=day)
    services.score_unit(
        case=scheme, actor=reviewer, item=first, unit=tree.unit_b, score=D("19.44"), scored_on=day
    )
    services.score_unit(
        case=scheme, actor=reviewer, item=deduct, unit=tree.unit_a, score=D(-2), scored_on=day
    )
    services.score_unit(case=scheme, actor=reviewer, item=first, unit=tree.county, score=D(18), scored_on=day)
    groups = {g.tier: g for g in selectors.ranking(scheme)}
    depts = [(r.unit, r.total, r.rank) for r in groups["department"].rows]
    # A: 15 + 10 − 2 = 23; B: 19.44 + 5.56 = 25 → B first.
    assert depts == [(tree.unit_b, D("25.00"), 1), (tree.unit_a, D("23.00"), 2)]
    assert [(r.unit, r.total, r.rank) for r in groups["government"].rows] == [(tree.county, D("18.00"), 1)]
    # a tie: A gets 2 more points → 25, shares first place
    services.score_unit(case=scheme, actor=reviewer, item=deduct, unit=tree.unit_a, score=D(0), scored_on=day)
    groups = {g.tier: g for g in selectors.ranking(scheme)}
    assert [(r.total, r.rank) for r in groups["department"].rows] == [(D("25.00"), 1), (D("25.00"), 1)]


@pytest.mark.django_db
def test_scoring_refusals_and_the_lock_on_publishing(tree, office, reviewer, clerk_a, leader):
    scheme = f.scheme(office, tree)
    first = scheme.items.order_by("seq").first()
    day = date(2026, 1, 12)
    with pytest.raises(ValidationError, match="0 至 20"):
        services.score_unit(
            case=scheme, actor=reviewer, item=first, unit=tree.unit_a, score=D(21), scored_on=day
        )
    with pytest.raises(ValidationError, match="不是本方案的考评对象"):
        services.score_unit(
            case=scheme, actor=reviewer, item=first, unit=tree.county_unit, score=D(1), scored_on=day
        )
    for who in (clerk_a, leader):
        with pytest.raises(PermissionDenied):
            services.score_unit(
                case=scheme, actor=who, item=first, unit=tree.unit_a, score=D(1), scored_on=day
            )
    with pytest.raises(PermissionDenied):
        services.publish_results(case=scheme, actor=reviewer, published_on=day)  # publishing is the office's
    services.publish_results(case=scheme, actor=office, published_on=day)
    assert scheme.status == SchemeStatus.PUBLISHED
    with pytest.raises(ValidationError, match="已公布"):
        services.score_unit(
            case=scheme, actor=reviewer, item=first, unit=tree.unit_a, score=D(1), scored_on=day
        )
    with pytest.raises(ValidationError, match="已公布"):
        services.add_item(case=scheme, actor=office, name="新增", points=D(1), method=ItemMethod.MANUAL)


@pytest.mark.django_db
def test_a_new_version_of_the_years_scheme_keeps_the_old_one(tree, office):
    one = f.scheme(office, tree, items=False)
    two = f.scheme(office, tree, items=False)
    assert (one.revision, two.revision) == (1, 2)


@pytest.mark.django_db
def test_an_indicator_item_must_name_a_catalog_figure_and_its_target(tree, office):
    scheme = f.scheme(office, tree, items=False)
    with pytest.raises(ValidationError, match="指标目录中没有"):
        services.add_item(
            case=scheme,
            actor=office,
            name="x",
            points=D(5),
            method=ItemMethod.INDICATOR,
            indicator="no.such",
            op=">=",
            target=D(1),
        )
    with pytest.raises(ValidationError, match="目标值"):
        services.add_item(
            case=scheme,
            actor=office,
            name="x",
            points=D(5),
            method=ItemMethod.INDICATOR,
            indicator="litigation.head_appearance_rate",
        )
