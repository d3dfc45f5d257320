"""Classes of error found on texts the reviewer had never seen (issue 16 §4), each on sentences of its own:
traditional characters, figures for part of a year or for several years, a sub-activity's or a neighbouring
topic's figures, several values given "分别" to several names, "下降至", tables whose cells a PDF separates by
spaces, figures received but not yet handled. The measurement is bench/review_unseen (dev and test sets)."""

from fazhi.reviewer import review_text
from fazhi.reviewer.text import normalise

TITLE = "青石县人民政府关于2023年度法治政府建设情况的报告"


def figures(body: str, title: str = TITLE) -> dict:
    text = f"{title}\n\n一、主要举措和成效\n\n{body}\n\n二、存在的不足\n\n三、2024年工作安排\n\n持续推进。\n"
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}


# --- traditional characters ---------------------------------------------------------------------------------


def test_traditional_characters_are_read_as_simplified():
    text = normalise("111年度各鄉鎮市受理調解件數有1,593件,調解成立件數1,343件,成立率達84%。")
    assert "受理调解件数有1,593件" in text


def test_a_report_in_traditional_characters_yields_its_figures():
    got = figures(
        "全年共受理行政復議案件135件,審結128件,糾錯率為12.5%。全縣人民調解組織共排查化解矛盾糾紛2,310件。",
        title="青石縣人民政府關於2023年度法治政府建設情況的報告",
    )
    assert got["reconsideration.received"] == 135
    assert got["reconsideration.concluded"] == 128
    assert got["mediation.disputes"] == 2310


def test_simplified_text_is_left_as_it_is():
    # Characters that exist in both scripts and a simplified text stay untouched (no 乾/干, 著/着 rewriting).
    assert normalise("乾隆年间的档案著录工作。") == "乾隆年间的档案著录工作。\n"


def test_taiwanese_mediation_wording():
    got = figures("全年受理調解件數有1,593件,調解成立件數1,343件,成立率達84%。")
    assert got["mediation.disputes"] == 1593
    assert got["mediation.resolved"] == 1343
    assert got["mediation.success_rate"] == 84


# --- part of a year, several years ---------------------------------------------------------------------------


def test_half_year_quarter_and_month_figures_are_not_the_years():
    got = figures(
        "2023年1-6月,12345市民热线共受理市民各类诉求2580件,办结2580件。"
        "第三季度新收行政复议案件24件。2023年9月份,12345热线受理工单468件。"
    )
    assert "hotline.received" not in got
    assert "hotline.closed" not in got
    assert "reconsideration.received" not in got


def test_up_to_a_month_is_not_the_year():
    got = figures("截至9月底,已办理法律援助案件245件。截至2023年7月底,全县共受理行政复议案件9起。")
    assert "legal_services.legal_aid_cases" not in got
    assert "reconsideration.received" not in got


def test_up_to_the_years_end_is_the_year():
    got = figures("截至2023年12月31日,全县共受理行政复议案件19件。截至年底,办理法律援助案件245件。")
    assert got["reconsideration.received"] == 19
    assert got["legal_services.legal_aid_cases"] == 245


def test_cumulative_figures_over_several_years():
    got = figures(
        "自2022年行政复议体制改革以来,共受理行政复议案件310件。改革以来,审结行政复议案件290件。"
        "近三年,全县排查化解矛盾纠纷8000余件。“十四五”期间,全县办理法律援助案件2100件。"
    )
    assert "reconsideration.received" not in got
    assert "reconsideration.concluded" not in got
    assert "mediation.disputes" not in got
    assert "legal_services.legal_aid_cases" not in got


def test_the_years_own_figure_after_a_cumulative_one_is_kept():
    got = figures("改革以来累计受理行政复议案件310件;2023年,受理行政复议案件96件。")
    assert got["reconsideration.received"] == 96


# --- a sub-activity, a neighbouring topic, what is received but not handled ----------------------------------


def test_a_campaigns_contract_reviews_are_not_the_jurisdictions_legality_reviews():
    got = figures(
        "开展民营企业“法治体检”专项行动,组织律师走访企业320家,审查合同1239份,提出法律建议560条。"
        "全年完成合法性审核86件。"
    )
    assert got["legality.reviews"] == 86


def test_a_campaign_alone_gives_no_legality_review_count():
    got = figures("开展“法治体检”活动,为企业审查合同1239份,出具法律意见书56份。")
    assert "legality.reviews" not in got


def test_grid_events_are_not_the_hotlines():
    got = figures("12345热线全年受理群众诉求5120件。网格员全年上报网格事件1474件,办结1420件,办结率96.3%。")
    assert got["hotline.received"] == 5120
    assert "hotline.closed" not in got


def test_another_hotline_is_not_12345():
    got = figures("12328交通运输服务监督热线全年共受理业务总量199.62万件,投诉举报类回访满意率100%。")
    assert "hotline.received" not in got
    assert "hotline.satisfaction_rate" not in got


def test_12345_served_requests_and_its_rated_satisfaction():
    got = figures("全县12345热线共服务群众和企业诉求4.37万件,同比增长2.15%。")
    assert got["hotline.received"] == 43700


def test_suggestions_received_for_handling_are_not_handled_ones():
    got = figures("今年,区“两会”共收到人大、政协移交办理的建议提案593件(其中建议295件、提案298件)。")
    assert "supervision.suggestions_total" not in got
    assert "supervision.npc_suggestions" not in got


