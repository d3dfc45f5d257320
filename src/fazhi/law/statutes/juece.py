"""重大行政决策程序暂行条例 (国务院令第713号, in force 2019-09-01): the periods of a major decision's steps
(fazhi.decisions) and the review time a submitter of a draft must allow the legality review (fazhi.legality).

Texts quoted from LawRefBook/Laws: 行政法规/重大行政决策程序暂行条例.md. The 条例 has no counting clause; its "日"
are calendar days, counted as 民事诉讼法 第八十五条 counts them; its one period in working days says so itself
("7个工作日", 第二十六条第二款). The 条例 binds the decision organ (县级以上人民政府); 第四十二条 has 政府部门 and
乡级人民政府 follow it ("参照本条例规定执行"), and local rules on the 合法性审核 of 规范性文件 and 行政协议 commonly
copy the same minimum. The office's own deadline for giving its opinion is a local rule, not law: the
per-jurisdiction setting `legality.review_days` (fazhi.legality)."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "重大行政决策程序暂行条例"
VIA = "本条例未规定期间计算方法，参照"
# its working days are its own words: "一般不少于7个工作日"
WORKING_BASIS = f"《{LAW}》第二十六条第二款（“7个工作日”）"

CALENDAR = f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日（参照《{MINSU}》第八十五条）"

RULES: list[Rule] = [
    # 第十五条第一款: the earliest day a public comment period may end.
    Rule(
        name="decisions.public_comment",
        title="向社会公开征求意见的期限（最早截止日）",
        law=LAW,
        article="第十五条第一款",
        text=(
            "公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。"
        ),
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="公布决策草案、开始征求意见之日",
        counting=CALENDAR,
        note="缩短期限的，应当在公开征求意见时说明理由。",
    ),
    # 第十六条第三款: materials reach the participants 7 days before the hearing (a period counted backwards).
    Rule(
        name="decisions.hearing_materials",
        title="听证会材料送达听证参加人（最迟送达日）",
        law=LAW,
        article="第十六条第三款",
        text="听证会材料应当于召开听证会7日前送达听证参加人。",
        day_kind=DayKind.CALENDAR,
        days=7,
        start_event="召开听证会之日",
        counting=f"日历日；自召开听证会之日向前倒数7日，该日及以前送达（参照《{MINSU}》第八十五条）",
        backward=True,
    ),
    # 第二十六条第二款: "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。"
    Rule(
        name="legality.minimum_review",
        title="送请合法性审查应保证的审查时间",
        law=LAW,
        article="第二十六条第二款",
        text="送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。",
        day_kind=DayKind.WORKING,
        days=7,
        start_event="送请合法性审查之日",
        counting="只计工作日，不含法定休假日（条例写明“7个工作日”）；送审当日不计入",
        note=(
            "这是送审单位应留给审查部门的最短时间（“一般不少于”）：要求出具意见的日期早于本日的，属送审过晚，"
            "审查部门可以退回或者要求补充（第二十六条第一款）。"
        ),
    ),
]
