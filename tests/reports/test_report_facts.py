"""Issue 16 §1: every sentence of the annual report's draft rests on records — figures, or the apps' records
named as the seeds name them (the work plan with its 文号 …) — or is left to the author as a marked gap
【待补充：…】, listed on the builder page, which blocks publication until written or removed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.choices import OrgKind
from fazhi.core.contract import domain_apps, resolve
from fazhi.core.models import Org
from fazhi.core.reportfacts import TOPICS, ReportFact
from fazhi.plans.models import PlanPart, PlanTask, WorkPlan
from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder import services
from fazhi.reports.builder.facts import collect
from fazhi.reports.builder.placeholders import FigureSource

from .test_builder import YEAR, build_world

pytestmark = pytest.mark.django_db

PUNCTUATION = re.compile(r"[\s，。；：、“”（）]")


def _assertions(text: str) -> str:
    """What a text asserts once the gaps, the sub-headings and the bold 一是… labels are taken out."""
    out = []
    for line in text.splitlines():
        if drafting.is_heading(line):
            continue
        line = drafting.GAP_RE.sub("", line)
        line = re.sub(r"\*\*[^*]*\*\*", "", line)
        out.append(PUNCTUATION.sub("", line))
    return "".join(out)


def test_a_jurisdiction_without_records_gets_no_factual_assertion():
    empty = Org.objects.create(code="970900", name="空白县", kind=OrgKind.COUNTY)
    d = drafting.generate(empty, YEAR, FigureSource.for_year(empty, YEAR, links=False))
    for key in (
        "measures_and_results",
        "shortcomings_and_causes",
        "leaders_first_responsibility",
        "next_year_plan",
    ):
        assert _assertions(d.sections[key]) == "", (key, d.sections[key])
        assert drafting.gaps_in(d.sections[key]), key  # the author is asked for each part
    assert "取得" not in d.header["intro"] and "成效" not in d.header["intro"]
    assert not d.backings
    # every sub-heading of part 一 keeps its place with a gap for the author
    lines = d.sections["measures_and_results"].splitlines()
    for i, line in enumerate(lines):
        if drafting.is_heading(line):
            assert drafting.GAP_RE.search(lines[i + 1]), line


def _work_plan(w) -> WorkPlan:
    """The city's work plan with its 文号: one part of two tasks, each with a deadline."""
    plan = WorkPlan.objects.create(
        org=w.city,
        year=YEAR,
        title="青川市2025年法治政府建设工作要点",
        issuer="青川市人民政府办公室",
        doc_number="青政办〔2025〕12号",
        issued_on=date(YEAR, 3, 25),
    )
    part = PlanPart.objects.create(plan=plan, number=1, title="加强党的领导")
    for n in (1, 2):
        PlanTask.objects.create(
            plan=plan, part=part, number=n, title=f"任务{n}", text="……", deadline=date(YEAR, 12, 31)
        )
    return plan


def test_the_work_plan_is_named_with_its_number_tasks_units_and_deadlines():
    w = build_world(with_cases=False)
    _work_plan(w)
    d = drafting.generate(w.city, YEAR, FigureSource.for_year(w.city, YEAR, links=False))
    text = d.sections["measures_and_results"]
    assert (
        "制定《青川市2025年法治政府建设工作要点》（青政办〔2025〕12号），从1个方面明确2项任务，逐项明确完成时限。"
        in text
    )
    assert "制定2025年度法治政府建设工作要点" not in text  # the old unbacked sentence
    (b,) = [b for b in d.backings if "青政办〔2025〕12号" in b.text]
    assert b.section == "measures_and_results" and "青政办〔2025〕12号" in b.basis and b.url
    # the unbacked topics are gaps: no inspection, no 述法 recorded
    assert drafting.gap(TOPICS["inspection"]) in text
    assert drafting.gap(TOPICS["shufa"]) in d.sections["leaders_first_responsibility"]
    assert "逐项销号" not in text and "带头开展年度述法" not in d.sections["leaders_first_responsibility"]


