"""What the 执法监督预警 scan finds (read only; services.scan_warnings opens the warnings): each kind is one
function over the ledger and the officers' register giving `Finding`s, each named by a stable key so that a
second scan finds the same finding under the same key. Each finder judges the records as they stood on `today`
(a step dated after it has not happened yet), so a scan replayed on a past day finds what that day's scan found.

Kinds and their rules:

* 处罚决定超期 — a 行政处罚 case not decided by its decision due date (行政处罚法 第六十条, rule
  `enforcement.penalty_decision`): still undecided after it, or decided after it.
* 无有效执法证执法 — a case naming an officer whose 执法证 was not in force on the 立案 date (issued after it or
  expired before it), or a 处罚/强制 case with fewer than two such officers (第四十二条; 行政强制法 第十八条). The
  certificate's 暂扣/注销 status has no date in the register, so only the dates are judged here.
* 执法决定未按时公示 — a decision not published by its 公示 due date (国办发〔2018〕118号: `enforcement.publish_decision`
  7 working days for 许可/处罚, `enforcement.publish_other` 20 for the others): unpublished after it, or later.
* 重大执法决定未经法制审核 — a decided 重大执法决定 without a 法制审核 on or before the decision (第五十八条).
* 执法数据异常波动 — `JUMP_RULE`, a house rule of the office, not a statute.
* 执法证即将到期, 培训学时不足 — the register's warnings (selectors.expiring_certificates, training_shortfall).
* 零执法事项 — power items with no case in 12 months: `zero_enforcement_findings`, from the 权责清单 (selectors.zero_enforcement_items).

The scan looks back `LOOKBACK_DAYS` (a city-year): a breach older than that was found by the scans of its year."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from fazhi.core.jsettings import get_setting
from fazhi.core.models import Org

from .choices import TWO_OFFICER_KINDS, PowerType, WarningKind
from .models import EnforcementCase, Officer
from .selectors import TRAINING_SETTING, expiring_certificates, training_shortfall

LOOKBACK_DAYS = 366
# Training hours are judged in the last quarter of the year, when the shortfall of the year is known to be real
# and can still be made up (earlier in the year every officer is "short").
TRAINING_FROM = (10, 1)

# 执法数据异常波动: the office's own rule (本办规则), stated here and on the page. Only the monthly count of penalty
# decisions is judged: amounts follow from a few large fines (one 罚没 of a million makes any month "jump"), and
# in the demo city they gave most of the noise. The scale is the robust standard deviation (1.4826 × MAD) but never
# below the natural spread of a count (√median, a Poisson count's standard deviation) nor 1 decision: a unit with
# about 10 decisions a month is flagged above 20 or below 1, not at 14.
JUMP_SDS = 3
JUMP_HISTORY_MONTHS = 12
JUMP_MIN_ACTIVE_MONTHS = 6
MAD_TO_SD = Decimal("1.4826")
JUMP_RULE = (
    "本办预警规则（非法定标准）：单位某月作出的行政处罚决定件数，与该单位前12个月各月件数的中位数相差超过3倍"
    "离散度，即列为异常波动；离散度取中位数绝对偏差的1.4826倍，但不小于中位数的平方根（件数的自然波动），"
    "且至少按1件计；前12个月中有处罚决定的月份不足6个月的单位不作判断。罚没金额受个别大额罚款影响，不作判断。"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str
    org_id: int
    unit_id: int
    detail: str
    case_id: int | None = None
    officer_id: int | None = None
    month: date | None = None


def _d(day: date) -> str:
    return f"{day:%Y-%m-%d}"


def _cases(scope: Org | None) -> QuerySet[EnforcementCase]:
    """The ledger of `scope`'s subtree, without the model's ordering: ordered by 立案 date, SQLite walked the whole
    table through that index (a random read per row) instead of scanning it; the finders order their few rows
    themselves (`_ledger_order`)."""
    qs = EnforcementCase.objects.order_by()
    return qs.filter(org__path__startswith=scope.path) if scope is not None else qs


def _ledger_order(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows whose first two values are id and 立案 date in the ledger's order (newest 立案 first, then id)."""
    return sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)


