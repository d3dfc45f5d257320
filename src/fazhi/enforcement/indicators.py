"""行政执法 figures, declared once (fazhi.indicators.declare): the ledger's decisions, leniency, clocks, officers
and case-file reviews. 罚没金额 stays a reported figure (source
form): a sum has no drill-down whose rows equal it, and the indicator tests require both for a computed figure."""

from __future__ import annotations

from django.db.models import F, Q

from fazhi.indicators.declare import Count, Rate, declare
from fazhi.indicators.registry import Period

from .choices import CertStatus, Leniency, PowerType
from .models import CaseFileReview, EnforcementCase, EnforcementWarning, Officer, PowerItem
from .selectors import listed_on

# A jurisdiction owns its subtree's cases (the case's org); a unit those it decided.
case = Count.of(EnforcementCase, jurisdiction="org", party="unit")
officer = Count.of(Officer, jurisdiction="org", party="unit")
review = Count.of(CaseFileReview, jurisdiction="case__org", party="case__unit")
warning = Count.of(EnforcementWarning, jurisdiction="org", party="unit")

PENALTY = Q(kind=PowerType.PENALTY)
PENALTY_CASES = case("decided_on", where=PENALTY)
ON_TIME = case("decided_on", where=PENALTY & Q(decided_on__lte=F("decision_due")))
DECISIONS = case("decided_on")
PUBLISHED_ON_TIME = case(
    "decided_on", where=Q(published_on__isnull=False, published_on__lte=F("publish_due"))
)
REVIEWED = review("reviewed_on", where=Q(score__isnull=False))
EXCELLENT = review("reviewed_on", where=Q(score__isnull=False, grade="excellent"))


def _exam(passed: bool | None):
    def where(period: Period) -> Q:
        q = Q(training_year=period.end.year, exam_passed__isnull=False)
        return q & Q(exam_passed=True) if passed else q

    return where


def _valid_at_end(period: Period) -> Q:
    return Q(cert_status=CertStatus.VALID, issued_on__lte=period.end, expires_on__gte=period.end)


def _listed_at_end(period: Period) -> Q:
    """On the list at the end of the period (截至期末)."""
    return listed_on(period.end)


def _delegated_at_end(period: Period) -> Q:
    return _listed_at_end(period) & Q(delegated=True)


power_item = Count.of(PowerItem, jurisdiction="org", party="unit")

EXAM_PASSED = officer(None, where=_exam(True))
EXAM_TAKERS = officer(None, where=_exam(None))

