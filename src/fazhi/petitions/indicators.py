"""信访 figures from the petition records, declared once (fazhi.indicators.declare)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, Rate, declare

from .models import LeaderReception, Petition

petition = Count.of(Petition, jurisdiction="org", party="unit")

RECEIVED = petition("received_on")
DISPOSED = petition("disposed_on")
DISPOSED_ON_TIME = petition("disposed_on", where=Q(disposed_on_time=True))
ROUTED = petition("disposed_on", where=~Q(route=""))
ANSWERED = petition("answered_on")
ANSWERED_ON_TIME = petition("answered_on", where=Q(answered_on_time=True))
REVIEWS = petition("review_requested_on")
RECHECKS = petition("recheck_requested_on")
REPEATS = petition("received_on", where=Q(repeat_of__isnull=False))

declare("petitions.received", RECEIVED, formula="收到信访事项日期在期间内的件数", source="petitions")
declare(
    "petitions.disposed",
    DISPOSED,
    formula="期间内受理并书面告知或导入法定途径（依法分类处理）的件数",
    source="petitions",
)
declare(
    "petitions.disposed_on_time",
    DISPOSED_ON_TIME,
    formula="期间内依法分类处理、且在收到之日起15日内告知的件数（信访工作条例第二十三条）",
    source="petitions",
)
declare(
    "petitions.notice_on_time_rate",
    Rate(DISPOSED_ON_TIME, DISPOSED),
    formula="按期告知率 = 15日内受理告知或导入的件数 ÷ 期间内依法分类处理的件数 × 100%",
    source="petitions",
)
declare(
    "petitions.routed",
    ROUTED,
    formula="期间内按诉访分离导入诉讼、复议、仲裁等法定途径的件数（信访工作条例第二十八条第二款、第三十一条）",
    source="petitions",
)
declare("petitions.answered", ANSWERED, formula="书面答复日期在期间内的件数", source="petitions")
declare(
    "petitions.answered_on_time",
    ANSWERED_ON_TIME,
    formula="期间内书面答复、且在办理期限（受理之日起60日，经批准延长不超过30日）内的件数",
    source="petitions",
)
declare(
    "petitions.on_time_rate",
    Rate(ANSWERED_ON_TIME, ANSWERED),
    formula="按期办结率 = 按期答复件数 ÷ 期间内答复件数 × 100%（信访工作条例第三十四条）",
    source="petitions",
)
declare("petitions.reviews", REVIEWS, formula="请求复查日期在期间内的件数（第三十五条）", source="petitions")
declare(
    "petitions.rechecks", RECHECKS, formula="请求复核日期在期间内的件数（第三十六条）", source="petitions"
)
declare(
    "petitions.repeats",
    REPEATS,
    formula="期间内登记、同一信访人就同一事项此前已有信访记录的件数（重复信访）",
    source="petitions",
)

declare(
    "petitions.leader_receptions",
    Count.of(LeaderReception, jurisdiction="org", party="unit")("held_on"),
    formula="接访日期在期间内的领导接访次数（信访工作条例第十八条第二款）",
    source="petitions",
)
