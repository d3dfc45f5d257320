"""The 执法监督预警 scan's case findings on a random ledger equal a plain reading of each rule over every record
(the finders' SQL is tuned for speed: unordered scans sorted afterwards, decisions counted per day and added up
into months, so this checks that the tuning finds exactly the same cases, units and months, in the same order).

The oracle reads each case as a Python object: 处罚决定超期 (第六十条), 执法决定未按时公示 (国办发〔2018〕118号),
重大执法决定未经法制审核 (第五十八条), 无有效执法证执法 (第四十二条; 行政强制法 第十八条), and the jump rule's monthly
counts (scan.jump_of, the rule itself, is tested by hand in test_warnings)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from fazhi.enforcement import rules, scan
from fazhi.enforcement.choices import TWO_OFFICER_KINDS, PowerType, WarningKind
from fazhi.enforcement.models import EnforcementCase, Officer

pytestmark = pytest.mark.django_db
K = WarningKind
KINDS = [PowerType.PENALTY] * 5 + [PowerType.LICENSE] * 2 + [PowerType.INSPECTION, PowerType.COERCION]


def _ledger(tree, seed: int) -> None:
    """About 600 cases over 2024–2025 in three units of two jurisdictions, with every defect the scan looks for,
    many on the boundary days (decided on or one day after its due date, published on or after its due day)."""
    rng = random.Random(seed)  # noqa: S311 - test data
    units = [tree.unit_a, tree.unit_b, tree.county_unit]
    officers = {
        u.pk: [
            Officer.objects.create(
                org=u.jurisdiction(),
                unit=u,
                name=f"员{u.pk}-{n}",
                cert_number=f"Z{u.pk}-{n}",
                issued_on=date(2024, rng.randint(1, 6), 1),
                expires_on=date(2025, rng.randint(1, 12), rng.randint(1, 28)) if n > 3 else date(2030, 1, 1),
            )  # fmt: skip
            for n in range(1, 6)
        ]
        for u in units
    }
    burst = rng.choice(units)
    cases: list[EnforcementCase] = []
    links: list[list[Officer]] = []
    for i in range(600):
        unit = rng.choice(units)
        kind = rng.choice(KINDS)
        filed = date(2024, 1, 1) + timedelta(days=rng.randint(0, 730))
        if unit is burst and rng.random() < 0.15:
            filed = date(2025, 5, rng.randint(1, 20))  # a month of a campaign: a jump
        c = EnforcementCase(
            org=unit.jurisdiction(), unit=unit, case_number=f"R{seed}-{i}", kind=kind, filed_on=filed,
            party="当事人", facts="案由", legal_basis="某法第一条",
        )  # fmt: skip
        rules.derive(c)
        if rng.random() < 0.85:
            due = c.decision_due or filed + timedelta(days=90)
            c.decided_on = max(filed, due + timedelta(days=rng.choice([-30, -1, 0, 0, 1, 2, 40])))
            rules.derive(c)
            c.major = rng.random() < 0.2
            if c.major and rng.random() < 0.7:
                c.legal_review_on = c.decided_on + timedelta(days=rng.choice([-3, 0, 1]))
            if rng.random() < 0.85:
                c.published_on = c.publish_due + timedelta(days=rng.choice([-5, 0, 0, 1, 10]))
            c.amount = Decimal(rng.choice([0, 500, 5000]))
        c.status = rules.status_of(c)
        cases.append(c)
        links.append(rng.sample(officers[unit.pk], rng.choice([0, 1, 2, 2, 2, 3])))
    EnforcementCase.objects.bulk_create(cases)
    EnforcementCase.officers.through.objects.bulk_create(
        EnforcementCase.officers.through(enforcementcase_id=c.pk, officer_id=o.pk)
        for c, chosen in zip(cases, links, strict=True)
        for o in chosen
    )


def _oracle(scope, today: date) -> dict[str, list[tuple]]:
    since = today - timedelta(days=scan.LOOKBACK_DAYS)
    cases = EnforcementCase.objects.filter(org__path__startswith=scope.path).prefetch_related("officers")
    ledger = sorted(cases, key=lambda c: (c.filed_on, c.pk), reverse=True)
    out: dict[str, list[tuple]] = {k: [] for k in K.values}

    def add(kind, key, c):
        out[kind].append((f"{kind}:{key}", c.org_id, c.unit_id, c.pk))

    for c in ledger:
        due = c.decision_due
        if (
            c.kind == PowerType.PENALTY
            and due
            and since <= due < today
            and (not c.decided_on or c.decided_on > due)
        ):
            add(K.DECISION_OVERDUE, c.pk, c)
    for c in ledger:
        due, decided = c.publish_due, c.decided_on
        if due and since <= due < today and decided and decided <= today:
            if not c.published_on or c.published_on > due:
                add(K.PUBLISH_LATE, c.pk, c)
    for c in ledger:
        if c.major and c.decided_on and since <= c.decided_on <= today:
            if not c.legal_review_on or c.legal_review_on > c.decided_on:
                add(K.MAJOR_NO_REVIEW, c.pk, c)
    for c in ledger:
        if not since <= c.filed_on <= today:
            continue
        valid = [o for o in c.officers.all() if o.issued_on <= c.filed_on <= o.expires_on]
        if len(valid) < len(c.officers.all()) or (c.kind in TWO_OFFICER_KINDS and len(valid) < 2):
            add(K.UNCERTIFIED_OFFICER, c.pk, c)
    months = Counter(
        (c.org_id, c.unit_id, c.decided_on.replace(day=1))
        for c in cases
        if c.kind == PowerType.PENALTY
        and c.decided_on
        and scan._month(today, 24) <= c.decided_on < scan._month(today)
    )
    for org_id, unit_id in sorted({(o, u) for o, u, _ in months}):
        for back in range(scan.JUMP_HISTORY_MONTHS, 0, -1):
            month = scan._month(today, back)
            history = [Decimal(months[(org_id, unit_id, scan._month(month, k))]) for k in range(1, 13)]
            if scan.jump_of(Decimal(months[(org_id, unit_id, month)]), history):
                out[K.JUMP].append((f"jump:{unit_id}:{month:%Y-%m}:count", org_id, unit_id, None))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_the_scans_case_findings_equal_the_rules_read_case_by_case(tree, seed):
    _ledger(tree, seed)
    for scope in (tree.city, tree.county):
        for today in (date(2025, 3, 1), date(2025, 7, 15), date(2026, 1, 5)):
            expected = _oracle(scope, today)
            got: dict[str, list[tuple]] = {k: [] for k in K.values}
            for f in scan.findings(scope, today):
                got[f.kind].append((f.key, f.org_id, f.unit_id, f.case_id))
            for kind in (
                K.DECISION_OVERDUE,
                K.PUBLISH_LATE,
                K.MAJOR_NO_REVIEW,
                K.UNCERTIFIED_OFFICER,
                K.JUMP,
            ):
                assert got[kind] == expected[kind], (kind, scope, today)
            assert sum(len(v) for v in expected.values()) > 0