declare(
    "enforcement.penalty_cases",
    PENALTY_CASES,
    formula="期间内作出决定（含不予处罚决定）的行政处罚案件数",
    source="enforcement",
)
declare(
    "enforcement.license_cases",
    case("decided_on", where=Q(kind=PowerType.LICENSE)),
    formula="期间内作出决定的行政许可案件数",
    source="enforcement",
)
declare(
    "enforcement.coercion_cases",
    case("decided_on", where=Q(kind=PowerType.COERCION)),
    formula="期间内作出决定的行政强制案件数",
    source="enforcement",
)
declare(
    "enforcement.lenient_cases",
    case("decided_on", where=PENALTY & ~Q(leniency="")),
    formula="期间内作出决定且适用不予处罚、首违不罚、减轻或从轻处罚的行政处罚案件数",
    definition="行政处罚法第三十二条、第三十三条",
    source="enforcement",
)
declare(
    "enforcement.first_offense_cases",
    case("decided_on", where=PENALTY & Q(leniency=Leniency.FIRST_OFFENSE)),
    formula="期间内作出决定且适用首违不罚的行政处罚案件数",
    definition="行政处罚法第三十三条第一款",
    source="enforcement",
)
declare(
    "enforcement.penalty_decided_on_time",
    ON_TIME,
    formula="期间内作出决定且不晚于立案后九十日的行政处罚案件数",
    source="enforcement",
)
declare(
    "enforcement.on_time_decision_rate",
    Rate(ON_TIME, PENALTY_CASES),
    formula="按期决定率 = 按期作出决定的行政处罚案件数 ÷ 期间内作出决定的行政处罚案件数 × 100%",
    definition="行政处罚法第六十条",
    source="enforcement",
)
declare("enforcement.decisions", DECISIONS, formula="决定日期在期间内的执法案件数", source="enforcement")
declare(
    "enforcement.published_on_time",
    PUBLISHED_ON_TIME,
    formula="期间内作出决定且按时公示的案件数",
    source="enforcement",
)
declare(
    "enforcement.on_time_publication_rate",
    Rate(PUBLISHED_ON_TIME, DECISIONS),
    formula="按时公示率 = 按时公示的执法决定数 ÷ 期间内作出执法决定的案件数 × 100%",
    definition="国办发〔2018〕118号",
    source="enforcement",
)
declare(
    "enforcement.officers",
    officer(None, where=_valid_at_end),
    formula="期末执法证状态有效且在有效期内的执法人员人数",
    source="enforcement",
)
declare(
    "enforcement.exam_passed",
    EXAM_PASSED,
    formula="培训年度为期末所在年度且考试通过的执法人员人数",
    source="enforcement",
)
declare(
    "enforcement.exam_takers",
    EXAM_TAKERS,
    formula="培训年度为期末所在年度且已登记考试结果的执法人员人数",
    source="enforcement",
)
declare(
    "enforcement.exam_pass_rate",
    Rate(EXAM_PASSED, EXAM_TAKERS),
    formula="考试通过率 = 考试通过人数 ÷ 参加考试人数 × 100%",
    source="enforcement",
)
declare(
    "enforcement.case_file_reviews",
    REVIEWED,
    formula="评查日期在期间内且已评分的评查案卷数",
    source="enforcement",
)
declare(
    "enforcement.case_file_excellent",
    EXCELLENT,
    formula="评查日期在期间内且评为优秀的案卷数",
    source="enforcement",
)
declare(
    "enforcement.case_file_excellent_rate",
    Rate(EXCELLENT, REVIEWED),
    formula="优秀率 = 评为优秀的案卷数 ÷ 完成评分的评查案卷数 × 100%",
    source="enforcement",
)
declare(
    "services.power_items",
    power_item(None, where=_listed_at_end),
    formula="期末列入各部门权责清单（未取消）的行政职权事项数",
    source="enforcement",
)
declare(
    "enforcement.township_delegated_items",
    power_item(None, where=_delegated_at_end),
    formula="期末列入乡镇（街道）权责清单（未取消）且标记为赋权事项的行政执法事项数，各乡镇（街道）分别计数后相加",
    source="enforcement",
)


def _open_at_end(period: Period) -> Q:
    """Opened by the period's end and not closed by then (a snapshot at the end of the period)."""
    return Q(opened_on__lte=period.end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=period.end))


WARNINGS_OPENED = warning("opened_on")
WARNINGS_CLOSED = warning("opened_on", where=lambda period: Q(closed_on__lte=period.end))

declare(
    "enforcement.open_warnings",
    warning(None, where=_open_at_end),
    formula="期末已生成且尚未关闭的执法监督预警数",
    source="enforcement",
)
declare(
    "enforcement.warnings",
    WARNINGS_OPENED,
    formula="预警日期在期间内的执法监督预警数",
    source="enforcement",
)
declare(
    "enforcement.warnings_closed",
    WARNINGS_CLOSED,
    formula="预警日期在期间内且期末前已关闭的执法监督预警数",
    source="enforcement",
)
declare(
    "enforcement.warning_closed_rate",
    Rate(WARNINGS_CLOSED, WARNINGS_OPENED),
    formula="预警关闭率 = 期间内生成且期末前已关闭的预警数 ÷ 期间内生成的预警数 × 100%",
    source="enforcement",
)
