"""12345 热线 figures, declared once (fazhi.indicators.declare): value, drill-down and comparison are aggregates in
SQL over the ticket table's indexes. A ticket merged into another (并单) is not a request of its own."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .choices import RATED, SATISFIED, Status
from .models import Ticket

# A jurisdiction owns the tickets its hotline took (and its subtree's); a unit those dispatched to it now.
ticket = Count.of(Ticket, jurisdiction="org", party="unit")
_OWN = ~Q(status=Status.MERGED)

RECEIVED = ticket("received_on", where=_OWN)
CLOSED = ticket("closed_on", where=_OWN)
CLOSED_ON_TIME = ticket("closed_on", where=_OWN & Q(on_time=True))
RATED_ = ticket("visited_on", where=Q(satisfaction__in=RATED))
SATISFIED_ = ticket("visited_on", where=Q(satisfaction__in=SATISFIED))

declare(
    "hotline.received",
    RECEIVED,
    formula="受理日期在期间内、未并入其他工单的工单数",
    definition="国办发〔2020〕53号；国办函〔2025〕66号：重复诉求原则上并单处理",
    source="hotline",
)
declare("hotline.closed", CLOSED, formula="办结日期在期间内、未并入其他工单的工单数", source="hotline")
declare(
    "hotline.closed_on_time",
    CLOSED_ON_TIME,
    formula="办结日期在期间内、回复日期不晚于所在派单办理期限的工单数",
    source="hotline",
)
declare(
    "hotline.on_time_rate",
    Rate(CLOSED_ON_TIME, CLOSED),
    formula="按时办结率 = 按时办结件数 ÷ 办结件数 × 100%",
    source="hotline",
)
declare("hotline.rated", RATED_, formula="回访日期在期间内、作出满意度评价的工单数", source="hotline")
declare(
    "hotline.satisfied",
    SATISFIED_,
    formula="回访日期在期间内、评价为满意或基本满意的工单数",
    source="hotline",
)
declare(
    "hotline.satisfaction_rate",
    Rate(SATISFIED_, RATED_),
    formula="满意率 = 满意、基本满意件数 ÷ 回访评价件数 × 100%",
    source="hotline",
)
