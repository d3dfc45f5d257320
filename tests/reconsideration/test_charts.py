"""The dashboard charts 行政复议 declares (`dashboard_charts`), on the hand-worked dataset of tests/factories.py."""

from __future__ import annotations

from fazhi.core.contract import resolve
from fazhi.indicators.selectors import dashboard_charts
from fazhi.reconsideration.apps import ReconsiderationConfig
from fazhi.reconsideration.selectors import monthly_trend, respondent_ranking


def test_the_app_declares_its_two_charts():
    assert [resolve(p) for p in ReconsiderationConfig.dashboard_charts] == [monthly_trend, respondent_ranking]


def test_monthly_trend_counts_received_and_decided_cases_per_month(tree, indicator_data):
    chart = monthly_trend(tree.city, 2025, min_sample=5)
    assert (chart["id"], chart["kind"], chart["title"]) == ("trend", "series", "行政复议月度收案与审结")
    received, decided = chart["data"]["series"]
    assert chart["data"]["categories"][0] == "1月"
    # r9 | r1 | r2 | r3 | r4 | r5, r6, rejected | r7, r8 | - | - | - | pending | -
    assert received == {"name": "收案", "type": "bar", "data": [1, 1, 1, 1, 1, 3, 2, 0, 0, 0, 1, 0]}
    # r10 | r9 | r1 | r2 | r3 | r4 | r5 | r6, r7 | r8
    assert decided["name"] == "审结" and decided["data"][:9] == [1, 1, 1, 1, 1, 1, 1, 2, 1]


def test_respondent_ranking_lists_only_units_with_enough_decided_cases(tree, indicator_data):
    chart = respondent_ranking(tree.city, 2025, min_sample=5)
    assert chart["title"] == "被申请人纠错率排名（审结 ≥ 5 件）"
    # unit A: r1 撤销, r3 变更 corrected of r1, r3, r4, r6, r7; unit B has 3 decided cases
    assert chart["data"] == [{"name": tree.unit_a.name, "n": 5, "corrected": 2, "rate": 40.0}]
    assert respondent_ranking(tree.city, 2025, min_sample=6)["data"] == []


def test_the_dashboard_draws_the_declared_charts(login, office, tree, indicator_data):
    assert [c["id"] for c in dashboard_charts(tree.city, 2025)] == ["trend", "ranking"]
    html = login(office).get(f"/indicators/?org={tree.city.pk}&year=2025").content.decode()
    assert 'id="trend"' in html and 'id="ranking"' in html
    assert "被申请人纠错率排名（审结 ≥ 5 件）" in html
    assert "没有审结案件达到最小样本的单位" not in html
