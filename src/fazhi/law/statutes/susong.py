"""中华人民共和国行政诉讼法 (2017 amendment): the periods of 行政诉讼 (起诉 after 复议, 答辩, 上诉).

Texts quoted from LawRefBook/Laws: 诉讼与非诉讼程序法/行政诉讼法.md."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "中华人民共和国行政诉讼法"
# Which provision carries 民事诉讼法 第八十五条 over into this act.
VIA = f"《{LAW}》第一百零一条"

# 行政诉讼法 第一百零一条: "关于期间、送达…本法没有规定的，适用《中华人民共和国民事诉讼法》的相关规定。"
CALENDAR = (
    f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{LAW}》第一百零一条适用《{MINSU}》第八十五条）"
)

RULES: list[Rule] = [
    # 行政诉讼法 第四十五条 (不服复议决定起诉: 15 calendar days).
    Rule(
        name="reconsideration.sue_after_decision",
        title="不服复议决定提起行政诉讼",
        law=LAW,
        article="第四十五条",
        text=(
            "公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。"
            "复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。法律另有规定的除外。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到复议决定书之日（复议机关逾期不作决定的，复议期满之日）",
        counting=CALENDAR,
    ),
    # 行政诉讼法 第六十七条第一款 (答辩并提交证据: 15 calendar days; end day via 第一百零一条 → 民事诉讼法 第八十五条).
    Rule(
        name="litigation.answer",
        title="提交证据、依据并提出答辩状",
        law=LAW,
        article="第六十七条第一款",
        text=(
            "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，"
            "并提出答辩状。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到起诉状副本之日",
        counting=CALENDAR,
        note="被告不提供或者无正当理由逾期提供证据，视为没有相应证据（第三十四条第二款）。",
    ),
    # 行政诉讼法 第八十五条 (上诉: 判决 15 calendar days).
    Rule(
        name="litigation.appeal_judgment",
        title="不服一审判决上诉",
        law=LAW,
        article="第八十五条",
        text="当事人不服人民法院第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉。",
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="判决书送达之日",
        counting=CALENDAR,
    ),
    # 行政诉讼法 第八十五条 (上诉: 裁定 10 calendar days; the 行政诉讼法 has no working-day clause).
    Rule(
        name="litigation.appeal_ruling",
        title="不服一审裁定上诉",
        law=LAW,
        article="第八十五条",
        text="当事人不服人民法院第一审裁定的，有权在裁定书送达之日起十日内向上一级人民法院提起上诉。",
        day_kind=DayKind.CALENDAR,
        days=10,
        start_event="裁定书送达之日",
        counting=CALENDAR,
    ),
]
