"""Rules the invented reports of tests/reports/data/synthetic called for, each on sentences of its own: tables,
the object or recipient of an act is not its subject, a clause naming the report year after a cumulative
one, a total listed by kind before its verb, 承办 hotline tickets, department names holding 市."""

import pytest

from fazhi.reviewer import review_bytes, review_text
from fazhi.reviewer.metadata import jurisdiction_of
from fazhi.reviewer.text import normalise

from .helpers import docx_bytes

TITLE = "青石县人民政府关于2023年度法治政府建设情况的报告"


def figures(body: str, title: str = TITLE) -> dict:
    text = f"{title}\n\n一、主要举措和成效\n\n{body}\n\n二、存在的不足\n\n三、2024年工作安排\n\n持续推进。\n"
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}


# --- tables ---------------------------------------------------------------------------------------------


def test_table_rows_stay_rows():
    text = normalise("主要指标如下：\n指标\t2022年\t2023年\n行政复议新收案件（件）\t120\t135\n")
    assert "指标\t2022年\t2023年\n\n行政复议新收案件(件)\t120\t135" in text


def test_markdown_table_rows():
    text = normalise("| 指标 | 2023年 |\n|---|---|\n| 法律援助案件（件） | 640 |\n")
    assert text.strip() == "指标\t2023年\n\n法律援助案件(件)\t640"


def test_the_report_years_column():
    body = (
        "全县主要法治指标如下：\n"
        "指标\t2022年\t2023年\n"
        "行政机关负责人出庭应诉率（%）\t93.1\t97.5\n"
        "公证案件（件）\t1890\t2104\n"
        "主动公开政府信息（条）\t6120\t6633"
    )
    got = figures(body)
    assert got["litigation.head_appearance_rate"] == 97.5
    assert got["legal_services.notary_cases"] == 2104
    assert got["disclosure.proactive_items"] == 6633


def test_columns_named_by_kind():
    body = "类别\t受理（件）\t审结（件）\t纠错（件）\n行政复议\t215\t203\t28"
    got = figures(body)
    assert (got["reconsideration.received"], got["reconsideration.concluded"]) == (215, 203)
    assert got["reconsideration.corrected"] == 28


def test_a_table_of_targets_or_of_the_own_level_does_not_count():
    targets = "2024年主要目标：\n指标\t目标值\n行政机关负责人出庭应诉率（%）\t100"
    own_level = "县本级主要指标：\n指标\t数值\n公证案件（件）\t420"
    assert "litigation.head_appearance_rate" not in figures(targets)
    assert "legal_services.notary_cases" not in figures(own_level)


def test_a_word_table():
    data = docx_bytes(
        [TITLE, "一、主要举措和成效", "全县主要法治指标：", "二、存在的不足", "执法力量不足。"],
        table=[["指标", "2022年", "2023年"], ["人民调解矛盾纠纷（件）", "3100", "3342"]],
    )
    got = review_bytes(data, "r.docx").as_dict()["indicators"]
    assert got["mediation.disputes"]["value"] == 3342


# --- who acts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("对各乡镇和县直部门报送的规范性文件备案审查31件。", "legality.filing_reviews", 31),
        ("向市政府和县人大常委会报送备案规范性文件9件。", "legality.normative_docs_filed", 9),
    ],
)
def test_objects_and_recipients_are_not_the_subject(body, key, value):
    assert figures(body).get(key) == value


def test_a_department_as_the_subject_still_is_one():
    assert "enforcement.penalty_cases" not in figures("县市场监管局对外公布行政处罚案件310件。")


# --- the report year after a cumulative clause ------------------------------------------------------------


def test_the_report_year_named_after_a_cumulative_clause():
    got = figures("12345热线自2020年开通以来累计受理诉求52万件,2023年受理诉求14.6万件。")
    assert got["hotline.received"] == 146000


def test_a_range_ending_in_the_report_year_is_still_cumulative():
    assert "reconsideration.received" not in figures("2021年至2023年共受理行政复议案件610件。")


# --- totals listed by kind before the verb -------------------------------------------------------------


def test_kinds_listed_before_the_verb_are_summed():
    assert figures("对12项重大行政决策、8件规范性文件和31份合同进行合法性审查。")["legality.reviews"] == 51


def test_other_numbers_before_the_verb_are_not_summed():
    got = figures("对近3年的12项重大行政决策进行合法性审查。")
    assert got.get("legality.reviews") in (None, 12)


# --- wording --------------------------------------------------------------------------------------------


def test_hotline_tickets_handled_by_a_town():
    assert (
        figures("全年承办12345工单530件。", title="青石镇2023年法治政府建设工作报告")["hotline.received"]
        == 530
    )


def test_reconsideration_settled_by_mediation_without_fangshi():
    got = figures("全县受理行政复议案件90件,通过调解、和解化解案件17件。")
    assert got["reconsideration.mediated"] == 17


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("白河市市场监督管理局", "白河市"),
        ("青石县城市管理局", "青石县"),
        ("白河市城乡规划局", "白河市"),
    ],
)
def test_department_names_holding_a_place_character(name, place):
    assert jurisdiction_of(name) == place


# --- asides, parts, other subjects ----------------------------------------------------------------------


def test_an_aside_in_brackets_has_its_own_time():
    got = figures("全年受理行政复议案件188件(2018年以来累计受理905件),审结176件,纠错率12.5%。")
    assert got["reconsideration.concluded"] == 176
    assert got["reconsideration.correction_rate"] == 12.5
    assert got["reconsideration.received"] == 188


def test_a_cumulative_aside_is_not_the_years_figure():
    # no total of the year: the aside's cumulative count must not stand in for it
    assert "reconsideration.received" not in figures("行政复议工作稳步推进(2018年以来累计受理905件)。")


def test_a_named_town_after_qizhong_is_a_part():
    assert "mediation.disputes" not in figures("其中白沙镇调处矛盾纠纷310件。")


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("县公证处全年办证2750件。", "legal_services.notary_cases", 2750),
        ("全县各执法单位共实施行政处罚1840起。", "enforcement.penalty_cases", 1840),
    ],
)
def test_more_wordings(body, key, value):
    assert figures(body).get(key) == value


def test_a_petition_rate_is_not_the_hotlines():
    got = figures("信访部门全年受理信访事项320件,群众满意率95%。")
    assert "hotline.satisfaction_rate" not in got and "hotline.received" not in got


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("行政机关负责人出庭应诉率连续三年保持100%。", "litigation.head_appearance_rate", 100),
        (
            "全年共审核县政府规范性文件15件、重大行政决策事项9项、行政合同48份、其他涉法事务67件。",
            "legality.reviews",
            139,
        ),
    ],
)
def test_streaks_and_kinds_with_a_word_between(body, key, value):
    assert figures(body).get(key) == value
