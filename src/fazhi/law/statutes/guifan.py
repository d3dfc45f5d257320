"""行政规范性文件 备案: the filing periods, which are local rules (no national statute sets them; LAW.md §4c).

A government's 规范性文件 is filed with the 本级人大常委会 and the 上一级人民政府, a department's with the 本级人民政府.
The number of days and the rule cited are per-jurisdiction settings of the office (`normative.filing_*_days`,
`normative.filing_*_basis`); the defaults below are the common 30日 (e.g. 北京市各级人大常委会规范性文件备案审查条例
第十一条 "规范性文件应当自公布之日起三十日内报送备案"; 青海 uses "发文之日起20日内"). For 规章 the national period is
the same 30日: 法规规章备案条例 (国务院令第337号) 第三条 "法规、规章公布后，应当自公布之日起30日内，依照下列规定报送
备案" (text checked in LawRefBook/Laws 行政法规/法规规章备案条例.md; replaced from 2024-11-01 by 法规规章备案审查条例
第四条 with the same words, LAW.md §4c)."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "地方行政规范性文件制定和备案规定"
# No act applies 民事诉讼法 第八十五条 to these periods; the office's own rule is counted the same way.
VIA = "本地备案规定参照"

CALENDAR = f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日（参照《{MINSU}》第八十五条）"
DEFAULT_ARTICLE = "（本地规定；未设置时按常见的自公布之日起30日内计算）"

RULES: list[Rule] = [
    Rule(
        name="normative.filing_congress",
        title="政府行政规范性文件报本级人大常委会备案",
        law=LAW,
        article=DEFAULT_ARTICLE,
        text="规范性文件应当自公布之日起三十日内报送备案。（北京市各级人大常委会规范性文件备案审查条例 第十一条；本地另有规定的，依照本地规定）",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="公布之日",
        counting=CALENDAR,
        local=True,
    ),
    Rule(
        name="normative.filing_government",
        title="行政规范性文件报上一级人民政府（部门文件报本级人民政府）备案",
        law=LAW,
        article=DEFAULT_ARTICLE,
        text="行政规范性文件自公布之日起三十日内报送备案。（各地规定不同，如青海“发文之日起20日内”；依照本地规定）",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="公布之日",
        counting=CALENDAR,
        local=True,
    ),
]
