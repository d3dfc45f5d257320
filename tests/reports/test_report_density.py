"""Issue 16 §1: with the registers in place the demo report reaches the seeds' density — ≥ 10 figures per 1,000
characters and ≥ 60 figures, spread over the sub-headings of part 一 — each figure traceable to records (a live
figure with its formula and drill-down, or a sentence of an app's records with its basis). Counted by reading
the generated report back with the reviewer (fazhi.reports.reviewer)."""

from __future__ import annotations

import re

import time_machine

from fazhi.reports.builder import draft as drafting
from fazhi.reports.builder import services
from fazhi.reports.builder.placeholders import FigureSource, render_text
from fazhi.reports.builder.render_docx import render_content, render_docx
from fazhi.reports.reviewer import review_bytes
from fazhi.reports.reviewer.numbers import find_quantities
from tests.conftest import DEMO_CITY_ON

# The report on 2025 is written in March 2026: the session's demo city (tests/conftest.py) is built as on that day.
ON = DEMO_CITY_ON
YEAR = 2025


def test_the_demo_report_reads_as_densely_as_the_seeds_and_every_figure_is_traceable(demo_city):
    with time_machine.travel(ON, tick=False):
        src = FigureSource.for_year(demo_city, YEAR, links=False)
        content, d = services.draft_content(demo_city, YEAR, src)
        rendered = render_content(content, src)
        result = review_bytes(render_docx(content, src), "report.docx")
    text = result.text
    body = text[text.index("一、") :]  # from part 一 on: the header block is not the narrative
    # a gap for the author asserts nothing: its words ("三项制度") are not figures
    gaps = [m.span() for m in re.finditer(r"【待补充[^】]*】", body)]
    quantities = [q for q in find_quantities(body) if not any(a <= q.start < b for a, b in gaps)]
    chars = len(re.sub(r"\s", "", body))
    per_1000 = len(quantities) * 1000 / chars
    assert len(quantities) >= 60, (len(quantities), chars)
    assert per_1000 >= 10, (len(quantities), chars, round(per_1000, 1))

    # Traceable: each is a live figure of the engine, or stands in a sentence an app's records back.
    figure_texts = {f.text for f in rendered.figures if not f.missing}
    backed = [render_text(b.text, src) for b in d.backings]
    for q in quantities:
        shown = body[q.start : q.end]
        assert any(shown in t or t in shown for t in figure_texts) or any(shown in b for b in backed), shown

    # Spread: the sub-headings of part 一 carry figures — all but 应急 (九), which no register backs and the demo
    # fills no 统计填报 for: it is a marked gap for the author.
    part_one = render_text(d.sections["measures_and_results"], src)
    heads = [ln for ln in part_one.splitlines() if drafting.is_heading(ln)]
    assert len(heads) >= 9
    paragraphs = re.split(r"^（[一二三四五六七八九十]+）.*$", part_one, flags=re.M)[1:]
    empty = [h for h, p in zip(heads, paragraphs, strict=True) if not find_quantities(p)]
    assert len(empty) <= 1 and all("应急" in h for h in empty), empty
    # Nothing printed as fact without records: no 【无数据】, and what no record backs is a marked gap.
    assert not rendered.missing


# The registers built since the first draft (法律顾问, 备案, 执法监督预警, 排查, 领导接访, 法治文化阵地, 建议提案,
# 依申请公开): each of these figures counts records, so the report says it where its paragraph is, and the number
# printed is the figure's live value.
REGISTER_FIGURES = (
    "counsel.participations",
    "legality.normative_filing_rate",
    "enforcement.first_offense_cases",
    "enforcement.officers",
    "enforcement.warnings",
    "mediation.sweeps",
    "petitions.leader_receptions",
    "publicity.culture_sites",
    "supervision.suggestion_on_time_rate",
    "disclosure.on_time_rate",
)


def test_the_registers_figures_are_said_in_the_report_with_their_live_values(demo_city):
    with time_machine.travel(ON, tick=False):
        src = FigureSource.for_year(demo_city, YEAR, links=False)
        content, _ = services.draft_content(demo_city, YEAR, src)
        rendered = render_content(content, src)
    said = {f.key for f in rendered.figures if not f.missing}
    absent = [k for k in REGISTER_FIGURES if k not in said]
    assert not absent, absent
    body = "".join(render_text(t, src) for t in content.sections.values())
    for f in rendered.figures:
        if f.key in REGISTER_FIGURES:
            assert f.value == src.raw(f.key, f.part) and f.text in body, (f.key, f.text)
