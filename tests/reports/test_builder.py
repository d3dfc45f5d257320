"""The annual report builder without pages: placeholders, the generated draft, the Word file.

The figures the report prints must be the indicator engine's figures for the same org and year, and a rate
must be recomputable from the counts printed beside it. Data is made through the casework services.

The helpers here (`build_world`, `docx_text`) are shared by test_builder_views.py and test_builder_pdf.py."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core import numbering
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, Value, catalog, compute
from fazhi.law.choices import ActType
from fazhi.litigation import services as lit
from fazhi.litigation.choices import Appearance, Result
from fazhi.reconsideration import services as recon
from fazhi.reconsideration.choices import Decision, TerminationReason
from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder.placeholders import FigureSource, find, missing_text, picker, render_text
from fazhi.reports.builder.render_docx import ReportContent, render_content, render_docx

YEAR = 2025


# ---------------------------------------------------------------------------------------------------------
# Shared data


@dataclass
class World:
    city: Org
    unit_a: Org
    unit_b: Org
    county: Org
    office: object
    clerk_a: object
    clerk_b: object
    leader: object
    county_office: object


def _org(code, name, kind, parent=None, prefix=""):
    org = Org(code=code, name=name, kind=kind, parent=parent)
    org.full_clean(exclude=["path"])
    org.save()
    if prefix:
        numbering.set_prefix(org, "reconsideration", prefix)
    return org


def _user(username, org, role):
    user = get_user_model().objects.create_user(username=username, password="Fz-builder-2025!")
    Membership.objects.create(user=user, org=org, role=role)
    return user


# (decision, termination reason) of the city's concluded cases: 3 corrected (撤销, 确认违法, 责令履行),
# 2 mediated (调解书, 和解后撤回), 3 upheld/dismissed.
CITY_DECISIONS = [
    (Decision.REVOKE, ""),
    (Decision.CONFIRM_ILLEGAL, ""),
    (Decision.ORDER_PERFORMANCE, ""),
    (Decision.MEDIATION, ""),
    (Decision.TERMINATE, TerminationReason.SETTLED_WITHDRAWN),
    (Decision.UPHOLD, ""),
    (Decision.UPHOLD, ""),
    (Decision.DISMISS_CLAIM, ""),
]


def build_world(*, with_cases: bool = True) -> World:
    """青川市 with two units and a county; the city's 2025 casework: 10 applications (8 decided, 1 open, 1
    不予受理), 4 suits (2 sued after reconsideration), of which 3 heard (2 with the head appearing) and 3 judged
    (1 lost); the county has 2 decided cases of its own (1 corrected), which the city's figures include."""
    city = _org("970100", "青川市", OrgKind.CITY, prefix="青府复")
    unit_a = _org("970100-market", "青川市市场监督管理局", OrgKind.UNIT, city)
    unit_b = _org("970100-ps", "青川市公安局", OrgKind.UNIT, city)
    county = _org("970121", "青山县", OrgKind.COUNTY, city, prefix="青山府复")
    county_unit = _org("970121-market", "青山县市场监督管理局", OrgKind.UNIT, county)
    w = World(
        city,
        unit_a,
        unit_b,
        county,
        office=_user("b_office", city, Role.OFFICE),
        clerk_a=_user("b_clerk_a", unit_a, Role.CLERK),
        clerk_b=_user("b_clerk_b", unit_b, Role.CLERK),
        leader=_user("b_leader", city, Role.LEADER),
        county_office=_user("b_county", county, Role.OFFICE),
    )
    if not with_cases:
        return w
    decided = []
    start = date(YEAR, 2, 3)
    for i, (decision, reason) in enumerate(CITY_DECISIONS):
        received = start + timedelta(days=14 * i)
        case = recon.register_application(
            actor=w.office,
            org=city,
            respondent=unit_a if i % 2 == 0 else unit_b,
            received_on=received,
            applicants=[{"name": f"申请人{i}"}],
            act_type=ActType.PENALTY,
            act_description="行政处罚决定",
        )
        recon.accept_case(case=case, actor=w.office, accepted_on=received + timedelta(days=2))
        recon.decide_case(
            case=case,
            actor=w.office,
            decision=decision,
            termination_reason=reason,
            decided_on=received + timedelta(days=40),
        )
        decided.append(case)
    open_case = recon.register_application(
        actor=w.office,
        org=city,
        respondent=unit_a,
        received_on=date(YEAR, 11, 20),
        applicants=[{"name": "申请人九"}],
        act_type=ActType.LICENSE,
        act_description="不予许可决定",
    )
    recon.accept_case(case=open_case, actor=w.office, accepted_on=date(YEAR, 11, 24))
    rejected = recon.register_application(
        actor=w.office,
        org=city,
        respondent=unit_b,
        received_on=date(YEAR, 6, 2),
        applicants=[{"name": "申请人十"}],
        act_type=ActType.OTHER,
        act_description="信访答复",
    )
    recon.reject_application(
        case=rejected, actor=w.office, rejected_on=date(YEAR, 6, 5), reason="不属于复议范围"
    )
    for i in range(2):
        c = recon.register_application(
            actor=w.county_office,
            org=county,
            respondent=county_unit,
            received_on=date(YEAR, 3, 1 + i),
            applicants=[{"name": f"县申请人{i}"}],
            act_type=ActType.PENALTY,
            act_description="罚款",
        )
        recon.accept_case(case=c, actor=w.county_office, accepted_on=date(YEAR, 3, 5))
        recon.decide_case(
            case=c,
            actor=w.county_office,
            decision=Decision.REVOKE if i else Decision.UPHOLD,
            decided_on=date(YEAR, 4, 20),
        )
    suits = [
        # (defendant, reconsideration, appearance, result)
        (unit_a, decided[5], Appearance.HEAD, Result.DISMISS_CLAIM),
        (unit_b, decided[6], Appearance.STAFF, Result.REVOKE),
        (unit_a, None, Appearance.DEPUTY, Result.DISMISS_CLAIM),
        (unit_b, None, None, None),
    ]
    for i, (defendant, reconsideration, appearance, result) in enumerate(suits):
        received = date(YEAR, 5, 10) + timedelta(days=20 * i)
        case = lit.register_case(
            actor=w.office,
            defendant=defendant,
            court="青川市中级人民法院",
            case_number=f"（{YEAR}）青01行初{i + 1}号",
            plaintiff=f"原告{i}",
            act_type="penalty",
            act_description="行政处罚",
            complaint_received_on=received,
            reconsideration=reconsideration,
        )
        if appearance:
            lit.record_hearing(
                case=case,
                actor=w.office,
                held_on=received + timedelta(days=40),
                appearance=appearance,
                appearing_person="张副局长" if appearance in (Appearance.HEAD, Appearance.DEPUTY) else "",
                appearing_title="副局长",
            )
        if result:
            lit.record_judgment(
                case=case, actor=w.office, result=result, judged_on=received + timedelta(days=70)
            )
    return w


