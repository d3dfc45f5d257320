"""行政规范性文件 figures, declared once (fazhi.indicators.declare): value, drill-down and comparison."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.declare import Count, Rate, declare

from .choices import CleanupOutcome, DocKind, ReviewResult
from .models import NormativeDocument

# A jurisdiction owns the documents of its subtree; a unit those it issued.
_doc = Count.of(NormativeDocument, jurisdiction="org", party="issuer")
# 备案审查 belongs to the government the document was filed with (and, above it, to its jurisdictions).
_filed_with = Count.of(NormativeDocument, jurisdiction="filed_to", party="filed_to")
# These figures are of 行政规范性文件; the register's 规章 (立法法 第一百零九条) are not counted in them.
NORMATIVE = Q(kind=DocKind.NORMATIVE)


def _normative(maker: Callable[..., Count]) -> Callable[..., Count]:
    def make(date_field: str, where: Q | Callable[[Any], Q] | None = None) -> Count:
        if callable(where):
            cond = where
            return maker(date_field, where=lambda period: NORMATIVE & cond(period))
        return maker(date_field, where=NORMATIVE & (where or Q()))

    return make


doc = _normative(_doc)
filed_with = _normative(_filed_with)


def _due_or_done(period) -> Q:
    """Filings that are made, or whose period has run out (an unfiled document past its due date counts as
    not timely)."""
    today = timezone.localdate()
    return (
        Q(filed_on_time__isnull=False)
        | Q(congress_filed_on__isnull=True, congress_due__lt=today)
        | Q(government_filed_on__isnull=True, government_due__lt=today)
    )


ISSUED = doc("published_on")
FILED = doc("published_on", where=Q(filed_on_time__isnull=False))
FILED_ON_TIME = doc("published_on", where=Q(filed_on_time=True))
FILING_DUE = doc("published_on", where=_due_or_done)
FILED_IN_PERIOD = doc("government_filed_on")
REVIEWED = filed_with("reviewed_on")
CORRECTED = filed_with("reviewed_on", where=Q(review_result=ReviewResult.CORRECTED))
CLEANED = doc("cleaned_on")
REPEALED = doc("cleaned_on", where=Q(cleanup_outcome__in=[CleanupOutcome.REPEAL, CleanupOutcome.VOID]))

declare(
    "legality.normative_docs_issued",
    ISSUED,
    formula="期间内公布（统一印发）的行政规范性文件件数",
    source="normative",
)
declare(
    "legality.normative_docs_filed",
    FILED_IN_PERIOD,
    formula="期间内报送政府备案的行政规范性文件件数（政府文件报上一级政府，部门文件报本级政府）",
    source="normative",
)
declare(
    "legality.filing_reviews", REVIEWED, formula="期间内作出备案审查结论的规范性文件件数", source="normative"
)
declare(
    "legality.filing_corrections",
    CORRECTED,
    formula="期间内备案审查发现问题并纠错的规范性文件件数",
    source="normative",
)
declare(
    "legality.docs_cleaned", CLEANED, formula="期间内公布清理结果所涉的规范性文件件数", source="normative"
)
declare(
    "legality.docs_repealed",
    REPEALED,
    formula="期间内清理后决定废止或宣布失效的规范性文件件数",
    source="normative",
)
declare(
    "legality.normative_docs_filed_all",
    FILED,
    formula="期间内公布、且已报送全部备案的规范性文件件数",
    source="normative",
)
declare(
    "legality.normative_filing_rate",
    Rate(FILED, ISSUED),
    formula="报备率 = 期间内公布且已报送全部备案的件数 ÷ 期间内公布的件数 × 100%",
    source="normative",
)
declare(
    "legality.normative_docs_filed_on_time",
    FILED_ON_TIME,
    formula="期间内公布、且在备案期限内报送全部备案的规范性文件件数",
    source="normative",
)
declare(
    "legality.normative_docs_filing_due",
    FILING_DUE,
    formula="期间内公布、已报送全部备案或备案期限已过的规范性文件件数",
    source="normative",
)
declare(
    "legality.normative_filing_timely_rate",
    Rate(FILED_ON_TIME, FILING_DUE),
    formula="报备及时率 = 在备案期限内报送全部备案的件数 ÷ 已报备或备案期限已过的件数 × 100%",
    source="normative",
)
