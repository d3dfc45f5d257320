"""信访工作条例 (中共中央、国务院 2022-02-25, in force 2022-05-01): the periods of a 信访事项.

Texts quoted from LawRefBook/Laws: 行政法规/信访工作条例.md. Every "日" here is a calendar day (the 条例 writes
"5个工作日" where it means working days, 第二十三条第三款). The 条例 has no provision on how periods are counted;
they are counted as the 民事诉讼法 第八十五条 counts periods (start day excluded, a holiday on the last day moves
the end to the next working day), the practice LAW.md §0 records."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "信访工作条例"
VIA = f"《{LAW}》未规定期间计算方法，参照"

CALENDAR = (
    "日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{LAW}》未规定期间计算，参照《{MINSU}》第八十五条）"
)

RULES: list[Rule] = [
    # 第二十二条第一款: the 信访部门 registers and disposes of (转送/交办) a matter within 15日.
    Rule(
        name="petitions.disposal",
        title="信访部门登记并转送、交办",
        law=LAW,
        article="第二十二条第一款",
        text="各级党委和政府信访部门收到信访事项，应当予以登记，并区分情况，在15日内分别按照下列方式处理",
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到信访事项之日",
        counting=CALENDAR,
    ),
    # 第二十三条第二款 (direct petitions) and 第三款 (transferred ones): tell the petitioner in writing within 15日.
    Rule(
        name="petitions.notice",
        title="书面告知信访人",
        law=LAW,
        article="第二十三条第二款",
        text=(
            "对信访人直接提出的信访事项，有关机关、单位能够当场告知的，应当当场书面告知；不能当场告知的，"
            "应当自收到信访事项之日起15日内书面告知信访人，但信访人的姓名（名称）、住址不清的除外。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到信访事项之日",
        counting=CALENDAR,
        note="转送、交办的信访事项，自收到之日起15日内书面告知信访人接收情况以及处理途径和程序（第二十三条第三款）。",
    ),
    # 第三十四条: 60日 from acceptance; extension ≤ 30日 with the 负责人's approval, the reason told.
    Rule(
        name="petitions.handling",
        title="办结信访事项",
        law=LAW,
        article="第三十四条",
        text=(
            "对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结；情况复杂的，经本机关、单位"
            "负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。"
        ),
        day_kind=DayKind.CALENDAR,
        days=60,
        start_event="受理之日",
        counting=CALENDAR,
        max_extension_days=30,
        extension_note="经本机关、单位负责人批准，并告知信访人延期理由",
    ),
    # 第三十五条: 复查 request within 30日 of the written answer; the opinion within 30日 of the request.
    Rule(
        name="petitions.review_request",
        title="请求复查",
        law=LAW,
        article="第三十五条",
        text="信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关、单位的上一级机关、单位复查。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="收到书面答复之日",
        counting=CALENDAR,
    ),
    Rule(
        name="petitions.review",
        title="提出复查意见",
        law=LAW,
        article="第三十五条",
        text="收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，并予以书面答复。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="收到复查请求之日",
        counting=CALENDAR,
    ),
    # 第三十六条: 复核 request within 30日 of the 复查 answer; the opinion within 30日; hearing time excluded.
    Rule(
        name="petitions.recheck_request",
        title="请求复核",
        law=LAW,
        article="第三十六条第一款",
        text="信访人对复查意见不服的，可以自收到书面答复之日起30日内向复查机关、单位的上一级机关、单位请求复核。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="收到复查书面答复之日",
        counting=CALENDAR,
    ),
    Rule(
        name="petitions.recheck",
        title="提出复核意见",
        law=LAW,
        article="第三十六条第一款",
        text="收到复核请求的机关、单位应当自收到复核请求之日起30日内提出复核意见。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="收到复核请求之日",
        counting=CALENDAR,
        note="举行听证的，听证所需时间不计算在期限内（第三十六条第二款，以中止期间录入）。",
    ),
]