def test_every_declared_provider_returns_facts_on_known_topics(db):
    w = build_world(with_cases=False)
    providers = [path for cfg in domain_apps() for path in cfg.report_facts]
    assert len(providers) >= 5
    for path in providers:
        assert all(isinstance(f, ReportFact) and f.topic in TOPICS for f in resolve(path)(w.city, YEAR))
    assert collect(w.unit_a, YEAR) == {}  # a department without plan shares, study or 普法 records
    with pytest.raises(ValueError, match="unknown report topic"):
        ReportFact("no_such_topic", "。", "")


def test_gaps_are_listed_on_the_builder_page_and_block_publication(login):
    w = build_world()
    report = services.create_report(org=w.city, year=YEAR, actor=w.office)
    report = services.update_report(
        report=report,
        actor=w.office,
        header={"doc_number": "青政〔2026〕7号", "signer": "李明", "signed_on": date(2026, 3, 20)},
    )
    gaps = services.gaps_of(services.content_of(report))
    assert gaps
    page = login(w.office).get(reverse("annual_reports:edit", args=[report.pk])).content.decode()
    assert "【待补充：…】" in page and gaps[0].text in page and 'id="report-gaps"' in page
    with pytest.raises(ValidationError, match="处【待补充】内容，不能公开"):
        services.publish_report(
            report=report,
            actor=w.office,
            published_on=date(2026, 3, 25),
            public_url="https://example.gov.cn/r",
        )


def test_a_figure_has_one_value_in_the_summary_the_pages_and_the_report(login):
    """败诉率 and its counts for one org and year: the demo summary, the home page, the dashboard and the report
    (the summary counted judgments by the year the suit was filed, the report by the year of judgment)."""
    from fazhi.demo.generator import summary
    from fazhi.indicators.registry import Period, compute
    from fazhi.litigation import services as lit
    from fazhi.litigation.choices import Appearance, Result
    from fazhi.reports.builder.placeholders import render_text

    w = build_world()
    # a suit filed the year before, heard and lost this year: counted in this year's 败诉率 by its judgment
    filed = date(YEAR - 1, 11, 20)
    case = lit.register_case(
        actor=w.office,
        defendant=w.unit_a,
        court="青川市中级人民法院",
        case_number=f"（{YEAR - 1}）青01行初99号",
        plaintiff="原告甲",
        act_type="penalty",
        act_description="行政处罚",
        complaint_received_on=filed,
    )
    lit.record_hearing(
        case=case,
        actor=w.office,
        held_on=date(YEAR, 1, 15),
        appearance=Appearance.HEAD,
        appearing_person="李局长",
        appearing_title="局长",
    )
    lit.record_judgment(case=case, actor=w.office, result=Result.REVOKE, judged_on=date(YEAR, 2, 1))
    engine = compute(w.city, Period.year(YEAR), ["litigation.loss_rate", "litigation.head_appearance_rate"])
    loss, head = engine["litigation.loss_rate"], engine["litigation.head_appearance_rate"]
    assert loss.value is not None and head.value is not None
    s = summary(date(2026, 3, 1), root_code=w.city.code)[YEAR]
    assert round(s["lit_loss_rate"] * 100, 1) == float(loss.value)
    assert (s["lit_lost"], s["lit_judged"]) == (loss.numerator, loss.denominator)
    assert round(s["lit_head_rate"] * 100, 1) == float(head.value)
    src = FigureSource.for_year(w.city, YEAR, links=False)
    report = render_text("\n".join(drafting.generate(w.city, YEAR, src).sections.values()), src)
    assert f"败诉率{loss.value}%" in report and f"出庭应诉率{head.value}%" in report
    c = login(w.office)
    for name in ("home", "indicators:dashboard"):
        page = c.get(reverse(name), {"org": w.city.pk, "year": YEAR}).content.decode()
        assert f"{loss.value}%" in page and f"{head.value}%" in page, name


