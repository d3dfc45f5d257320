"""中华人民共和国立法法 (2023年修正): the filing (备案) of 地方政府规章 (fazhi.normative, a document of kind 规章).

Texts quoted from LawRefBook/Laws: 宪法相关法/立法法(2023-03-13).md, 第一百零九条:
"行政法规、地方性法规、自治条例和单行条例、规章应当在公布后的三十日内依照下列规定报有关机关备案：……（四）部门规章和
地方政府规章报国务院备案；地方政府规章应当同时报本级人民代表大会常务委员会备案；设区的市、自治州的人民政府制定的
规章应当同时报省、自治区的人民代表大会常务委员会和人民政府备案". The same 30日 in 规章制定程序条例 第三十四条 ("规章
应当自公布之日起30日内，由法制机构依照立法法和《法规规章备案条例》的规定向有关机关备案", 行政法规/规章制定程序条例
(2017-12-22).md) and 法规规章备案审查条例 (国务院令第789号) 第四条 ("法规、规章公布后，应当自公布之日起30日内，依照下列
规定报送备案：……（三）省、自治区、直辖市人民政府规章由省、自治区、直辖市人民政府报国务院备案；（四）设区的市、自治州
的人民政府规章由设区的市、自治州的人民政府报国务院备案，同时报省、自治区人民政府备案", 行政法规/法规规章备案审查条例
(2024-08-30).md). The act has no counting clause: calendar days, counted as 民事诉讼法 第八十五条 counts them.

Who may make 规章 at all is 第九十三条第一款 (checked in the same file): "省、自治区、直辖市和设区的市、自治州的人民政府，
可以根据法律、行政法规和本省、自治区、直辖市的地方性法规，制定规章。" (RULEMAKING_ARTICLE below)."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "中华人民共和国立法法"
VIA = "本法未规定期间计算方法，参照"

CALENDAR = f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日（参照《{MINSU}》第八十五条）"

ARTICLE = "第一百零九条第（四）项"
PREAMBLE = "行政法规、地方性法规、自治条例和单行条例、规章应当在公布后的三十日内依照下列规定报有关机关备案："
ITEM_4 = (
    "（四）部门规章和地方政府规章报国务院备案；地方政府规章应当同时报本级人民代表大会常务委员会备案；"
    "设区的市、自治州的人民政府制定的规章应当同时报省、自治区的人民代表大会常务委员会和人民政府备案"
)
TEXT = PREAMBLE + "……" + ITEM_4

#: 第九十三条第一款, the refusal of a 规章 registered by a jurisdiction without rule-making power
RULEMAKING_ARTICLE = "第九十三条第一款"
RULEMAKING_TEXT = (
    "省、自治区、直辖市和设区的市、自治州的人民政府，可以根据法律、行政法规和本省、自治区、直辖市的地方性法规，"
    "制定规章。"
)
#: 第九十五条第二款 and 第九十六条第二款: 地方政府规章 are decided and signed by the government itself
GOVERNMENT_ARTICLE = "第九十五条第二款、第九十六条第二款"


def _rule(name: str, where: str) -> Rule:
    return Rule(
        name=f"normative.rule_filing_{name}",
        title=f"地方政府规章报{where}备案",
        law=LAW,
        article=ARTICLE,
        text=TEXT,
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="公布之日",
        counting=CALENDAR,
        note="同见《规章制定程序条例》第三十四条、《法规规章备案审查条例》第四条（自公布之日起30日内）。",
    )


RULES: list[Rule] = [
    _rule("state_council", "国务院"),
    _rule("congress", "本级人民代表大会常务委员会"),
    # only a 设区的市's (自治州's) 规章
    _rule("province_congress", "省、自治区人民代表大会常务委员会"),
    _rule("government", "省、自治区人民政府"),
]
