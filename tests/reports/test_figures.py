"""Which numbers are the year's figures for the whole jurisdiction, sentence by sentence."""

import pytest

from fazhi.reviewer import review_text
from fazhi.reviewer.figures import RULES, active_rules, catalog


def figures(
    body: str, year: int = 2023, title: str = "青石县人民政府关于2023年度法治政府建设情况的报告"
) -> dict:
    text = f"{title}\n\n一、主要举措和成效\n\n{body}\n\n二、存在的不足\n\n三、2024年工作安排\n\n持续推进。\n"
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        ("全县各级行政复议机关受理行政复议案件206件，已审结184件。", "reconsideration.concluded", 184),
        ("全年新收行政复议申请993件。", "reconsideration.received", 993),
        ("行政复议纠错29件，纠错率15.8%。", "reconsideration.correction_rate", 15.8),
        ("共参加一审行政应诉案件324件。", "litigation.cases", 324),
        ("行政机关负责人出庭应诉率达到百分之百。", "litigation.head_appearance_rate", 100),
        ("排查调处各类矛盾纠纷8296余件，调解成功率达到99%。", "mediation.disputes", 8296),
        ("12345热线全年受理群众诉求82.3万件，满意率达97.93%。", "hotline.received", 823000),
        ("各级行政执法机关共办理行政处罚案件2.3万余件。", "enforcement.penalty_cases", 23000),
        ("全年办理柔性执法案3.63万件。", "enforcement.lenient_cases", 36300),
        ("开展行政执法案卷评查1555宗。", "enforcement.case_file_reviews", 1555),
        ("共对77件规范性文件和重大行政决策进行了合法性审核。", "legality.reviews", 77),
        ("按规定及时报备县政府规范性文件4件。", "legality.normative_docs_filed", 4),
        ("备案审查乡镇及部门规范性文件12件。", "legality.filing_reviews", 12),
        ("公证机构办理公证案件3196件。", "legal_services.notary_cases", 3196),
        ("办结人大代表建议109件、政协委员提案214件。", "supervision.cppcc_proposals", 214),
        ("办结人大代表建议和政协委员提案403件。", "supervision.suggestions_total", 403),
        ("主动公开行政权力运行信息3251条，政府信息9308条。", "disclosure.proactive_items", 9308),
        ("依法办理答复政府信息公开申请31件。", "disclosure.applications", 31),
        ("受理行政复议案件十二件。", "reconsideration.received", 12),
        ("全市行政复议案件新收1250件、审结1180件。", "reconsideration.concluded", 1180),
        ("全年受理2023年度行政复议案件206件。", "reconsideration.received", 206),
        ("行政复议直接纠错率18.2%，调解和解结案210件。", "reconsideration.mediated", 210),
        ("行政复议案件通过调解、和解方式结案170件，调解率17.4%。", "reconsideration.mediation_rate", 17.4),
        ("全市行政机关作为被告的一审行政诉讼案件共计860件。", "litigation.cases", 860),
        ("司法鉴定机构办理鉴定案件320件。", "legal_services.appraisal_cases", 320),
        ("承办市人大代表建议和市政协提案268件。", "supervision.suggestions_total", 268),
        ("12345热线接听群众来电45.6万通。", "hotline.received", 456000),
        ("适用“轻微免罚”清单免罚案件1200件。", "enforcement.lenient_cases", 1200),
        ("对320件轻微违法行为依法不予处罚。", "enforcement.lenient_cases", 320),
        ("人民调解组织调解案件6800件，调解成功率99.1%。", "mediation.disputes", 6800),
        ("全年主动公开政府信息5670条。", "disclosure.proactive_items", 5670),
        ("12345热线全年共受理8.6万件，办结8.5万件。", "hotline.received", 86000),
        ("全年行政复议案件总量达120件。", "reconsideration.received", 120),
        # a total the catalog asks for, listed by kind
        ("全年共审核县政府规范性文件28件、重大行政决策12件、行政协议56份。", "legality.reviews", 96),
    ],
)
def test_figure_is_read(body, key, value):
    assert figures(body).get(key) == pytest.approx(value)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        # cumulative over several years
        ("12345热线自开通以来累计受理群众诉求37116件。", "hotline.received"),
        ("近三年来累计办理行政处罚案件3.1万件。", "enforcement.penalty_cases"),
        ("2019年以来共受理行政复议案件900件。", "reconsideration.received"),
        # targets
        ("力争行政复议纠错率达到15%。", "reconsideration.correction_rate"),
        ("到2025年，行政机关负责人出庭应诉率达到100%。", "litigation.head_appearance_rate"),
        # a single department, the county's own level, a town, the courts
        ("县市场监管局办理行政处罚案件3100件。", "enforcement.penalty_cases"),
        ("县本级出庭应诉率100%。", "litigation.head_appearance_rate"),
        ("城关镇调解矛盾纠纷800件。", "mediation.disputes"),
        ("全县法院审结行政案件557件。", "litigation.cases"),
        ("法院开展诉前调解680件。", "mediation.disputes"),
        # a previous year's figure
        ("2022年受理行政复议案件150件。", "reconsideration.received"),
        # not the catalog item: review rounds, issued documents, court mediation, subtype counts
        ("开展行政案卷评查3次。", "enforcement.case_file_reviews"),
        ("发布行政规范性文件5件。", "legality.normative_docs_filed"),
        ("指派刑事法律援助案件177件。", "legal_services.legal_aid_cases"),
        ("市政府门户网站主动公开政府文件83件。", "disclosure.proactive_items"),
        ("减免公证费6700元。", "legal_services.notary_cases"),
        ("不予受理行政复议申请36件。", "reconsideration.received"),
        ("全县法院新收一审行政案件240件。", "litigation.cases"),
        ("县人大常委会备案审查规范性文件15件。", "legality.filing_reviews"),
    ],
)
def test_figure_is_not_the_years_jurisdiction_figure(body, key):
    assert key not in figures(body)


