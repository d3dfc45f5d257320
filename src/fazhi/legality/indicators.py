"""合法性审核 and 法律顾问/公职律师 figures, declared once (fazhi.indicators.declare): value, drill-down and the
comparison across child jurisdictions follow from each declaration."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare
from fazhi.indicators.registry import Period

from .choices import CounselKind, Opinion, SubjectKind
from .models import Counsel, CounselOpinion, ReviewPoint, ReviewRequest

# A jurisdiction owns the requests of its subtree (the reviewing org); a unit those it submitted.
review = Count.of(ReviewRequest, jurisdiction="org", party="unit")

RECEIVED = review("received_on")
CONTRACTS = review("received_on", where=Q(subject_kind=SubjectKind.CONTRACT))
NORMATIVE = review("received_on", where=Q(subject_kind=SubjectKind.NORMATIVE))
DECISIONS = review("received_on", where=Q(subject_kind=SubjectKind.DECISION))
ENFORCEMENT = review("received_on", where=Q(subject_kind=SubjectKind.ENFORCEMENT))
SHORT_NOTICE = review("received_on", where=Q(short_notice=True))
OPINIONS = review("opinion_on")
AGREE = review("opinion_on", where=Q(opinion=Opinion.AGREE))
REVISED = review("opinion_on", where=Q(opinion=Opinion.AGREE_REVISED))
DISAGREE = review("opinion_on", where=Q(opinion=Opinion.DISAGREE))
ON_TIME = review("opinion_on", where=Q(on_time=True))
WITH_COUNSEL = review("opinion_on", where=Q(counsel_consulted=True))
# Points and counsel opinions of a voided request (作废) are not counted, as the request is not.
POINTS = Count.of(ReviewPoint, jurisdiction="org", party="unit")(
    "raised_on", where=Q(request__voided_at__isnull=True)
)
PARTICIPATIONS = Count.of(CounselOpinion, jurisdiction="org", party="unit")(
    "given_on", where=Q(request__voided_at__isnull=True, counsel__voided_at__isnull=True)
)


def _in_office(kind: str):
    """Counsel on the register at the end of the period (a snapshot: 截至期末)."""

    def where(period: Period) -> Q:
        return Q(kind=kind, start_on__lte=period.end) & (Q(end_on__isnull=True) | Q(end_on__gte=period.end))

    return where


counsel = Count.of(Counsel, jurisdiction="org", party="unit")
ADVISERS = counsel(None, where=_in_office(CounselKind.ADVISER))
PUBLIC_LAWYERS = counsel(None, where=_in_office(CounselKind.PUBLIC_LAWYER))

SRC = "legality"
declare("legality.reviews", RECEIVED, formula="期间内收件的合法性审核事项数（按收件日期）", source=SRC)
declare(
    "legality.contract_reviews",
    CONTRACTS,
    formula="期间内收件、审核类别为行政协议或重大合同的合法性审核事项数",
    source=SRC,
)
declare(
    "legality.normative_reviews",
    NORMATIVE,
    formula="期间内收件、审核类别为行政规范性文件草案的合法性审核事项数",
    source=SRC,
)
declare(
    "legality.decision_reviews",
    DECISIONS,
    formula="期间内收件、审核类别为重大行政决策草案的合法性审核事项数",
    source=SRC,
)
declare(
    "legality.enforcement_reviews",
    ENFORCEMENT,
    formula="期间内收件、审核类别为重大行政执法决定的合法性审核事项数",
    source=SRC,
)
declare(
    "legality.reviews_short_notice",
    SHORT_NOTICE,
    formula="期间内收件、要求出具意见日期早于法定最短审查时间届满日的事项数",
    definition="《重大行政决策程序暂行条例》第二十六条第二款：送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日",
    source=SRC,
)
declare(
    "legality.opinions",
    OPINIONS,
    formula="期间内出具书面合法性审核意见的事项数（按出具意见日期，每事项一份）",
    source=SRC,
)
declare("legality.opinions_agree", AGREE, formula="期间内出具意见且结论为同意的事项数", source=SRC)
declare("legality.opinions_revised", REVISED, formula="期间内出具意见且结论为修改后同意的事项数", source=SRC)
declare("legality.opinions_disagree", DISAGREE, formula="期间内出具意见且结论为不同意的事项数", source=SRC)
declare(
    "legality.opinions_on_time",
    ON_TIME,
    formula="期间内出具意见、且出具日期不晚于办理期限的事项数",
    source=SRC,
)
declare(
    "legality.review_on_time_rate",
    Rate(ON_TIME, OPINIONS),
    formula="按时办结率 = 按时出具意见件数 ÷ 出具意见件数 × 100%（办理时限为本级设置的工作日数）",
    source=SRC,
)
declare("legality.review_points", POINTS, formula="期间内出具的审核意见所列意见建议条数之和", source=SRC)
declare(
    "counsel.participations",
    PARTICIPATIONS,
    formula="期间内登记的法律顾问、公职律师法律意见条数",
    definition="《重大行政决策程序暂行条例》第二十八条：合法性审查过程中应当组织法律顾问、公职律师提出法律意见",
    source=SRC,
)
declare(
    "counsel.reviews_with_counsel",
    WITH_COUNSEL,
    formula="期间内出具意见、且登记有法律顾问或公职律师意见的事项数",
    source=SRC,
)
declare(
    "counsel.review_share",
    Rate(WITH_COUNSEL, OPINIONS),
    formula="参与率 = 征求法律顾问、公职律师意见的审核件数 ÷ 出具意见件数 × 100%",
    source=SRC,
)
declare(
    "counsel.legal_advisers",
    ADVISERS,
    formula="法律顾问名册中期末在聘的法律顾问人数（聘任日期不晚于期末、聘期届满或离任日期不早于期末）",
    source=SRC,
)
declare(
    "counsel.public_lawyers",
    PUBLIC_LAWYERS,
    formula="名册中期末在任的公职律师人数（取得证书日期不晚于期末、离任日期不早于期末）",
    source=SRC,
)