def test_year_over_year_from_both_years_on_the_same_basis():
    from fazhi.indicators.registry import Period
    from fazhi.reports.builder.placeholders import render_text

    from .test_builder import synthetic

    def source(cur, prev):
        src = synthetic(reconsideration__received=cur)
        src._previous = synthetic(reconsideration__received=prev) if prev is not None else synthetic()
        src._previous.period = Period.year(YEAR - 1)
        return src

    assert render_text("{{ reconsideration.received.yoy }}", source(110, 100)) == "同比增长10.0%"
    assert render_text("{{ reconsideration.received.yoy }}", source(99, 110)) == "同比下降10.0%"
    assert render_text("{{ reconsideration.received.yoy }}", source(7, 7)) == "同比持平"
    assert render_text("{{ reconsideration.received.yoy }}", source(7, 0)).startswith("【无数据")
    src = source(110, 100)
    fig = src.figure("reconsideration.received", "yoy")
    assert "2025年110 − 2024年100" in fig.formula
    with pytest.raises(ValidationError, match="是比率"):
        render_text("{{ reconsideration.correction_rate.yoy }}", src)
    # the draft gives the change where last year's figure exists, and says nothing of it where it does not
    org = Org(code="x", name="青川市", kind=OrgKind.CITY)
    with_prev = drafting._Writer(source(110, 100), drafting.Voice.of(org), YEAR)
    sentence = with_prev.s(drafting.P("新收行政复议申请{{ reconsideration.received }}", required=True))
    assert render_text(sentence, with_prev.src) == "新收行政复议申请110件，同比增长10.0%。"
    without = drafting._Writer(source(110, None), drafting.Voice.of(org), YEAR)
    sentence = without.s(drafting.P("新收行政复议申请{{ reconsideration.received }}", required=True))
    assert render_text(sentence, without.src) == "新收行政复议申请110件。"


def test_a_published_report_keeps_each_record_backed_sentence_with_its_records(
    django_capture_on_commit_callbacks,
):
    """The counts inside an app's sentence (从1个方面明确2项任务) are traceable after publication like the figures:
    the report keeps the sentence with the records it rests on and the page that lists them. A sentence the
    author rewrote is not claimed as record-backed."""
    from fazhi.reports.models import FigureRef

    w = build_world(with_cases=False)
    _work_plan(w)
    report = services.create_report(org=w.city, year=YEAR, actor=w.office)
    texts = {s.key: drafting.GAP_RE.sub("（作者撰写的内容。）", s.text) for s in report.sections.all()}
    texts["leaders_first_responsibility"] = "本部分由作者改写。"
    report = services.update_report(
        report=report,
        actor=w.office,
        header={
            "doc_number": "青政〔2026〕7号",
            "signer": "李明",
            "signed_on": date(2026, 3, 20),
            "intro": drafting.GAP_RE.sub("", report.intro),
        },
        sections=texts,
    )
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_report(
            report=report,
            actor=w.office,
            published_on=date(2026, 3, 25),
            public_url="https://example.gov.cn/r",
        )
    facts = list(FigureRef.objects.filter(report=report, part="fact"))
    (plan_fact,) = [f for f in facts if "青政办〔2025〕12号" in f.text]
    assert plan_fact.section == "measures_and_results"
    assert "明确2项任务" in plan_fact.text and "2项任务" in plan_fact.formula
    assert plan_fact.drilldown  # the page listing the plan's tasks
    assert not [f for f in facts if f.section == "leaders_first_responsibility"]


