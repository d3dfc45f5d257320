"""Classes of error seen on the third fresh unseen set (bench/review_fresh/README.md, issue 16 §4): a period stated
in a heading or a title, a part's rate taken for the whole's, a hotline's tickets handled by one bureau, a year named
in a news item's history taken for its year, a total stated as 受理指派, digits grouped with spaces, and wordings of
the disclosure figures. Each test states the class with sentences of its own, not the set's texts."""

import pytest

from fazhi.reviewer import review_text

from .sentences import figures


def _figures(text: str) -> dict:
    return {k: v["value"] for k, v in review_text(text, "t.txt").as_dict()["indicators"].items()}


# --- a period stated in a heading or a title holds for what stands under it


@pytest.mark.parametrize(
    "text",
    [
        # a month's heading holds for the section under it
        "青石县司法局2025年行政调解工作情况\n\n一、3月份全县行政调解案件情况\n\n"
        "(一)案件数量:全县共受理行政调解案件80件,调解成功70件,调解成功率为87.5%。\n\n"
        "二、下一步工作\n\n持续推进。\n",
        # a monthly report's title holds for its whole text
        "青石县司法局2025年1月行政调解工作情况分析报告\n\n"
        "全县共受理行政调解案件122件,调解成功112件,调解成功率为91.8%。\n",
    ],
)
def test_a_months_heading_or_title_holds_for_what_stands_under_it(text):
    got = _figures(text)
    for key in ("mediation.disputes", "mediation.resolved", "mediation.success_rate"):
        assert key not in got, key


def test_a_sibling_heading_ends_the_months_section():
    text = (
        "青石县司法局2025年行政调解工作情况\n\n一、3月份工作情况\n\n全县共受理行政调解案件80件。\n\n"
        "二、全年工作情况\n\n全县共受理行政调解案件900件,调解成功850件。\n"
    )
    got = _figures(text)
    assert got["mediation.disputes"] == 900
    assert got["mediation.resolved"] == 850


def test_a_years_heading_does_not_stop_the_figures():
    text = "青石县司法局关于2024年人民调解工作的报告\n\n一、2024年工作情况\n\n全县共调解矛盾纠纷900件,调解成功850件。\n"
    got = _figures(text)
    assert got["mediation.disputes"] == 900


# --- a part's rate is not the whole's


def test_a_rate_after_a_parts_count_in_a_qizhong_sentence_is_the_parts():
    got = figures(
        "全年共调解各类民间纠纷2975件。其中,司法助理员调解506件,法律服务所调解555件,均成功;"
        "调委会调解1913件,调解成功率为97.5%。"
    )
    assert got["mediation.disputes"] == 2975
    assert "mediation.success_rate" not in got


def test_a_rate_of_the_whole_after_qizhong_parts_of_another_figure_stays():
    got = figures("全年共调解矛盾纠纷2975件,调解成功率为99.1%。其中,婚姻家庭纠纷506件。")
    assert got["mediation.success_rate"] == 99.1


def test_the_share_settled_at_the_grassroots_is_not_the_success_rate():
    for name in ("矛盾纠纷基层一线化解率达88.7%", "矛盾纠纷源头化解率达88.7%", "矛盾纠纷就地化解率达88.7%"):
        got = figures(f"全年共化解矛盾纠纷2840件,{name}。")
        assert "mediation.success_rate" not in got, name
    assert figures("全年共调解矛盾纠纷2840件,矛盾纠纷化解率达98.7%。")["mediation.success_rate"] == 98.7


# --- a bureau's share of the hotline's tickets


def test_a_bureaus_own_hotline_tickets_are_not_the_hotlines_figures():
    text = (
        "青石县民政局2023年政府信息公开工作年度报告\n\n本报告结合我局政府信息公开工作有关统计数据撰写。\n\n"
        "2023年,共办理政府12345热线47件,已全部办结,回复率和满意率均达100%。\n"
    )
    got = _figures(text)
    assert "hotline.satisfaction_rate" not in got
    assert "hotline.received" not in got


