"""依申请公开 figures, declared once (fazhi.indicators.declare). A jurisdiction owns the applications of its subtree
(the application's org); an organ those it received."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .choices import ANSWER_GROUPS
from .models import Application

application = Count.of(Application, jurisdiction="org", party="unit")

RECEIVED = application("received_on")
ANSWERED = application("answered_on")
ON_TIME = application("answered_on", where=Q(on_time=True))

declare(
    "disclosure.applications_received",
    RECEIVED,
    formula="收到申请日期在期间内的申请件数",
    source="disclosure",
)
declare("disclosure.applications", ANSWERED, formula="答复日期在期间内的申请件数", source="disclosure")
declare("disclosure.answered_on_time", ON_TIME, formula="答复日期不晚于答复期限的件数", source="disclosure")
declare(
    "disclosure.on_time_rate",
    Rate(ON_TIME, ANSWERED),
    formula="按期答复率 = 按期答复件数 ÷ 答复件数 × 100%",
    definition="《政府信息公开条例》第三十三条：20个工作日，经同意可延长不超过20个工作日，征求意见时间不计算在内",
    source="disclosure",
)
KEYS = (
    "disclosure.answers_disclosed",
    "disclosure.answers_partial",
    "disclosure.answers_withheld",
    "disclosure.answers_unavailable",
    "disclosure.answers_not_processed",
    "disclosure.answers_other",
)
for key, (label, answers) in zip(KEYS, ANSWER_GROUPS, strict=True):
    declare(
        key,
        application("answered_on", where=Q(answer__in=list(answers))),
        formula=f"答复日期在期间内、办理结果属于{label[3:]}的件数",
        source="disclosure",
    )
declare(
    "disclosure.reviews",
    application("answered_on", where=~Q(review="")),
    formula="答复日期在期间内且已登记行政复议的件数",
    source="disclosure",
)
declare(
    "disclosure.suits",
    application("answered_on", where=~Q(suit="")),
    formula="答复日期在期间内且已登记行政诉讼的件数",
    source="disclosure",
)