# --- several values, 下降至 ------------------------------------------------------------------------------------


def test_respective_values_go_to_their_names():
    got = figures("全年受理、审结行政复议案件分别为120件、115件。")
    assert got["reconsideration.received"] == 120
    assert got["reconsideration.concluded"] == 115


def test_fell_to():
    got = figures("行政复议纠错率下降至8.2%,行政机关负责人出庭应诉率提升至98%。")
    assert got["reconsideration.correction_rate"] == 8.2
    assert got["litigation.head_appearance_rate"] == 98


# --- wording of the unseen texts -----------------------------------------------------------------------------


def test_number_before_the_applications():
    got = figures("2023年,区政府办公室共受理36件政府信息公开申请,按期办结36件。")
    assert got["disclosure.applications"] == 36


def test_legal_aid_and_appraisal_wording_of_a_bureau_summary():
    got = figures("办理各类公证案件4231件;办理援助案件1052件;司法鉴定机构办理案件967件。")
    assert got["legal_services.notary_cases"] == 4231
    assert got["legal_services.legal_aid_cases"] == 1052
    assert got["legal_services.appraisal_cases"] == 967


def test_courts_concluded_cases_are_not_the_litigation_count():
    # As seed 004's labels: "全市法院审结行政案件557件" is the courts' count of concluded cases.
    assert "litigation.cases" not in figures("全市法院审结行政案件557件。")


# --- tables whose cells a PDF separates by spaces ------------------------------------------------------------


def test_space_separated_table_rows_stay_rows():
    text = normalise("指标  2022年  2023年\n行政复议新收案件(件)  120  135\n")
    assert "指标\t2022年\t2023年\n\n行政复议新收案件(件)\t120\t135" in text


def test_space_separated_table_gives_the_report_years_column():
    got = figures(
        "全县主要法治指标如下:\n指标  2022年  2023年\n公证案件(件)  1890  2104\n法律援助案件(件)  512  640\n"
    )
    assert got["legal_services.notary_cases"] == 2104
    assert got["legal_services.legal_aid_cases"] == 640


def test_a_sentence_with_single_spaces_is_not_a_table():
    text = normalise("全年 受理 行政复议 案件 135 件。\n")
    assert "\t" not in text


def test_single_space_separated_table_rows_from_a_pdf():
    # pdfplumber gives one space between cells: a name followed by numbers only, or a header of years.
    text = normalise("指标 2022年 2023年\n行政复议新收案件(件) 120 135\n出庭应诉率(%) 96.5 100\n")
    assert "指标\t2022年\t2023年\n\n行政复议新收案件(件)\t120\t135\n\n出庭应诉率(%)\t96.5\t100" in text


def test_single_space_separated_table_gives_the_report_years_column():
    got = figures("主要指标:\n指标 2022年 2023年\n行政复议新收案件(件) 120 135\n")
    assert got["reconsideration.received"] == 135


def test_a_rate_from_a_rounded_count_is_no_mismatch():
    text = (
        f"{TITLE}\n\n一、主要举措和成效\n\n全年办结行政复议案件22.4万件,作出纠错决定约3万件,纠错率达15.1%。\n"
    )
    kinds = [f.kind for f in review_text(text, "t.txt").findings]
    assert "rate_mismatch" not in kinds


def test_a_rate_from_exact_counts_still_mismatches():
    text = f"{TITLE}\n\n一、主要举措和成效\n\n全年办结行政复议案件224件,作出纠错决定30件,纠错率达15.1%。\n"
    kinds = [f.kind for f in review_text(text, "t.txt").findings]
    assert "rate_mismatch" in kinds


# --- fresh set of 2026-12-07 (bench/review_fresh/first): classes, on sentences of their own ------------------


def test_up_to_a_day_before_the_years_end_written_jiezhidao_is_not_the_year():
    got = figures("截止到2023年10月31日,全县受理调解案件812件,调解成功790件,成功率达97.3%。")
    assert not {"mediation.disputes", "mediation.resolved", "mediation.success_rate"} & set(got)
    got = figures("截止到2023年12月31日,全县受理调解案件812件。")
    assert got["mediation.disputes"] == 812


def test_the_share_of_disputes_handled_is_not_the_success_rate():
    got = figures("全年排查矛盾纠纷356件,调处356件,调处率100%,调处成功341件,调处成功率95.8%。")
    assert got["mediation.success_rate"] == 95.8
    assert "mediation.success_rate" in figures("全年调处成功率达97%。")


def test_reconsideration_case_applications_received():
    got = figures("全年全县复议机关共收到行政复议案件申请318宗,同比上升12%。")
    assert got["reconsideration.received"] == 318


def test_disputes_settled_are_not_the_disputes_received():
    got = figures("全县人民调解组织共成功调处各类矛盾纠纷2140件。")
    assert got["mediation.resolved"] == 2140
    assert "mediation.disputes" not in got


def test_a_specialised_committees_disputes_are_not_the_jurisdictions():
    got = figures("全县交通事故纠纷人民调解委员会调解交通事故纠纷88件。")
    assert "mediation.disputes" not in got


def test_disclosure_applications_in_other_words():
    assert figures("2023年,全县受理依申请公开件42件,办结42件。")["disclosure.applications"] == 42
    assert figures("2023年,县政府共收到公开政府信息申请7件,均按时答复。")["disclosure.applications"] == 7