def test_the_hotlines_own_satisfaction_rate_stays():
    got = figures("全年12345热线共受理群众诉求12.3万件,办结率99.8%,满意率为98.6%。")
    assert got["hotline.received"] == 123000
    assert got["hotline.satisfaction_rate"] == 98.6


# --- the year of a news item


def test_a_year_in_a_news_items_history_is_not_its_year():
    text = (
        "4年援助4000多件案件 市法律援助中心再获全国殊荣\n"
        "青石晚报 2020-03-20 10:10\n"
        "本报讯继2016年市法律援助中心获得表彰之后,今年市法律援助中心再次获得荣誉称号。\n"
        "2016年以来,市法律援助中心共办理各类法律援助案件4714件。\n"
    )
    result = review_text(text, "t.txt")
    assert result.metadata.year in (2019, 2020)
    assert "legal_services.legal_aid_cases" not in {k for k in result.as_dict()["indicators"]}


# --- a total stated as 受理指派


def test_a_legal_aid_centres_assigned_cases_are_its_total_before_the_parts():
    got = figures(
        "2024年度县法律援助中心共受理指派案件4459件,其中法律援助案件450件,刑事全覆盖试点案件2179件。"
    )
    assert got["legal_services.legal_aid_cases"] == 4459


# --- digits grouped with spaces


def test_digits_grouped_by_thousands_with_a_space_are_one_number():
    got = figures("全年共调解各类民间纠纷29 757件,调解成功29 001件。")
    assert got["mediation.disputes"] == 29757
    assert got["mediation.resolved"] == 29001


# --- disclosure wordings


def test_none_received_is_zero_applications():
    for sentence in (
        "全年未接到信息公开申请。",
        "本年度未收到依申请公开事项。",
        "全年没有收到公开政府信息的申请。",
    ):
        got = figures(f"主动公开政府信息120条。{sentence}")
        assert got.get("disclosure.applications") == 0, sentence


def test_a_departments_none_received_is_its_zero_applications():
    text = "青石县民政局2023年政府信息公开工作年度报告\n\n二是及时规范办理依申请公开。2023年,我局未收到政府信息公开申请。\n"
    assert _figures(text).get("disclosure.applications") == 0


def test_a_stated_count_of_applications_comes_before_a_parts_none():
    got = figures("全年共收到政府信息公开申请12件,其中未收到法人申请。")
    assert got["disclosure.applications"] == 12


def test_information_published_on_the_government_website_is_proactive_disclosure():
    for sentence in (
        "全年县人民政府网站共发布各类信息4610条。",
        "全年更新工作动态、养老服务和社会救助信息162条。",
    ):
        got = figures(f"一是主动公开。{sentence}")
        assert got.get("disclosure.proactive_items") in (4610, 162), sentence


# --- reconsideration closed by mediation, and a rate among other matters' rates


def test_cases_terminated_by_mediation_are_mediated():
    for wording in ("其中调解终止19件", "其中调解或因和解终止结案19件"):
        got = figures(f"全年办理行政复议案件63件,办结54件,{wording},维持17件。")
        assert got["reconsideration.mediated"] == 19, wording


def test_a_rate_listed_after_another_matters_rate_keeps_the_sentences_subject():
    got = figures(
        "全年县司法局办理行政复议案件63件,办结54件。"
        "实质性化解率达94%,行政机关负责人出庭应诉率达100%,调解率为40.74%,复议后起诉率为5.6%。"
    )
    assert got["reconsideration.mediation_rate"] == 40.74
    assert got["litigation.head_appearance_rate"] == 100


def test_a_rate_after_a_qizhong_count_without_a_doer_is_the_wholes():
    got = figures("全年审结行政复议案件115件。其中,纠错12件,纠错率为10.4%。")
    assert got["reconsideration.correction_rate"] == 10.4