def test_the_total_comes_before_its_breakdown():
    got = figures("受理法律援助案件543件，指派刑事法律援助案件177件，指派民事案件11件。")
    assert got["legal_services.legal_aid_cases"] == 543


def test_sub_figure_after_the_jurisdiction_figure():
    got = figures("全市行政机关负责人出庭应诉率95.5%，其中市本级100%。")
    assert got["litigation.head_appearance_rate"] == 95.5


def test_accepted_beats_received_applications():
    got = figures("全年共收到行政复议申请1113件。受理1033件，审结977件。")
    assert got["reconsideration.received"] == 1033


def test_this_years_since_is_not_cumulative():
    got = figures("2023年以来，受理行政复议案件11件，已办结11件。")
    assert got["reconsideration.received"] == 11 and got["reconsideration.concluded"] == 11


def test_plan_section_figures_are_targets():
    text = (
        "某县人民政府关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n\n持续推进。\n\n"
        "二、下一步工作打算\n\n全年受理行政复议案件300件，纠错率15%。\n"
    )
    assert review_text(text, "t.txt").figures == {}


def test_department_report_counts_its_own_figures():
    got = figures(
        "本局全年办理行政处罚案件860件。",
        title="青石县市场监督管理局关于2023年度法治政府建设情况的报告",
    )
    assert got["enforcement.penalty_cases"] == 860


def test_only_catalog_keys():
    assert {r.key for r in active_rules()} <= set(catalog())
    assert {r.key for r in RULES} == {r.key for r in active_rules()}


def test_the_responsible_department_speaks_for_the_jurisdiction():
    got = figures("县司法局共办理法律援助案件543件。县市场监管局办理行政处罚案件3100件。")
    assert got["legal_services.legal_aid_cases"] == 543
    assert "enforcement.penalty_cases" not in got


@pytest.mark.parametrize(
    ("body", "key", "value"),
    [
        # a plan's period named in the sentence is not a later year's target
        ("落实实施方案(2021—2025年)，全年受理行政复议案件206件。", "reconsideration.received", 206),
        # "确保在法定期限内" is a duty, not a target figure
        ("确保在法定期限内办结，全年受理行政复议案件206件。", "reconsideration.received", 206),
    ],
)
def test_periods_and_duties_are_not_targets(body, key, value):
    assert figures(body).get(key) == value


def test_a_past_period_is_cumulative():
    assert "reconsideration.received" not in figures("2019年至2023年共受理行政复议案件900件。")