def _officers(scope: Org | None) -> QuerySet[Officer]:
    qs = Officer.objects.all()
    return qs.filter(org__path__startswith=scope.path) if scope is not None else qs


# -- breaches on cases --------------------------------------------------------------------------------------


def decisions_overdue(scope: Org | None, today: date) -> Iterator[Finding]:
    since = today - timedelta(days=LOOKBACK_DAYS)
    rows = (
        _cases(scope)
        .filter(kind=PowerType.PENALTY, decision_due__gte=since, decision_due__lt=today)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gt=F("decision_due")))
        .values_list("id", "filed_on", "org_id", "unit_id", "case_number", "decision_due", "decided_on")
    )
    for pk, filed, org_id, unit_id, number, due, decided in _ledger_order(list(rows)):
        late = (
            f"至{_d(today)}仍未作出决定"
            if decided is None or decided > today
            else f"{_d(decided)}才作出决定，逾期{(decided - due).days}日"
        )
        yield Finding(
            WarningKind.DECISION_OVERDUE,
            f"decision_overdue:{pk}",
            org_id,
            unit_id,
            f"{number}：{_d(filed)}立案，处罚决定期限{_d(due)}（行政处罚法第六十条），{late}",
            case_id=pk,
        )


def publications_late(scope: Org | None, today: date) -> Iterator[Finding]:
    since = today - timedelta(days=LOOKBACK_DAYS)
    rows = (
        _cases(scope)
        .filter(publish_due__gte=since, publish_due__lt=today, decided_on__lte=today)
        .filter(Q(published_on__isnull=True) | Q(published_on__gt=F("publish_due")))
        .values_list(
            "id", "filed_on", "org_id", "unit_id", "case_number", "decided_on", "publish_due", "published_on"
        )
    )
    for pk, _, org_id, unit_id, number, decided, due, published in _ledger_order(list(rows)):
        late = (
            f"至{_d(today)}仍未公示" if published is None or published > today else f"{_d(published)}才公示"
        )
        yield Finding(
            WarningKind.PUBLISH_LATE,
            f"publish_late:{pk}",
            org_id,
            unit_id,
            f"{number}：{_d(decided)}作出决定，公示期限{_d(due)}（国办发〔2018〕118号），{late}",
            case_id=pk,
        )


def majors_without_review(scope: Org | None, today: date) -> Iterator[Finding]:
    since = today - timedelta(days=LOOKBACK_DAYS)
    rows = (
        _cases(scope)
        .filter(major=True, decided_on__gte=since, decided_on__lte=today)
        .filter(Q(legal_review_on__isnull=True) | Q(legal_review_on__gt=F("decided_on")))
        .values_list("id", "filed_on", "org_id", "unit_id", "case_number", "decided_on", "legal_review_on")
    )
    for pk, _, org_id, unit_id, number, decided, review in _ledger_order(list(rows)):
        what = "未经法制审核" if review is None else f"法制审核日期（{_d(review)}）晚于决定日期"
        yield Finding(
            WarningKind.MAJOR_NO_REVIEW,
            f"major_no_review:{pk}",
            org_id,
            unit_id,
            f"{number}：重大执法决定于{_d(decided)}作出，{what}（行政处罚法第五十八条）",
            case_id=pk,
        )


