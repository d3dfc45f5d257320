"""重大行政决策程序暂行条例 (国务院令第713号, in force 2019-09-01): the review time a submitter must allow.

Text quoted from LawRefBook/Laws: 行政法规/重大行政决策程序暂行条例.md. The 条例 binds the decision organ (县级以上
人民政府); 第四十二条 has 政府部门 and 乡级人民政府 follow it ("参照本条例规定执行"), and local rules on the 合法性审核
of 规范性文件 and 行政协议 commonly copy the same minimum. The office's own deadline for giving its opinion is a local
rule, not law: the per-jurisdiction setting `legality.review_days` (fazhi.legality)."""

from __future__ import annotations

from ..periods import DayKind, Rule

LAW = "重大行政决策程序暂行条例"
# The 条例 counts its own days ("7个工作日"); no 民事诉讼法 第八十五条 bridge: each rule's `counting` says how.
VIA = ""

RULES: list[Rule] = [
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