def test_a_departments_report_names_its_shares_its_study_and_its_publicity_duties(tree, office):
    """A department's own report rests on its records too: the plan whose tasks it holds (its shares, led and
    done), the study sessions it held for its leaders, its items of the 普法责任清单 and their completion."""
    from fazhi.education import services as study
    from fazhi.education.choices import SessionKind
    from fazhi.plans import services as plans
    from fazhi.publicity import services as publicity

    plan = WorkPlan.objects.create(
        org=tree.city,
        year=YEAR,
        title="青城市2025年法治政府建设工作要点",
        issuer="青城市人民政府办公室",
        doc_number="青政办〔2025〕12号",
        issued_on=date(YEAR, 3, 25),
    )
    tasks = [
        PlanTask.objects.create(plan=plan, number=n, title=f"任务{n}", text="……", deadline=date(YEAR, 12, 31))
        for n in (1, 2, 3)
    ]
    done = plans.assign_task(actor=office, task=tasks[0], unit=tree.unit_a, on=date(YEAR, 4, 1), lead=True)
    plans.assign_task(actor=office, task=tasks[1], unit=tree.unit_a, on=date(YEAR, 4, 1))
    plans.assign_task(actor=office, task=tasks[2], unit=tree.unit_b, on=date(YEAR, 4, 1))  # another unit's
    plans.report_progress(case=done, actor=office, reported_on=date(YEAR, 6, 1), text="已完成", percent=100)
    plans.accept_report(case=done, actor=office, reviewed_on=date(YEAR, 6, 2))
    for kind, day in ((SessionKind.PRE_MEETING, 8), (SessionKind.GROUP, 9), (SessionKind.LECTURE, 10)):
        study.register_session(
            actor=office,
            unit=tree.unit_a,
            kind=kind,
            title="学法",
            held_on=date(YEAR, 3, day),
            meeting="党组会议",
            speaker="王伟",
            laws="《中华人民共和国行政处罚法》",
        )
    publicity.add_duty(actor=office, unit=tree.unit_a, year=YEAR, item="开展民法典宣传", required=1)
    publicity.add_duty(actor=office, unit=tree.unit_a, year=YEAR, item="以案释法", required=3)
    publicity.register_activity(
        actor=office, unit=tree.unit_a, kind="outreach", held_on=date(YEAR, 5, 1), title="民法典宣传",
        place="文化广场", audience=100, materials=50,
    )  # fmt: skip

    by_topic = {t: [f.text for f in fs] for t, fs in collect(tree.unit_a, YEAR).items()}
    assert by_topic == {
        "work_plan": [
            "对照《青城市2025年法治政府建设工作要点》（青政办〔2025〕12号），承担任务2项（其中牵头1项），已完成1项。"
        ],
        "leader_study": [
            "全年组织党组（党委）会前学法1次、理论学习中心组集体学法1次，学习《中华人民共和国行政处罚法》法律法规。"
        ],
        "publicity_duty": [
            "落实“谁执法谁普法”普法责任制，本部门2025年度普法责任清单明确普法责任2项，已完成1项。"
        ],
    }
    assert collect(tree.unit_b, YEAR)["work_plan"] == [
        ReportFact(
            "work_plan",
            "对照《青城市2025年法治政府建设工作要点》（青政办〔2025〕12号），承担任务1项。",
            "工作要点：青政办〔2025〕12号，本单位任务分工1项",
            reverse("plans:list"),
        )
    ]
    # printed in the department's draft, each sentence kept with its basis
    d = drafting.generate(tree.unit_a, YEAR, FigureSource.for_year(tree.unit_a, YEAR, links=False))
    assert by_topic["work_plan"][0] in d.sections["measures_and_results"]
    assert by_topic["publicity_duty"][0] in d.sections["measures_and_results"]
    assert by_topic["leader_study"][0] in d.sections["leaders_first_responsibility"]
    assert {b.basis for b in d.backings} >= {
        "工作要点：青政办〔2025〕12号，本单位任务分工2项",
        "普法责任清单2项",
    }


def test_a_departments_report_names_the_inspections_it_underwent_its_problems_and_its_heads_shufa(
    tree, office, clerk_a
):
    from fazhi.supervision import services as supervision
    from tests.supervision.factories import closed_problem, inspection, problem

    insp = inspection(office, tree)  # unit A, unit B and the county
    closed_problem(office, clerk_a, tree.unit_a, insp=insp)
    problem(office, tree.unit_a)  # from a 案卷评查, still open
    problem(office, tree.unit_b, insp=insp)
    supervision.record_shufa(
        actor=office, org=tree.unit_a, year=YEAR - 1, leader="王伟", title="局长",
        held_on=date(YEAR, 1, 20), meeting="市政府常务会议",
    )  # fmt: skip
    # held the next year: in that year's report, as supervision.shufa_leaders counts it
    supervision.record_shufa(
        actor=office, org=tree.unit_a, year=YEAR, leader="王伟", title="局长",
        held_on=date(YEAR + 1, 1, 20), meeting="市政府常务会议",
    )  # fmt: skip

    by_topic = {t: [f.text for f in fs] for t, fs in collect(tree.unit_a, YEAR).items()}
    assert by_topic == {
        "inspection": [
            "接受“2025年度法治政府建设实地督察”1次法治督察，列入问题台账的问题2个，已整改销号1个，其余1个正在整改。"
        ],
        "shufa": ["2024年度，主要负责人于2025年1月在市政府常务会议上述法。"],
    }
    assert [f.text for f in collect(tree.unit_b, YEAR)["inspection"]] == [
        "接受“2025年度法治政府建设实地督察”1次法治督察，列入问题台账的问题1个，正在整改。"
    ]
