"""The five statutory contents, whatever the heading style."""

import pytest

from fazhi.reviewer import review_text
from fazhi.reviewer.sections import SECTION_KEYS, detect_sections
from fazhi.reviewer.text import normalise


def sections(raw: str, year: int = 2023) -> dict[str, bool]:
    return detect_sections(normalise(raw), year).present


def present(*keys: str) -> dict[str, bool]:
    return {k: k in keys for k in SECTION_KEYS}


ALL = SECTION_KEYS

STYLES = {
    "一、 with (一) sub-headings": """
一、2023年法治政府建设的主要举措和成效
(一)全面加强党的领导。州委主要领导认真履行推进法治建设第一责任人责任。
二、2023年法治政府建设存在的不足和原因
一是落实责任还有差距。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持召开常务会议5次。
四、2024年推进法治政府建设的主要安排
一是进一步强化党政主要负责人履行推进法治建设第一责任人职责。
五、其他需要报告的情况
无。
""",
    "markdown ## and ### headings": """
### 一、主要举措和成效
#### （一）强化党的领导
## 二、存在的不足
## 三、下一步工作打算
""",
    "full-width （一） as the top level": """
（一）2023年主要工作及成效
（二）存在的问题
（三）2024年工作思路
""",
    "第一部分 headings": """
第一部分 法治政府建设工作开展情况
第二部分 存在的困难和问题
第三部分 党政主要负责人履行推进法治建设第一责任人职责情况
第四部分 下一年度工作计划
""",
    "spaced characters from a PDF": """
一、主 要 举 措 和 成 效
二、存 在 的 不 足 和 原 因
三、下 一 步 工 作 打 算
""",
    "a heading wrapped onto two lines": """
一、2023年度推进法治政府建设的主要措施
和成效
二、2023年度推进法治政府建设存在的
不足和原因
三、2024年度推进法治政府建设的主要安排
""",
    "a bare marker on its own line": """
一、
主要举措和成效
二、
存在问题和不足
三、
下一步主要工作措施
""",
    "bare headings without markers": """
主要举措和成效
全年受理行政复议案件206件。
存在的不足
执法力量薄弱。
下一步工作打算
持续推进。
""",
}

EXPECTED = {
    "一、 with (一) sub-headings": present(*ALL),
    "markdown ## and ### headings": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
    "full-width （一） as the top level": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
    "第一部分 headings": present(
        "measures_and_results", "shortcomings_and_causes", "leaders_first_responsibility", "next_year_plan"
    ),
    "spaced characters from a PDF": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
    "a heading wrapped onto two lines": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
    "a bare marker on its own line": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
    "bare headings without markers": present(
        "measures_and_results", "shortcomings_and_causes", "next_year_plan"
    ),
}


@pytest.mark.parametrize("style", list(STYLES))
def test_heading_styles(style):
    assert sections(STYLES[style]) == EXPECTED[style]


def test_first_responsibility_needs_a_heading_of_its_own():
    # Mentioned in the text of a measure and as a plan item: not a section of its own.
    raw = """
一、主要举措和成效
(一)坚持政治引领。市政府主要负责人认真履行推进法治建设第一责任人职责。
二、存在问题和不足
三、下一步主要工作措施
一是推动落实法治建设第一责任人职责。
"""
    assert sections(raw)["leaders_first_responsibility"] is False


def test_first_responsibility_as_a_sub_heading_counts():
    raw = """
一、主要举措和成效
(一)区政府主要负责同志履行推进法治建设第一责任人职责情况
区长先后4次主持常务会议。
(二)依法全面履行政府职能
二、存在的不足
"""
    assert sections(raw)["leaders_first_responsibility"] is True


def test_first_responsibility_item_inside_the_plan_does_not_count():
    raw = """
一、主要举措和成效
二、存在的不足
三、2024年工作安排
(一)压实党政主要负责人推进法治建设第一责任人职责
"""
    assert sections(raw)["leaders_first_responsibility"] is False


def test_topical_headings_still_report_measures():
    raw = """
某区人民政府关于2023年度法治政府建设情况的报告
一、加强党的领导，压实法治建设责任
二、依法全面履行政府职能
三、存在的问题
四、2024年工作打算
"""
    assert sections(raw)["measures_and_results"] is True


def test_a_year_later_than_the_report_marks_the_plan():
    raw = "一、2023年主要工作\n二、存在的不足\n三、2024年重点任务\n"
    assert sections(raw) == present("measures_and_results", "shortcomings_and_causes", "next_year_plan")


def test_combined_heading_counts_for_both():
    raw = "一、主要举措和成效\n二、存在的问题和下一步工作打算\n"
    assert sections(raw) == present("measures_and_results", "shortcomings_and_causes", "next_year_plan")


def test_result_names_the_headings():
    result = review_text(STYLES["一、 with (一) sub-headings"], "x.txt")
    assert result.section_headings["next_year_plan"] == "2024年推进法治政府建设的主要安排"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("一、2023年推进法治政府建设情况", "measures_and_results"),
        ("一、主要做法和成效", "measures_and_results"),
        ("一、取得的主要成效", "measures_and_results"),
        ("二、工作中存在的问题和不足", "shortcomings_and_causes"),
        ("二、困难和问题", "shortcomings_and_causes"),
        ("二、存在问题及原因分析", "shortcomings_and_causes"),
        ("三、政府主要负责人履行推进法治建设第一责任人职责情况", "leaders_first_responsibility"),
        ("四、下一年度推进法治政府建设的主要安排", "next_year_plan"),
        ("四、今后工作打算", "next_year_plan"),
        ("四、2024年工作谋划", "next_year_plan"),
        ("四、努力方向", "next_year_plan"),
        ("五、其他事项", "other_matters"),
    ],
)
def test_heading_wordings(heading, key):
    assert sections(f"{heading}\n正文。\n")[key] is True


def test_topical_headings_are_not_statutory_sections():
    raw = """
一、主要举措和成效
二、聚焦群众反映的突出问题，深化专项整治
三、建设未来乡村法治示范
四、科学制定立法计划
五、存在的不足
六、下一步工作打算
"""
    assert sections(raw) == present("measures_and_results", "shortcomings_and_causes", "next_year_plan")
    result = review_text(raw, "x.txt")
    assert result.section_headings["shortcomings_and_causes"] == "存在的不足"
