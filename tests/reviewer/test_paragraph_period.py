"""A period stated once at the head of a paragraph ("今年1-6月,…", "上半年,…", "截至9月底,…", "2024年,…") holds
for the paragraph's following sentences until another period is stated (issue 16 §4: the second fresh set's half-year
and one-month figures taken as the year's). The measurement is bench/review_fresh."""

from .sentences import figures


def test_half_year_stated_at_the_paragraphs_head_holds_for_its_later_sentences():
    got = figures(
        "今年1-6月,全县新收行政复议案件96件,同比增加67.4%;办结案件78件,纠错案件4件,复议调解率为47.44%。"
        "行政诉讼案件14件,审结17件。"
    )
    for key in (
        "reconsideration.received",
        "reconsideration.concluded",
        "reconsideration.corrected",
        "reconsideration.mediation_rate",
        "litigation.cases",
    ):
        assert key not in got, key


def test_each_way_of_stating_part_of_a_year_is_carried():
    for head in (
        "上半年,全县行政争议化解工作稳步推进",
        "1至9月,全县行政争议化解工作稳步推进",
        "截至9月底,工作稳步推进",
        "5月份,工作稳步推进",
    ):
        got = figures(f"{head}。新收行政复议案件96件,办结78件。")
        assert "reconsideration.received" not in got, head
        assert "reconsideration.concluded" not in got, head


def test_several_years_in_a_sentence_are_that_sentences_aside():
    # "近三年来累计…" qualifies its own sentence; the next sentence is the year's again.
    got = figures("全县新收行政复议案件96件。近三年来累计办理行政复议案件310件。办结行政复议案件78件。")
    assert got["reconsideration.received"] == 96
    assert got["reconsideration.concluded"] == 78


def test_a_later_statement_of_the_year_ends_the_carried_period():
    got = figures(
        "上半年,全县新收行政复议案件40件。2024年全年,全县新收行政复议案件96件,办结78件。纠错案件4件。"
    )
    assert got["reconsideration.received"] == 96
    assert got["reconsideration.concluded"] == 78
    assert got["reconsideration.corrected"] == 4


def test_the_period_does_not_reach_into_the_next_paragraph():
    got = figures("上半年,全县新收行政复议案件40件。\n\n全县新收行政复议案件96件,办结78件。")
    assert got["reconsideration.received"] == 96
    assert got["reconsideration.concluded"] == 78


def test_a_month_named_inside_a_sentence_is_not_a_statement_of_period():
    # "3月份印发…" tells when something was done, not the period of the figures that follow.
    got = figures("全县于3月份印发年度工作要点,部署全年工作。新收行政复议案件96件,办结78件。")
    assert got["reconsideration.received"] == 96
    assert got["reconsideration.concluded"] == 78


def test_the_years_own_figures_after_a_whole_year_head_stay():
    got = figures("2024年,全县行政争议化解工作稳步推进。新收行政复议案件96件,办结78件。")
    assert got["reconsideration.received"] == 96


def test_a_period_in_traditional_characters_is_carried_too():
    got = figures(
        "今年1-6月,全縣新收行政復議案件96件。辦結案件78件,糾錯案件4件。",
        traditional=True,
    )
    assert "reconsideration.concluded" not in got
    assert "reconsideration.corrected" not in got


def test_a_part_of_this_year_in_the_figures_own_clause_is_part_of_a_year():
    # "今年上半年…" / "本年1-6月…": the 今年/本年 names whose half it is; the figure is still the half's (the fourth
    # fresh set's 29.2万 read as the year's).
    for head in (
        "本年上半年全市",
        "今年上半年全市",
        "今年1-6月全市",
        "本年第三季度全市",
        "今年截至9月底全市",
    ):
        got = figures(f"{head}受理行政复议案件29.2万件,办结28.1万件。")
        assert "reconsideration.received" not in got, head
        assert "reconsideration.concluded" not in got, head
    for head in ("今年全市", "本年度全市", "今年1-12月全市", "今年截至12月底全市"):
        got = figures(f"{head}受理行政复议案件292件,办结281件。")
        assert got["reconsideration.received"] == 292, head
        assert got["reconsideration.concluded"] == 281, head


def test_a_threshold_that_picks_out_some_is_not_the_figure():
    # "成立率達80%以上的公所" names the offices above a threshold, not the rate (the fourth fresh set, traditional)
    got = figures("全县调解组织全年调解纠纷1564件,调解成功率达84%,成功率达80%以上的调委会有12个。")
    assert got["mediation.success_rate"] == 84
    got = figures("全县调解组织全年调解纠纷1564件,成功率达80%以上的调委会有12个。")
    assert "mediation.success_rate" not in got
    got = figures("全县调解组织全年调解纠纷1564件,调解成功率达95%以上。")
    assert got["mediation.success_rate"] == 95  # a floor the whole reached is its figure


def test_the_mediation_count_after_shou_li_de():
    # "受理的調解件數1564件" (Taiwan's wording, the fourth fresh set): the count of mediations received
    got = figures("全县受理的調解件數1564件,調解成立1318件,成立率達84%。", traditional=True)
    assert got["mediation.disputes"] == 1564
    assert got["mediation.success_rate"] == 84


def test_every_township_of_the_county_is_the_whole_not_a_place():
    # "宜兰各乡镇市公所…受理": 各 makes it every township, the county's total (the fourth fresh set)
    got = figures("经统计,青石各乡镇公所全年受理的调解件数1564件,调解成立1318件。")
    assert got["mediation.disputes"] == 1564
    got = figures("经统计,城关镇全年受理调解纠纷156件。")
    assert "mediation.disputes" not in got  # one named township is a part