def uncertified_officers(scope: Org | None, today: date) -> Iterator[Finding]:
    """Cases filed in the look-back whose officers did not all hold a certificate in force on the 立案 date, or
    (处罚/强制) fewer than two did. Both judged in the database: the links failing the dates, and a count of the
    valid ones per two-officer case."""
    since = today - timedelta(days=LOOKBACK_DAYS)
    window = _cases(scope).filter(filed_on__gte=since, filed_on__lte=today)
    through = EnforcementCase.officers.through
    filed = F("enforcementcase__filed_on")
    links = through.objects.filter(enforcementcase__in=window.values("id")).filter(
        Q(officer__issued_on__gt=filed) | Q(officer__expires_on__lt=filed)
    )
    invalid: dict[int, list[str]] = defaultdict(list)
    for case_id, name, number, issued, expires in links.values_list(
        "enforcementcase_id",
        "officer__name",
        "officer__cert_number",
        "officer__issued_on",
        "officer__expires_on",
    ).order_by("enforcementcase_id", "officer__cert_number"):
        invalid[case_id].append(f"{name}（{number}，有效期{_d(issued)}至{_d(expires)}）")
    in_force = Q(officers__issued_on__lte=F("filed_on"), officers__expires_on__gte=F("filed_on"))
    # The two-officer kinds are judged even without links (a case imported without its officers).
    few = dict(
        window.filter(kind__in=sorted(TWO_OFFICER_KINDS))
        .annotate(valid=Count("officers", filter=in_force))
        .filter(valid__lt=2)
        .values_list("id", "valid")
    )
    ordered = sorted(set(invalid) | set(few))
    rows = [
        row
        for i in range(0, len(ordered), 500)
        for row in EnforcementCase.objects.filter(pk__in=ordered[i : i + 500]).values_list(
            "id", "org_id", "unit_id", "case_number", "kind", "filed_on"
        )
    ]
    for pk, org_id, unit_id, number, kind, filed_on in rows:
        parts = []
        if invalid.get(pk):
            parts.append("执法证在立案日不在有效期内：" + "、".join(invalid[pk]))
        if pk in few:
            basis = "行政处罚法第四十二条" if kind == PowerType.PENALTY else "行政强制法第十八条"
            parts.append(f"持有效执法证的执法人员仅{few[pk]}人（{basis}）")
        yield Finding(
            WarningKind.UNCERTIFIED_OFFICER,
            f"uncertified_officer:{pk}",
            org_id,
            unit_id,
            f"{number}：{_d(filed_on)}立案，" + "；".join(parts),
            case_id=pk,
        )


# -- sudden jumps (the office's rule) -----------------------------------------------------------------------


