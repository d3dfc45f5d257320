"""国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见 (国办发〔2018〕
118号, 2018-12-05): the 公示 periods of 执法决定信息.

The words quoted are those of the document as reported at the 国务院新闻办公室 briefing of 2019-01-04 (the
document's own text is not in the project's statute source); the periods are stated in 工作日 by the document."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"
VIA = "国办发〔2018〕118号未另行规定，参照"
WORKING_BASIS = "国办发〔2018〕118号明定为工作日"

WORKING = f"指导意见明定为工作日；起算日不计入期间（参照《{MINSU}》第八十五条第二款）"

RULES: list[Rule] = [
    Rule(
        name="enforcement.publish_decision",
        title="公示行政许可、行政处罚决定信息",
        law=LAW,
        article="（国办发〔2018〕118号）第二部分第（三）项",
        text="行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开",
        day_kind=DayKind.WORKING,
        days=7,
        start_event="执法决定作出之日",
        counting=WORKING,
    ),
    Rule(
        name="enforcement.publish_other",
        title="公示其他执法决定信息",
        law=LAW,
        article="（国办发〔2018〕118号）第二部分第（三）项",
        text="行政执法机关要在执法决定作出之日起20个工作日内，向社会公布执法机关、执法对象、执法类别、执法结论等信息",
        day_kind=DayKind.WORKING,
        days=20,
        start_event="执法决定作出之日",
        counting=WORKING,
    ),
]