@pytest.fixture
def world(db) -> World:
    return build_world()


def docx_paragraphs(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs]


def docx_text(data: bytes) -> str:
    return "\n".join(docx_paragraphs(data))


def synthetic(org=None, **values) -> FigureSource:
    """A figure source with given values: count=206, or rate=(numerator, denominator)."""
    out = {}
    for name, v in values.items():
        key = name.replace("__", ".")
        if isinstance(v, tuple):
            n, d = v
            pct = (
                (Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                if d
                else None
            )
            out[key] = Value(key, "", "percent", pct, n, d)
        else:
            out[key] = Value(key, "", "count", v)
    return FigureSource(
        org or Org(code="x", name="青川市", kind=OrgKind.CITY), Period.year(YEAR), out, links=False
    )


# ---------------------------------------------------------------------------------------------------------
# Placeholders


def test_known_placeholders_render_value_with_unit():
    src = synthetic(reconsideration__received=206, reconsideration__correction_rate=(29, 184))
    text = "受理{{ reconsideration.received }}，纠错率{{reconsideration.correction_rate}}。"
    assert render_text(text, src) == "受理206件，纠错率15.8%。"


def test_numerator_and_denominator_print_the_counts_of_a_rate():
    src = synthetic(reconsideration__correction_rate=(29, 184))
    text = (
        "审结{{ reconsideration.correction_rate.denominator }}，纠错{{ reconsideration.correction_rate.numerator }}，"
        "纠错率{{ reconsideration.correction_rate }}"
    )
    assert render_text(text, src) == "审结184件，纠错29件，纠错率15.8%"


def test_missing_figure_is_marked_never_zero():
    src = synthetic(reconsideration__correction_rate=(0, 0))  # nothing concluded: no rate
    out = render_text("纠错率{{ reconsideration.correction_rate }}", src)
    assert out == "纠错率【无数据：行政复议纠错率】"
    assert "0" not in out
    # A catalog figure no app computes (or no 统计填报 accepted) is missing too.
    assert render_text("{{ legal_services.notary_cases }}", synthetic()) == "【无数据：办理公证案件数】"
    assert missing_text("reconsideration.correction_rate") == "【无数据：行政复议纠错率】"


def test_unknown_placeholder_is_an_error_naming_it():
    with pytest.raises(ValidationError) as exc:
        find("共{{ reconsideration.recieved }}件，{{ foo }}")
    msg = "；".join(exc.value.messages)
    assert "reconsideration.recieved" in msg and "foo" in msg


def test_numerator_of_a_count_is_an_error():
    with pytest.raises(ValidationError, match="不是比率"):
        find("{{ reconsideration.received.numerator }}")


def test_picker_lists_catalog_keys_with_names_and_current_values():
    rows = {e.token: e for e in picker(synthetic(reconsideration__correction_rate=(29, 184)))}
    assert set(catalog()) <= set(rows)
    assert rows["reconsideration.correction_rate"].name == "行政复议纠错率"
    assert rows["reconsideration.correction_rate"].text == "15.8%"
    assert rows["reconsideration.correction_rate.denominator"].text == "184件"
    assert rows["legal_services.notary_cases"].missing


# ---------------------------------------------------------------------------------------------------------
# The draft


def test_draft_has_the_five_statutory_sections_and_header(world):
    d = drafting.generate(world.city, YEAR)
    assert list(d.sections) == list(drafting.SECTION_KEYS)
    assert all(d.sections[k].strip() for k in drafting.SECTION_KEYS)
    h = d.header
    assert h["issuer"] == "青川市人民政府"
    assert h["doc_header"] == "青川市人民政府文件"
    assert h["title"] == "青川市人民政府关于2025年度法治政府建设情况的报告"
    assert h["doc_number"] == ""  # from the office's numbering on publication
    assert h["addressee"] == "省人民政府"


def test_draft_writes_only_sentences_whose_figures_exist(world):
    src = FigureSource.for_year(world.city, YEAR, links=False)
    d = drafting.generate(world.city, YEAR, src)
    text = "\n".join(d.sections.values())
    rendered = render_text(text, src)
    assert "【无数据" not in rendered
    assert "{{ reconsideration.received }}" in text  # figures stay live placeholders
    assert "新收行政复议申请12件" in rendered  # the city's 10 and the county's 2
    # No hotline records (the figure counts 0): the sentence is left out and noted with what it needs.
    assert "12345" not in re.sub(r"用好12345政务服务便民热线", "", rendered)
    assert any("12345热线受理件数（记录中为0）" in n.missing for n in d.notes), [n.missing for n in d.notes]


def test_draft_speaks_of_a_county_as_such(world):
    d = drafting.generate(world.county, YEAR)
    assert d.header["title"] == "青山县人民政府关于2025年度法治政府建设情况的报告"
    assert d.header["addressee"] == "市人民政府"
    assert "全县" in d.sections["measures_and_results"]


# ---------------------------------------------------------------------------------------------------------
# The Word file


def _content(org, year=YEAR, source=None):
    d = drafting.generate(org, year, source)
    h = d.header
    return ReportContent(
        org,
        year,
        d.sections,
        doc_header=h["doc_header"],
        issuer=h["issuer"],
        doc_number="青政〔2026〕7号",
        signer="",
        addressee=h["addressee"],
        title=h["title"],
        signed_on=date(2026, 3, 20),
        intro=h["intro"],
        closing=h["closing"],
    )


def test_docx_has_header_block_and_five_sections_in_order(world):
    src = FigureSource.for_year(world.city, YEAR, links=False)
    paras = [p for p in docx_paragraphs(render_docx(_content(world.city, source=src), src)) if p.strip()]
    assert paras[:4] == [
        "青川市人民政府文件",
        "青政〔2026〕7号",
        "青川市人民政府关于2025年度法治政府建设情况的报告",
        "省人民政府：",
    ]
    headings = [p for p in paras if re.match(r"^[一二三四五]、", p)]
    assert headings == [
        "一、2025年度法治政府建设主要举措和成效",
        "二、存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2026年度推进法治政府建设主要安排",
        "五、其他需要报告的情况",
    ]
    assert paras[-3:] == ["青川市人民政府", "2026年3月20日", "（此件公开发布）"]
    assert "（一）坚持党的领导，健全法治政府建设推进机制" in paras
    assert not any("{{" in p or "{%" in p or "{#" in p for p in paras)  # no template tag or help left


def _expected(value: Value, part: str) -> str:
    """The figure as the engine states it, written out here by hand: a percent with one decimal, a count."""
    if part == "value":
        return f"{value.value}%" if value.unit == "percent" else str(value.value)
    return str(getattr(value, part))


def test_every_figure_in_the_docx_is_the_engines_figure(world):
    """Each placeholder of the report, in order, appears in the Word text as the indicator engine computes it
    for the same org and period — found in sequence, so no figure is skipped or out of place."""
    period = Period.year(YEAR)
    engine = compute(world.city, period)
    content = _content(world.city)
    text = docx_text(render_docx(content, FigureSource.for_year(world.city, YEAR, links=False)))
    placeholders = find(content.intro) + [
        ph for k in drafting.SECTION_KEYS for ph in find(content.sections[k])
    ]
    assert len(placeholders) >= 15
    pos = 0
    for ph in placeholders:
        expected = _expected(engine[ph.key], ph.part)
        m = re.compile(rf"(?<![\d.]){re.escape(expected)}(?![\d.])").search(text, pos)
        assert m, f"{ph.token}: {expected} not found after position {pos}"
        pos = m.end()
    # Hand-checked against the cases built above (the city's figures include its county's).
    assert engine["reconsideration.received"].value == 12
    rate = engine["reconsideration.correction_rate"]
    assert (rate.numerator, rate.denominator) == (4, 10)
    assert "审结行政复议案件10件，其中纠错4件、纠错率40.0%" in text
    assert "开庭审理的3件案件中，行政机关负责人出庭应诉2件，出庭应诉率66.7%" in text


RATE_SENTENCES = [
    (r"审结行政复议案件(\d+)件，其中纠错(\d+)件、纠错率([\d.]+)%", "reconsideration.correction_rate"),
    (
        r"审结行政复议案件(\d+)件，其中纠错\d+件、纠错率[\d.]+%，调解和解(?P<n>\d+)件、调解和解率(?P<r>[\d.]+)%",
        "reconsideration.mediation_rate",
    ),
    (r"一审、二审合计审结(\d+)件，其中行政机关败诉(\d+)件、败诉率([\d.]+)%", "litigation.loss_rate"),
    (
        r"开庭审理的(\d+)件案件中，行政机关负责人出庭应诉(\d+)件，出庭应诉率([\d.]+)%",
        "litigation.head_appearance_rate",
    ),
]


def _half_up(n: int, d: int) -> Decimal:
    return (Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_each_rate_is_recomputable_from_the_counts_beside_it(world):
    text = docx_text(render_docx(_content(world.city), FigureSource.for_year(world.city, YEAR, links=False)))
    for pattern, key in RATE_SENTENCES:
        m = re.search(pattern, text)
        assert m, f"{key}: sentence not in the report"
        if "n" in m.groupdict():
            d, n, r = int(m.group(1)), int(m.group("n")), Decimal(m.group("r"))
        else:
            d, n, r = int(m.group(1)), int(m.group(2)), Decimal(m.group(3))
        assert _half_up(n, d) == r, f"{key}: {n}/{d} is not {r}%"
    # 案结事了率: the counts are 未再起诉 (numerator) and 审结 (denominator, printed before it).
    d = int(re.search(r"审结行政复议案件(\d+)件", text).group(1))
    m = re.search(r"有(\d+)件行政争议经复议后未再提起行政诉讼，案结事了率([\d.]+)%", text)
    assert _half_up(int(m.group(1)), d) == Decimal(m.group(2))


def test_missing_figure_in_docx_reads_no_data(world):
    content = _content(world.city)
    content.sections["other_matters"] += (
        "\n全年办理公证{{ legal_services.notary_cases }}。"  # a 统计填报 figure
    )
    src = FigureSource.for_year(world.city, YEAR, links=False)
    text = docx_text(render_docx(content, src))
    assert "全年办理公证【无数据：办理公证案件数】。" in text
    assert [f.key for f in render_content(content, src).missing] == ["legal_services.notary_cases"]


def test_unknown_placeholder_in_a_section_stops_rendering_and_names_section(world):
    content = _content(world.city)
    content.sections["next_year_plan"] += "{{ reconsideration.bogus }}"
    with pytest.raises(ValidationError) as exc:
        render_docx(content, FigureSource.for_year(world.city, YEAR, links=False))
    msg = "；".join(exc.value.messages)
    assert "下一年度主要安排" in msg and "reconsideration.bogus" in msg


def test_bold_markup_and_subheadings_render_without_markers():
    src = synthetic(reconsideration__received=5)
    content = ReportContent(
        Org(code="x", name="青川市", kind=OrgKind.CITY),
        YEAR,
        {k: "" for k in drafting.SECTION_KEYS}
        | {"measures_and_results": "（一）小标题\n**一是加粗。**正文{{ reconsideration.received }}。"},
        title="标题",
        issuer="青川市人民政府",
        addressee="省人民政府",
        signed_on=date(2026, 1, 5),
    )
    doc = Document(io.BytesIO(render_docx(content, src)))
    paras = {p.text: p for p in doc.paragraphs}
    assert "（一）小标题" in paras and paras["（一）小标题"].style.name == "Fazhi Heading 2"
    body = paras["一是加粗。正文5件。"]
    assert [r.text for r in body.runs if r.bold] == ["一是加粗。"]


def test_the_report_reviewer_reads_the_generated_report_back(world):
    """Round trip through the reviewer (fazhi.reviewer): all five statutory sections found, no
    consistency finding, and every figure it reads equals the engine's."""
    from fazhi.reviewer import review_bytes

    src = FigureSource.for_year(world.city, YEAR, links=False)
    result = review_bytes(render_docx(_content(world.city, source=src), src), "report.docx")
    assert result.ok and all(result.sections.values()), result.sections
    assert result.metadata.year == YEAR
    assert [f.as_dict() for f in result.findings] == []
    engine = compute(world.city, Period.year(YEAR), list(result.figures))
    assert len(result.figures) >= 6
    for key, fig in result.figures.items():
        assert Decimal(str(fig.value)) == Decimal(engine[key].value), key
