"""重大行政决策程序暂行条例 第二十六条第二款: "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。"
Dates checked by hand against the State Council holiday notices (国办发明电〔2024〕12号 for 2025: 春节 1月28日至
2月4日 off, 1月26日(日) and 2月8日(六) worked; 国庆、中秋 10月1日至8日 off, 9月28日(日) and 10月11日(六) worked)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.law.deadlines import RULES, compute

pytestmark = pytest.mark.django_db


def test_the_rule_quotes_the_article():
    rule = RULES["legality.minimum_review"]
    assert rule.citation == "《重大行政决策程序暂行条例》第二十六条第二款"
    assert "一般不少于7个工作日" in rule.text
    assert rule.days == 7


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Mon 15 Sep 2025: Tue 16 … Fri 19 (4), Mon 22, Tue 23, Wed 24 (7).
        (date(2025, 9, 15), date(2025, 9, 24)),
        # Fri 26 Sep 2025: Sun 28 (调休上班, 1), Mon 29, Tue 30 (3), 1–8 Oct off, Thu 9, Fri 10 (5), Sat 11 (调休, 6),
        # Mon 13 Oct (7).
        (date(2025, 9, 26), date(2025, 10, 13)),
        # Fri 24 Jan 2025: Sun 26 (调休, 1), Mon 27 (2), 28 Jan–4 Feb off, Wed 5, Thu 6, Fri 7 (5), Sat 8 (调休, 6),
        # Mon 10 Feb (7).
        (date(2025, 1, 24), date(2025, 2, 10)),
        # Sat 6 Dec 2025 (received on a rest day): Mon 8 … Fri 12 (5), Mon 15, Tue 16 (7).
        (date(2025, 12, 6), date(2025, 12, 16)),
    ],
)
def test_minimum_review_time(received, due):
    d = compute("legality.minimum_review", received)
    assert d.due == due
    assert "第二十六条第二款" in d.explanation
