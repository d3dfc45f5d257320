"""Consistency findings: rates that fit no stated base, parts above their totals, missing figures."""

from fazhi.reviewer import plan_expectations, review_file, review_text
from fazhi.reviewer.text import normalise

from .helpers import SEEDS

HEAD = "青石县人民政府关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n\n"
TAIL = "\n\n全县行政机关负责人出庭应诉率100%。\n\n二、存在的不足\n\n三、2024年工作安排\n"


def findings(body: str, kinds=("rate_mismatch", "count_exceeds_total"), plan=None):
    result = review_text(HEAD + body + TAIL, "t.txt", plan=plan)
    return [f for f in result.findings if f.kind in kinds]


def test_rate_that_fits_the_concluded_base_is_fine():
    assert findings("全县受理行政复议案件206件，已审结184件；行政复议纠错29件，纠错率15.8%。") == []


def test_rate_that_fits_the_received_base_is_fine():
    assert findings("新受理行政复议案件151件，审结135件，其中纠错29件，纠错率约19.2%。") == []


def test_rate_that_fits_no_base():
    (f,) = findings("新收行政复议申请993件，审结892件，纠错106件，纠错率15.8%。")
    assert f.kind == "rate_mismatch" and f.key == "reconsideration.correction_rate"
    assert "106÷892" in f.message and "106÷993" in f.message
    assert f.evidence == "纠错106件,纠错率15.8%"


def test_rate_without_a_catalog_count_uses_the_count_stated_before_it():
    ok = "审结892件，有768件未再提起行政诉讼，案结事了率86.1%。"
    bad = "审结892件，有600件未再提起行政诉讼，案结事了率86.1%。"
    assert findings("受理行政复议案件993件，" + ok) == []
    (f,) = findings("受理行政复议案件993件，" + bad)
    assert f.key == "reconsideration.settled_rate"


def test_mediation_success_rate():
    assert findings("排查矛盾纠纷18020件，调处成功17723件，调解成功率98.35%。") == []
    (f,) = findings("排查矛盾纠纷18020件，调处成功17723件，调解成功率99.9%。")
    assert f.key == "mediation.success_rate"


def test_corrected_more_than_concluded():
    (f,) = findings("受理行政复议案件100件，审结90件，纠错95件。")
    assert f.kind == "count_exceeds_total" and f.key == "reconsideration.corrected"


def test_concluded_more_than_received_needs_the_carried_over_cases():
    assert findings("依法受理行政复议案件218件，上年结转28件，审结228件。") == []
    (f,) = findings("依法受理行政复议案件218件，上年结转5件，审结228件。")
    assert f.key == "reconsideration.concluded" and "结转5件" in f.message
    (f,) = findings("依法受理行政复议案件218件，审结228件。")
    assert f.key == "reconsideration.concluded"
    # "含结转" without the number: it cannot be checked, so it is not a finding.
    assert findings("受理行政复议案件218件，审结(含结转)228件。") == []


def test_breakdown_larger_than_its_total():
    (f,) = findings("全年开展普法活动120场次，其中送法进企业150场次。")
    assert f.kind == "count_exceeds_total" and "150" in f.message and "120" in f.message


def test_missing_core_figures_quote_where_the_matter_is_discussed():
    result = review_file(SEEDS / "001_ac45cf8051bb6945.txt")
    (f,) = [f for f in result.findings if f.kind == "missing_figure"]
    assert f.key == "reconsideration.correction_rate"
    assert "行政复议案件218件" in f.evidence


def test_plan_targets():
    plan_text = normalise((SEEDS / "002_c60f17a457bdc50d.txt").read_text(encoding="utf-8"))
    expectations = {e.key: e for e in plan_expectations(plan_text)}
    head = expectations["litigation.head_appearance_rate"]
    assert (head.op, head.target) == (">=", 90.0)
    assert "出庭应诉率不低于90%" in head.evidence
    assert "reconsideration.correction_rate" in expectations

    below = review_text(
        HEAD + "全县行政机关负责人出庭应诉率85%。\n\n二、存在的不足\n", "t.txt", plan=plan_text
    )
    (f,) = [f for f in below.findings if f.kind == "below_target"]
    assert f.key == "litigation.head_appearance_rate" and "不低于90%" in f.message
    missing = [f for f in below.findings if f.kind == "missing_figure"]
    assert any(f.key == "reconsideration.correction_rate" and "工作要点" in f.message for f in missing)


def test_findings_in_the_json_contract():
    (f,) = findings("新收行政复议申请993件，审结892件，纠错106件，纠错率15.8%。")
    assert set(f.as_dict()) == {"kind", "message", "evidence"}


def test_an_unrelated_count_before_a_rate_is_not_its_numerator():
    assert findings("受理行政复议案件993件，审结892件，其中维持500件，案结事了率86.1%。") == []