def _month(day: date, back: int = 0) -> date:
    n = day.year * 12 + day.month - 1 - back
    return date(n // 12, n % 12 + 1, 1)


def jump_of(value: Decimal, history: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    """(median, scale) when the month's count `value` lies more than JUMP_SDS scales from the median of `history`
    (the previous 12 months, missing months as 0) under JUMP_RULE, else None."""
    if sum(1 for v in history if v) < JUMP_MIN_ACTIVE_MONTHS:
        return None
    median = Decimal(statistics.median(history))
    mad = Decimal(statistics.median([abs(v - median) for v in history]))
    scale = max(MAD_TO_SD * mad, median.sqrt(), Decimal(1))
    return (median, scale) if abs(value - median) > JUMP_SDS * scale else None


def sudden_jumps(scope: Org | None, today: date) -> Iterator[Finding]:
    """Each of the last 12 complete months of each unit, against the 12 months before it (JUMP_RULE): the 24
    months' penalty decisions read in one plain scan and counted into months here. (Grouped in SQL, SQLite walked
    the table in index order for its GROUP BY, a random read per row, and truncated each date to its month with a
    Python function: 0.4 s of a 0.5 s finder over a city's two years.)"""
    first = _month(today, 2 * JUMP_HISTORY_MONTHS)
    current = _month(today)
    rows = (
        _cases(scope)
        .filter(kind=PowerType.PENALTY, decided_on__gte=first, decided_on__lt=current)
        .values_list("org_id", "unit_id", "decided_on")
    )
    counts = Counter(
        (org_id, unit_id, day.replace(day=1)) for org_id, unit_id, day in rows.iterator(chunk_size=5000)
    )
    series: dict[tuple[int, int], dict[date, Decimal]] = defaultdict(dict)
    for (org_id, unit_id, month), n in counts.items():
        series[(org_id, unit_id)][month] = Decimal(n)
    names = dict(Org.objects.filter(pk__in={u for _, u in series}).values_list("id", "name"))
    for (org_id, unit_id), values in sorted(series.items()):
        for back in range(JUMP_HISTORY_MONTHS, 0, -1):
            month = _month(today, back)
            value = values.get(month, Decimal(0))
            history = [values.get(_month(month, k), Decimal(0)) for k in range(1, JUMP_HISTORY_MONTHS + 1)]
            found = jump_of(value, history)
            if found is None:
                continue
            median, scale = found
            yield Finding(
                WarningKind.JUMP,
                f"jump:{unit_id}:{month:%Y-%m}:count",
                org_id,
                unit_id,
                f"{names.get(unit_id, '')}{month.year}年{month.month}月作出行政处罚决定{value:.0f}件，"
                f"前12个月中位数{median:.1f}件，偏离超过{JUMP_SDS}倍离散度（按{scale:.2f}件计）（本办预警规则）",
                month=month,
            )


# -- the officers' register ---------------------------------------------------------------------------------


def certificates_expiring(scope: Org | None, today: date) -> Iterator[Finding]:
    rows = expiring_certificates(_officers(scope), today).values_list(
        "id", "org_id", "unit_id", "name", "cert_number", "expires_on"
    )
    for pk, org_id, unit_id, name, number, expires in rows:
        when = f"已于{_d(expires)}到期" if expires < today else f"将于{_d(expires)}到期"
        yield Finding(
            WarningKind.CERT_EXPIRING,
            f"cert_expiring:{pk}:{expires:%Y%m%d}",
            org_id,
            unit_id,
            f"{name}（{number}）的执法证{when}，请及时办理换证或停止其执法活动",
            officer_id=pk,
        )


def training_short(scope: Org | None, today: date) -> Iterator[Finding]:
    if (today.month, today.day) < TRAINING_FROM:
        return
    year = today.year
    rows = training_shortfall(_officers(scope), year).values_list(
        "id", "org_id", "unit_id", "name", "cert_number", "training_year", "training_hours"
    )
    required: dict[int, Any] = {}
    for pk, org_id, unit_id, name, number, t_year, hours in rows:
        if org_id not in required:
            required[org_id] = get_setting(Org.objects.get(pk=org_id), TRAINING_SETTING)
        got = hours if t_year == year else 0
        yield Finding(
            WarningKind.TRAINING_SHORT,
            f"training_short:{pk}:{year}",
            org_id,
            unit_id,
            f"{name}（{number}）{year}年度培训{got}学时，低于本级要求的{required[org_id]}学时",
            officer_id=pk,
        )


# -- 零执法: from the 权责清单 ---------------------------------------------------------------------------------


def zero_enforcement_findings(scope: Org | None, today: date) -> Iterator[Finding]:
    """零执法: current items of the 权责清单 of an enforcing type with no case in the 12 months up to `today`
    (selectors.zero_enforcement_items)."""
    from .models import PowerItem
    from .selectors import zero_enforcement_items

    for item in zero_enforcement_items(PowerItem.objects.all() if scope is None else scope, today):
        yield Finding(
            WarningKind.ZERO_ENFORCEMENT,
            f"zero_enforcement:{item.pk}:{today.year}",
            item.org_id,
            item.unit_id,
            f"权责清单事项「{item}」截至{_d(today)}的12个月内无执法案件（零执法）",
        )


FINDERS = (
    decisions_overdue,
    uncertified_officers,
    publications_late,
    majors_without_review,
    sudden_jumps,
    zero_enforcement_findings,
    certificates_expiring,
    training_short,
)


def findings(scope: Org | None, today: date) -> Iterator[Finding]:
    for finder in FINDERS:
        yield from finder(scope, today)
