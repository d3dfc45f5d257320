"""The list's filing filters (?due=soon: an open filing; ?due=overdue: an open filing past its due day) read one
indexed expression, the earliest due day of the document's open filings (models.open_filing_due). Before, the four
"filed IS NULL AND due …" pairs were ORed: PostgreSQL, taking due and filed as independent, expected thousands of
matches and walked the registration index through all 1,000,000 documents of bench/normative_speed.py (4.4 s for an
empty overdue page)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.normative import selectors, services
from fazhi.normative.choices import Filing
from fazhi.normative.models import NormativeDocument

pytestmark = pytest.mark.django_db


def published(actor, issuer, n: int, published_on: date) -> NormativeDocument:
    doc = services.register_document(
        actor=actor, issuer=issuer, title=f"青城市测试管理办法{n}", registered_on=published_on,
        legality_review=f"青法审〔2025〕{n}号",
    )  # fmt: skip
    return services.publish_document(
        case=doc,
        actor=actor,
        doc_number=f"青政规〔2025〕{n}号",
        published_on=published_on,
        effective_on=published_on,
    )


def ids(user, due: str) -> set[int]:
    return set(selectors.filtered_cases(user, selectors.CaseFilters(due=due)).values_list("pk", flat=True))


def test_soon_and_overdue_follow_the_open_filings(tree, office, monkeypatch):
    old = published(office, tree.city, 1, date(2025, 1, 6))  # filings due early February 2025
    half = published(office, tree.city, 2, date(2025, 1, 6))
    services.file_document(case=half, actor=office, filing=Filing.CONGRESS, filed_on=date(2025, 1, 20))
    done = published(office, tree.city, 3, date(2025, 1, 6))
    for filing in (Filing.CONGRESS, Filing.GOVERNMENT):
        services.file_document(case=done, actor=office, filing=filing, filed_on=date(2025, 1, 20))
    new = published(office, tree.city, 4, date(2025, 12, 1))  # not yet due on 2025-12-05
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 12, 5))
    assert ids(office, "soon") == {old.pk, half.pk, new.pk}
    assert ids(office, "overdue") == {old.pk, half.pk}


def test_the_overdue_filter_is_the_indexed_expression(tree, office):
    """The filter is the expression of norm_open_filing_due, not four ORed pairs. That PostgreSQL then reads the
    index is shown at scale by bench/normative_speed.py (?due=overdue); on a table of a few rows any plan is as
    cheap, so it is not asserted here."""
    published(office, tree.city, 1, date(2025, 1, 6))
    sql, _ = selectors.filtered_cases(office, selectors.CaseFilters(due="overdue")).query.sql_with_params()
    assert "COALESCE(CASE WHEN" in sql and "LEAST(" in sql.upper() or "MIN(" in sql.upper(), sql
