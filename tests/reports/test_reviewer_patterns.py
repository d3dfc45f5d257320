"""Error patterns found on real report openings (bench/review_corpus), each checked on invented sentences:
local hotline names, 次 as a review unit, one rate shared by several names, a generic rate's topic, the
leaders' section under another heading, numbered run-in points, and the place of a report without a title.
Also the reviewer's key contract: the seed catalog's keys only."""

from pathlib import Path

import pytest
import yaml

from fazhi.reviewer import review_text
from fazhi.reviewer.checks import Expectation, check_missing
from fazhi.reviewer.figures import REVIEWED_KEYS, active_rules, catalog
from fazhi.reviewer.metadata import extract_metadata
from fazhi.reviewer.sections import SECTION_KEYS, detect_sections
from fazhi.reviewer.text import normalise

DATA = Path(__file__).parent / "data"


def figures(body: str, title: str = "青石县人民政府关于2023年度法治政府建设情况的报告") -> dict:
    text = f"{title}\n\n一、主要举措和成效\n\n{body}\n\n二、存在的不足\n\n三、2024年工作安排\n\n持续推进。\n"
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}


def sections(raw: str, year: int = 2023) -> dict[str, bool]:
    return detect_sections(normalise(raw), year).present


# --- the key contract ------------------------------------------------------------------------------------


def test_reviewed_keys_are_the_seed_catalog():
    seed = yaml.safe_load((DATA / "seed_catalog.yaml").read_text(encoding="utf-8"))
    assert list(REVIEWED_KEYS) == list(seed)
    assert set(REVIEWED_KEYS) <= set(catalog())
    assert len(catalog()) > len(REVIEWED_KEYS)  # the app's catalog has grown; the contract has not
    assert {r.key for r in active_rules()} == set(REVIEWED_KEYS)


def test_missing_figure_names_reviewed_keys_only():
    text = "一、主要举措和成效\n\n全年受理行政复议案件20件,纠错率10%,负责人出庭应诉率100%。\n"
    extra = [Expectation("study.lectures", "举办法治讲座"), Expectation("hotline.received", "12345热线")]
    found = check_missing(normalise(text), {}, extra)
    keys = {f.key for f in found}
    assert "study.lectures" not in keys
    assert "hotline.received" in keys
    assert keys <= set(REVIEWED_KEYS)


def test_output_keys_are_reviewed_keys():
    got = figures("全年举办法治讲座12场,受理行政复议案件20件,12345热线受理诉求3.1万件。")
    assert set(got) <= set(REVIEWED_KEYS)


# --- 1. a city's own citizen hotline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("办理回复6890诉求2318件,群众满意率98.6%。", "hotline.received", 2318),
        ("办理回复6890诉求2318件,群众满意率98.6%。", "hotline.satisfaction_rate", 98.6),
        ("全年依托9631平台受理群众诉求4.5万件。", "hotline.received", 45000),
        ("镇便民服务热线全年接收群众来电1260个。", "hotline.received", 1260),
        ("深化接诉即办改革,全年受理群众诉求2.1万件,按期办结2.08万件。", "hotline.closed", 20800),
        ("政务服务便民热线受理工单7.3万件,满意度96.5%。", "hotline.satisfaction_rate", 96.5),
    ],
)
def test_local_hotline_names(body, key, value):
    assert figures(body).get(key) == pytest.approx(value)


@pytest.mark.parametrize(
    "body",
    [
        "12348公共法律服务热线受理法律咨询事项3200件。",
        "12315平台受理消费投诉事项4500件。",
    ],
)
def test_sector_lines_are_not_the_hotline(body):
    assert "hotline.received" not in figures(body)


# --- 2. 次 as the unit of review counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("全年开展重大行政决策合法性审查26次。", "legality.reviews", 26),
        ("对乡镇报送的规范性文件开展备案审查11次。", "legality.filing_reviews", 11),
        ("全年评查行政执法案卷215件次。", "enforcement.case_file_reviews", 215),
    ],
)
def test_reviews_counted_in_times(body, key, value):
    assert figures(body).get(key) == value


@pytest.mark.parametrize("body", ["组织开展行政执法案卷评查4次。", "全年组织评查执法案卷3次。"])
def test_rounds_of_case_file_review_are_not_files(body):
    assert "enforcement.case_file_reviews" not in figures(body)


# --- 3. one value for several rates, or values in order ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "12345热线受理群众诉求5.6万件,群众满意率、按时办结率均达到100%。",
            {"hotline.satisfaction_rate": 100},
        ),
        (
            "行政复议纠错率、调解和解率分别为12.5%、20.3%。",
            {"reconsideration.correction_rate": 12.5, "reconsideration.mediation_rate": 20.3},
        ),
        (
            "全年办结人大代表建议、政协委员提案分别为86件和132件,办结率均为100%。",
            {"supervision.npc_suggestions": 86, "supervision.cppcc_proposals": 132},
        ),
        (
            "行政机关负责人出庭应诉率、行政复议案件按期办结率均为100%。",
            {"litigation.head_appearance_rate": 100},
        ),
    ],
)
def test_shared_and_respective_values(body, expected):
    got = figures(body)
    for key, value in expected.items():
        assert got.get(key) == pytest.approx(value), key
    assert "supervision.suggestions_total" not in got


