"""The demo plan of the register: 规章 only where the jurisdiction may make them, in force as 规章制定程序条例
第三十二条 allows, filed with every body 立法法 第一百零九条 names."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fazhi.core.choices import OrgKind
from fazhi.core.demoplan import DemoContext
from fazhi.demo import city as demo
from fazhi.normative import demo as plan
from fazhi.normative import rules
from fazhi.normative.choices import DocKind
from fazhi.normative.models import NormativeDocument

pytestmark = pytest.mark.django_db


def test_the_demo_city_makes_rules_with_their_filings(db):
    root = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    line = plan.load(DemoContext(root=root, today=dt.date(2026, 7, 15), seed=1, label="normative"))
    assert "地方政府规章" in line
    made = NormativeDocument.objects.filter(kind=DocKind.RULE).select_related("org", "issuer")
    assert made.count() >= 3
    for doc in made:
        assert doc.org.kind == OrgKind.CITY and rules.has_rulemaking_power(doc.org), doc
        assert doc.issuer_id == doc.org_id, doc
        if doc.published_on:
            assert doc.effective_earliest == doc.published_on + dt.timedelta(days=31)
            assert doc.effective_on >= doc.effective_earliest or (
                doc.effective_exception and doc.effective_reason
            ), doc
    published = [d for d in made if d.published_on]
    assert published
    assert any(d.state_council_filed_on and d.province_congress_filed_on for d in published)
    assert all(
        rules.filings(d) == ["state_council", "congress", "province_congress", "government"] for d in made
    )
    # a government's 令 are numbered from 第1号 on, one number each, a later year's after an earlier year's (the demo
    # printed 令第0号)
    by_issuer: dict[int, list[tuple[dt.date, int]]] = {}
    for d in published:
        m = re.fullmatch(r".+人民政府令第(\d+)号", d.doc_number)
        assert m, d.doc_number
        by_issuer.setdefault(d.issuer_id, []).append((d.published_on, int(m.group(1))))
    for numbers in by_issuer.values():
        got = [n for _, n in sorted(numbers)]
        assert sorted(got) == list(range(1, len(got) + 1)), got
        years = sorted({on.year for on, _ in numbers})
        for a, b in zip(years, years[1:], strict=False):
            assert max(n for on, n in numbers if on.year == a) < min(
                n for on, n in numbers if on.year == b
            ), got
    # the 规范性文件 of the same plan are untouched: counties make only those
    assert NormativeDocument.objects.filter(org__kind=OrgKind.COUNTY, kind=DocKind.NORMATIVE).exists()
