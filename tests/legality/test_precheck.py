"""The draft pre-check (fazhi.legality.precheck): clause splitting and each rule on crafted clauses, with the
clauses that must not be flagged (a basis named, the ordinary wording of a lawful document)."""

from __future__ import annotations

import pytest

from fazhi.legality.precheck import RULES, precheck, split_clauses

DRAFT = """澜川县养犬管理办法（送审稿）

第一章 总则

第一条 为了规范养犬行为，根据《澜川省养犬管理条例》，结合本县实际，制定本办法。
第二条 在本县城区饲养犬只的，应当取得养犬许可证。
未经公安机关批准，任何单位不得从事犬只经营。
第三条 违反本办法第二条规定的，由公安机关处以500元罚款。
第四条 申请养犬登记，应当提交下列材料：
（一）居民身份证；
（二）社区居委会出具的无犯罪记录证明；
（三）房屋产权证明。
第五条 参与流浪犬收容的企业，须在本县注册登记并纳税。
第六条 本办法由县公安局治安科负责解释。
第七条 本办法自2027年1月1日起施行，有效期5年。
"""


def labels(result, rule):
    return [f["label"] for f in result["flags"] if f["rule"] == rule]


def test_splits_articles_paragraphs_and_items():
    clauses = split_clauses(DRAFT)
    got = [c.label for c in clauses]
    assert got[:4] == ["第1段", "第一条", "第二条", "第二条第二款"]
    assert "第四条（一）" in got and "第四条（三）" in got
    assert "第一章 总则" not in [c.text for c in clauses]  # chapter headings are not clauses
    assert precheck(DRAFT)["clauses"] == len(clauses) == 12


def test_each_rule_flags_its_clause_with_citation_and_trigger():
    result = precheck(DRAFT)
    assert labels(result, "设定行政许可") == ["第二条", "第二条第二款"]
    assert labels(result, "设定行政处罚") == ["第三条"]
    assert labels(result, "增加许可条件或者要求出具证明") == ["第四条（二）"]
    assert labels(result, "排除或者限制公平竞争") == ["第五条"]
    assert labels(result, "以部门内设机构名义制发") == ["第六条"]
    penalty = next(f for f in result["flags"] if f["rule"] == "设定行政处罚")
    assert penalty["trigger"] == "处以500元罚款"
    assert penalty["clause"] == "违反本办法第二条规定的，由公安机关处以500元罚款。"
    assert "行政处罚法》第十六条" in penalty["citation"]
    # the basis clause and the commencement clause raise nothing
    assert not [f for f in result["flags"] if f["label"] in {"第一条", "第七条", "第四条（一）"}]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("对逾期不改正的，予以查封、扣押相关设施。", "设定行政强制"),
        ("拒不缴纳的，每日加处罚款。", "设定行政强制"),
        ("情节严重的，吊销其营业执照。", "设定行政处罚"),
        ("物业企业应当缴纳5万元保证金。", "减损权益或者增加义务"),
        ("拖欠物业费的业主，纳入失信黑名单。", "减损权益或者增加义务"),
        ("政府采购项目优先采购本地企业产品。", "排除或者限制公平竞争"),
        ("外地企业参加本县工程招标的，须另行提供履约担保。", "排除或者限制公平竞争"),
        ("检测业务只能向县检测中心购买服务。", "排除或者限制公平竞争"),
        ("申请人还须提供村委会开具的证明。", "增加许可条件或者要求出具证明"),
        ("设立民宿，须经县文旅局审批。", "设定行政许可"),
        ("拒不接受处理的，可以扣留其车辆。", "设定行政强制"),
        ("违规经营三次以上的，将其信息纳入公共信用信息平台。", "减损权益或者增加义务"),
        ("本县对共享电动自行车实行总量调控。", "排除或者限制公平竞争"),
    ],
)
def test_crafted_clause_is_flagged(text, rule):
    assert rule in [f["rule"] for f in precheck(text)["flags"]]


@pytest.mark.parametrize(
    "text",
    [
        "违反本办法规定的，依照《中华人民共和国动物防疫法》的规定处以罚款。",
        "未取得许可证从事经营的，由市场监管部门依法处理。",
        "县司法局负责本办法的组织实施。",
        "本办法自发布之日起施行，有效期5年。",
        "县人民政府办公室",
        "各乡镇人民政府应当加强宣传引导。",
        "号牌由公安机关统一制作，不向申请人收取费用。",
    ],
)
def test_ordinary_or_based_clause_is_not_flagged(text):
    assert precheck(text)["flags"] == []


def test_every_rule_cites_and_marks_unverified_sources():
    for rule in RULES:
        assert rule.citation
        if "37号" in rule.citation:
            assert "未核对正式文本" in rule.citation


def test_empty_text_has_no_clauses():
    assert precheck("") == {"clauses": 0, "flags": []}
    assert precheck("\n \n")["clauses"] == 0


BURDEN = "减损权益或者增加义务"


@pytest.mark.parametrize(
    "text",
    [
        "从事培训的机构，应当建立学员信息登记制度。",
        "经营者应当在经营场所显著位置公示收费标准。",
        "物业服务企业应当于每月十日前向街道办事处报送上月收支情况。",
        "房屋出租人应当如实告知承租人房屋使用安全事项。",
        "商户因停业影响兑付的，应当提前十五日发布告示。",
        "销售者应当向购买者出具销售凭证。",
        "本县建立预收资金监管制度。预收资金超过标准的经营者，应当采取专用账户管理。",
    ],
)
def test_a_duty_of_conduct_on_a_private_party_is_a_burden(text):
    """Issue 11: the second labelled set missed every "经营者应当建立／公示／填报／提供…" duty; a new duty to
    set up, disclose, report, inform or document, put on a 公民、法人或者其他组织, is 增加义务 (国办发〔2018〕37号)."""
    flags = [f for f in precheck(text)["flags"] if f["rule"] == BURDEN]
    assert flags, text
    assert flags[0]["trigger"].startswith(("应当", "须", "必须"))


@pytest.mark.parametrize(
    "text",
    [
        "县市场监管局应当在门户网站公示投诉电话。",
        "乡镇人民政府应当建立工作台账。",
        "有关单位应当建立健全工作台账，定期向主管部门报送工作情况。",
        "养犬管理工作应当建立部门协作机制。",
        "公安机关依法查处违法行为的，其处理结果应当向社会公布。",
        "经营者可以在经营场所公示服务承诺。",
        "个体工商户无须报送年度经营情况。",
    ],
)
def test_an_organs_duty_or_a_permission_is_not_a_burden(text):
    assert BURDEN not in [f["rule"] for f in precheck(text)["flags"]], text