# --- 4. a generic rate's topic ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key"),
    [
        # the topic of the sentence before does not carry over
        ("12345热线受理诉求8万件。企业开办“一网通办”,事项满意率99.9%。", "hotline.satisfaction_rate"),
        ("人民调解组织调解纠纷600件。全年招商引资项目签约成功率92%。", "mediation.success_rate"),
        # a subject of its own between the topic and the rate
        ("12345热线受理诉求8万件,政务服务“好差评”满意率99.9%。", "hotline.satisfaction_rate"),
        ("热线工作持续优化,群众满意度测评满意率97%。", "hotline.satisfaction_rate"),
    ],
)
def test_generic_rate_takes_its_own_sentences_topic(body, key):
    assert key not in figures(body)


def test_a_sentence_that_is_only_the_rate_goes_on_with_the_one_before():
    got = figures("12345热线全年受理群众诉求8.6万件。群众满意率达98%。")
    assert got["hotline.satisfaction_rate"] == 98


def test_generic_rate_with_its_topic_in_the_sentence():
    got = figures("12345热线全年受理诉求8万件;回访满意率99.2%。")
    assert got["hotline.satisfaction_rate"] == 99.2


# --- 5. the leaders' section under a heading on performing the duty ---------------------------------------


def test_duty_heading_whose_section_opens_with_the_first_responsibility():
    raw = """
一、认真履行推进法治建设职责
县委、县政府主要负责人认真履行推进法治建设第一责任人职责,亲自部署重要工作。县政府常务会议听取汇报6次。
二、依法全面履行政府职能
深化“放管服”改革。
三、存在的问题
四、2024年工作打算
"""
    got = sections(raw)
    assert got["leaders_first_responsibility"] is True
    assert got["measures_and_results"] is True


@pytest.mark.parametrize(
    "raw",
    [
        # the duty heading, but the section opens with something else
        "一、切实履行法治建设职责\n县政府常务会议听取法治政府建设汇报6次。\n二、存在的问题\n",
        # 职能, not 职责: the classic topical heading
        "一、依法全面履行政府职能\n县政府主要负责人履行第一责任人职责。\n二、存在的问题\n",
    ],
)
def test_other_duty_headings_are_not_the_leaders_section(raw):
    assert sections(raw)["leaders_first_responsibility"] is False


# --- 6. numbered run-in points are not headings of their own ----------------------------------------------


@pytest.mark.parametrize(
    "point",
    [
        "(二)压实第一责任人职责。镇长严格落实党政主要负责人履行推进法治建设第一责任人职责。",
        "2.落实推进法治建设第一责任人职责。区长将法治建设摆在全局工作的重要位置。",
        "一是推动落实法治建设第一责任人职责。推动各部门负责人履职尽责。",
    ],
)
def test_run_in_points_do_not_count(point):
    raw = f"一、主要举措和成效\n(一)加强党的领导\n{point}\n二、存在的不足\n三、下一步工作打算\n"
    assert sections(raw)["leaders_first_responsibility"] is False


def test_a_run_in_sub_heading_naming_the_statutory_matter_counts():
    raw = (
        "一、主要举措和成效\n(三)党政主要负责人履行推进法治建设第一责任人职责情况。县长带头学法,主持常务会议"
        "研究法治工作4次。\n二、存在的不足\n三、下一步工作打算\n"
    )
    assert sections(raw)["leaders_first_responsibility"] is True


def test_a_sub_heading_on_its_own_line_counts():
    # The gold convention: the matter has a heading of its own; a (一)-level heading standing alone on its
    # line, with its body below, is one (bench/review_corpus 006 is labelled so).
    raw = (
        "一、主要举措和成效\n(一)强化组织领导,切实履行法治建设第一责任人职责\n"
        "1.带头学法。区政府常务会议会前学法12次。\n二、存在的不足\n三、下一步工作打算\n"
    )
    assert sections(raw) == {k: k != "other_matters" for k in SECTION_KEYS}


# --- 7. the place of a report without a title ------------------------------------------------------------


def test_place_of_the_cited_documents():
    text = normalise(
        "2023年,我区坚持以习近平法治思想为指导,全面推进依法行政。\n"
        "一、主要举措\n制定《白沙区2023年法治政府建设工作要点》《白沙区人民政府常务会议学法制度》,"
        "落实《青州市法治政府建设实施方案》。我区各部门认真执行。\n"
    )
    assert extract_metadata(text).jurisdiction == "白沙区"


def test_cited_documents_of_the_parent_place_are_not_the_reports_place():
    text = normalise(
        "2023年,我县坚持依法行政。\n一、主要举措\n落实《青州市法治政府建设实施方案》《青州市行政执法监督办法》。\n"
    )
    assert extract_metadata(text).jurisdiction == ""


def test_street_office_in_the_opening():
    text = normalise("2024年以来,东湖街道办事处在区委、区政府的领导下,扎实推进法治建设。\n一、工作开展情况\n")
    assert extract_metadata(text).jurisdiction == "东湖街道"


def test_street_office_as_the_authority():
    text = normalise("东湖街道办事处2024年法治政府建设工作报告\n\n一、工作开展情况\n")
    assert extract_metadata(text).jurisdiction == "东湖街道"
