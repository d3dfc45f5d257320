"""中华人民共和国行政复议法 (2023 revision, in force 2024-01-01): the periods of 行政复议.

Texts quoted from LawRefBook/Laws: 诉讼与非诉讼程序法/行政复议法(2023-09-01).md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import format_date
from ..periods import DayKind, DeadlineError, Rule, as_date
from .minsu import LAW as MINSU

LAW = "中华人民共和国行政复议法"
# Which provision carries 民事诉讼法 第八十五条 over into this act.
VIA = f"《{LAW}》第八十八条第一款"

# -- counting provisions -------------------------------------------------------------------------------
# 行政复议法 第八十八条: "行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民共和国民事诉讼法》
# 关于期间、送达的规定执行。本法关于行政复议期间有关“三日”、“五日”、“七日”、“十日”的规定是指工作日，不含法定休假日。"
WORKING = (
    f"《{LAW}》第八十八条第二款：“三日”、“五日”、“七日”、“十日”是指工作日，不含法定休假日；"
    f"起算日不计入期间（第八十八条第一款适用《{MINSU}》第八十五条第二款）"
)
CALENDAR = (
    f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{LAW}》第八十八条第一款适用《{MINSU}》第八十五条）"
)


def after_correction(rule: Rule, start: dt.date, facts: dict[str, Any]) -> tuple[dt.date, str]:
    """行政复议法 第三十一条第三款: after 补正 the 第三十条 review runs from receipt of the corrected materials."""
    corrected_on = facts.get("corrected_on")
    if corrected_on is None:
        return start, ""
    corrected_on = as_date(corrected_on, "收到补正材料日期")
    if corrected_on < start:
        raise DeadlineError(
            f"收到补正材料日期（{corrected_on.isoformat()}）不能早于收到行政复议申请日期（{start.isoformat()}）"
        )
    note = (
        f"申请人已补正：{format_date(start)}收到申请，{format_date(corrected_on)}收到补正材料，"
        f"依照《{LAW}》第三十一条第三款“行政复议机关收到补正材料后，依照本法第三十条的规定处理”，"
        "审查期限自收到补正材料之日起计算。"
    )
    return corrected_on, note


RULES: list[Rule] = [
    # 行政复议法 第二十条第一款 (申请期限, 60 calendar days; 第二款: obstacles → pass a Pause).
    Rule(
        name="reconsideration.application",
        title="申请行政复议",
        law=LAW,
        article="第二十条第一款",
        text=(
            "公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
            "六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。"
        ),
        day_kind=DayKind.CALENDAR,
        days=60,
        start_event="知道或者应当知道该行政行为之日",
        counting=CALENDAR,
        note=(
            "因不可抗力或者其他正当理由耽误的，申请期限自障碍消除之日起继续计算（第二十条第二款，以中止期间录入）；"
            "未告知申请权利、复议机关和申请期限的，依第二十条第三款计算，最长不超过一年。"
        ),
    ),
    # 行政复议法 第三十条第一款 (审查是否受理: 5 working days, 第八十八条第二款).
    Rule(
        name="reconsideration.acceptance_review",
        title="审查是否受理",
        law=LAW,
        article="第三十条第一款",
        text="行政复议机关收到行政复议申请后，应当在五日内进行审查。",
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到行政复议申请之日",
        counting=WORKING,
        facts=("corrected_on",),
        adjust_start=after_correction,
        note=(
            "补正后自收到补正材料之日起重新审查（第三十一条第三款）；"
            "审查期限届满未作出不予受理决定的，审查期限届满之日起视为受理（第三十条第三款）。"
        ),
    ),
    # 行政复议法 第三十一条第一款 (补正通知: 5 working days from receipt of the application).
    Rule(
        name="reconsideration.correction_notice",
        title="通知申请人补正",
        law=LAW,
        article="第三十一条第一款",
        text=(
            "行政复议申请材料不齐全或者表述不清楚，无法判断行政复议申请是否符合本法第三十条第一款规定的，"
            "行政复议机关应当自收到申请之日起五日内书面通知申请人补正。"
        ),
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到申请之日",
        counting=WORKING,
    ),
    # 行政复议法 第三十一条第二款 (申请人补正: 10 working days; "合理的补正期限" extension, no cap).
    Rule(
        name="reconsideration.correction_submission",
        title="申请人补正",
        law=LAW,
        article="第三十一条第二款",
        text=(
            "申请人应当自收到补正通知之日起十日内提交补正材料。有正当理由不能按期补正的，"
            "行政复议机关可以延长合理的补正期限。"
        ),
        day_kind=DayKind.WORKING,
        days=10,
        start_event="收到补正通知之日",
        counting=WORKING,
        max_extension_days=None,
        extension_note="第三十一条第二款：有正当理由不能按期补正的，可以延长合理的补正期限，法律未规定上限",
        note="无正当理由逾期不补正的，视为申请人放弃行政复议申请，并记录在案（第三十一条第二款）。",
    ),
    # 行政复议法 第四十八条 (普通程序: 发送副本 7 working days from acceptance).
    Rule(
        name="reconsideration.send_copy",
        title="发送申请书副本（普通程序）",
        law=LAW,
        article="第四十八条",
        text=(
            "行政复议机构应当自行政复议申请受理之日起七日内，将行政复议申请书副本或者行政复议申请笔录复印件"
            "发送被申请人。"
        ),
        day_kind=DayKind.WORKING,
        days=7,
        start_event="行政复议申请受理之日",
        counting=WORKING,
    ),
    # 行政复议法 第四十八条 (普通程序: 书面答复 10 working days from receipt of the copy).
    Rule(
        name="reconsideration.reply",
        title="被申请人书面答复（普通程序）",
        law=LAW,
        article="第四十八条",
        text=(
            "被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复，"
            "并提交作出行政行为的证据、依据和其他有关材料。"
        ),
        day_kind=DayKind.WORKING,
        days=10,
        start_event="收到行政复议申请书副本或者行政复议申请笔录复印件之日",
        counting=WORKING,
        note="逾期不答复、不提交证据依据的，视为该行政行为没有证据、依据（第七十条）。",
    ),
    # 行政复议法 第五十四条第一款 (简易程序: 发送副本 3 working days from acceptance).
    Rule(
        name="reconsideration.send_copy_simplified",
        title="发送申请书副本（简易程序）",
        law=LAW,
        article="第五十四条第一款",
        text=(
            "适用简易程序审理的行政复议案件，行政复议机构应当自受理行政复议申请之日起三日内，"
            "将行政复议申请书副本或者行政复议申请笔录复印件发送被申请人。"
        ),
        day_kind=DayKind.WORKING,
        days=3,
        start_event="受理行政复议申请之日",
        counting=WORKING,
    ),
    # 行政复议法 第五十四条第一款 (简易程序: 书面答复 5 working days from receipt of the copy).
    Rule(
        name="reconsideration.reply_simplified",
        title="被申请人书面答复（简易程序）",
        law=LAW,
        article="第五十四条第一款",
        text=(
            "被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起五日内，提出书面答复，"
            "并提交作出行政行为的证据、依据和其他有关材料。"
        ),
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到行政复议申请书副本或者行政复议申请笔录复印件之日",
        counting=WORKING,
        note="逾期不答复、不提交证据依据的，视为该行政行为没有证据、依据（第七十条）。",
    ),
    # 行政复议法 第六十二条第一款 (普通程序决定: 60 calendar days from acceptance, extension ≤ 30 日).
    Rule(
        name="reconsideration.decision_ordinary",
        title="作出行政复议决定（普通程序）",
        law=LAW,
        article="第六十二条第一款",
        text=(
            "适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内作出行政复议决定；"
            "但是法律规定的行政复议期限少于六十日的除外。情况复杂，不能在规定期限内作出行政复议决定的，"
            "经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。"
        ),
        day_kind=DayKind.CALENDAR,
        days=60,
        start_event="受理申请之日",
        counting=CALENDAR,
        max_extension_days=30,
        extension_note="第六十二条第一款：经行政复议机构的负责人批准，可以适当延长，延长期限最多不得超过三十日",
        note="中止期间（第三十九条）不计入；法律规定的行政复议期限少于六十日的，从其规定。",
    ),
    # 行政复议法 第六十二条第二款 (简易程序决定: 30 calendar days; no extension in the statute).
    Rule(
        name="reconsideration.decision_simplified",
        title="作出行政复议决定（简易程序）",
        law=LAW,
        article="第六十二条第二款",
        text="适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="受理申请之日",
        counting=CALENDAR,
        note="简易程序无延长规定；不宜适用简易程序的，经批准转为普通程序（第五十五条）。",
    ),
    # 行政复议法 第三十四条 (复议前置案件: 起诉 15 calendar days).
    Rule(
        name="reconsideration.sue_after_refusal",
        title="复议前置案件不予受理、驳回或逾期不答复后起诉",
        law=LAW,
        article="第三十四条",
        text=(
            "法律、行政法规规定应当先向行政复议机关申请行政复议、对行政复议决定不服再向人民法院提起行政诉讼的，"
            "行政复议机关决定不予受理、驳回申请或者受理后超过行政复议期限不作答复的，公民、法人或者其他组织"
            "可以自收到决定书之日起或者行政复议期限届满之日起十五日内，依法向人民法院提起行政诉讼。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到决定书之日或者行政复议期限届满之日",
        counting=CALENDAR,
    ),
]
