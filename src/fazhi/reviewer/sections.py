"""Which of the five statutory contents a report has.

《法治政府建设与责任落实督察工作规定》第二十五条 lists what an annual report on building a law-based
government covers: 主要举措和成效; 存在的不足和原因; 党政主要负责人履行推进法治建设第一责任人职责情况;
下一年度推进法治政府建设的主要安排; 其他需要报告的情况.

Headings are found by their markers ("一、" "(一)" "1." "第一部分", or a short line of its own) on the
normalised text, so "## 二、", "(一)", "报 告" and headings wrapped onto two lines all look the same here.
Top-level headings decide the statutory sections. The first-responsibility matter (党政主要负责人履行推进法治
建设第一责任人职责情况) counts when it has a heading of its own (the gold convention):
- a top-level heading naming it ("三、党政主要负责人履行推进法治建设第一责任人职责情况"), or a top-level heading
  on performing the duty ("一、切实履行法治政府建设职责") whose section opens with the leaders' first
  responsibility ("党政主要负责人切实履行推进法治建设第一责任人责任…");
- a sub-heading standing alone on its line ("(一)加强组织领导,切实履行法治建设第一责任人职责", then its body
  on the next lines) — a heading of its own at a lower level, as the matter is often reported inside 一;
- not a numbered point run into its paragraph ("3.压实第一责任人职责。严格落实…", "一是推动落实法治建设第一责任人
  职责。推动…" in seed 001, labelled false): that is one measure among others, not a heading of the matter —
  unless the run-in title is the statutory matter's own name ("(三)党政主要负责人履行推进法治建设第一责任人职责
  情况。县长…");
- never inside the shortcomings or the next-year plan (a plan item about the duty is not a report on how it
  was performed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION_KEYS = (
    "measures_and_results",
    "shortcomings_and_causes",
    "leaders_first_responsibility",
    "next_year_plan",
    "other_matters",
)
SECTION_LABELS = {
    "measures_and_results": "主要举措和成效",
    "shortcomings_and_causes": "存在的不足和原因",
    "leaders_first_responsibility": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year_plan": "下一年度主要安排",
    "other_matters": "其他需要报告的情况",
}

_CN = "一二三四五六七八九十"
_MARKERS = [
    (1, re.compile(rf"^(?:[{_CN}]{{1,3}}\s*[、.]|第[{_CN}]{{1,3}}(?:部分|章))\s*")),
    (2, re.compile(rf"^\([{_CN}]{{1,3}}\)\s*")),
    (3, re.compile(r"^(?:\d{1,2}\s*[、.](?!\d)|\(\d{1,2}\))\s*")),
]
_YEAR = re.compile(r"(20\d\d)\s*年")

PLAN = re.compile(
    r"下一步|下步|下一年|下年度|明年|来年|新的一年|今后"
    r"|(?:工作|主要|总体|年度|重点)(?:安排|打算|计划|思路|设想|展望)$|^(?:工作)?(?:安排|打算|计划|思路|设想|展望)$"
    r"|努力方向|工作方向"
)
PLAN_WORDS = re.compile(r"安排|打算|计划|思路|设想|展望|举措|措施|工作|任务|重点|谋划|方向")
MEASURES = re.compile(
    r"(?:举措|措施|做法|工作|情况|进展)[^,]{0,6}?(?:成效|成果|成绩)|(?:主要|工作)(?:举措|措施|做法|成效|成绩)"
    r"|(?:取得|主要)的?(?:成效|成绩|成果|进展)|工作(?:开展|推进|落实|完成)?情况|建设(?:推进)?情况$|基本情况|工作回顾"
    r"|主要工作$|重点工作(?:开展|完成|推进)?情况"
)
SHORTCOMINGS = re.compile(
    r"存在的?(?:主要)?(?:问题|不足|短板|差距|困难)|(?:问题|困难|差距|短板)(?:和|与|及|、)(?:不足|原因|差距|短板|问题)"
    r"|不足(?:和|与|及|之处)|的不足|^不足|薄弱环节|问题(?:和|及|与)?原因|面临的(?:问题|困难|挑战)"
)
LEADERS = re.compile(
    r"第一责任人|主要负责人[^。]{0,16}?(?:履行|履职|职责|责任)|履行推进法治(?:政府)?建设[^。]{0,4}?职责"
)
OTHER = re.compile(
    r"其他(?:需要|应当|需|要)?(?:报告|说明|汇报)的?(?:情况|事项|问题)?|其他(?:有关)?(?:情况|事项)$|^其他$"
)


@dataclass
class Heading:
    level: int  # 1 "一、", 2 "(一)", 3 "1.", 0 a short line of its own
    title: str
    start: int  # offset of the heading line in the text
    end: int
    labels: set[str] = field(default_factory=set)
    run_in: bool = False  # the paragraph goes on after the title ("3.压实责任。严格落实…")


@dataclass
class Sections:
    present: dict[str, bool]
    headings: list[Heading]
    # Where each statutory section runs in the text (start, end); the plan span keeps targets out of figures.
    spans: dict[str, list[tuple[int, int]]]

    def heading_for(self, key: str) -> Heading | None:
        for h in self.headings:
            if key in h.labels:
                return h
        return None

    def in_section(self, key: str, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.spans.get(key, ()))


def find_headings(text: str) -> list[Heading]:
    headings = []
    pos = 0
    for para in text.split("\n\n"):
        start = text.find(para, pos)
        pos = start + len(para)
        line = para.strip()
        if not line or "\t" in line:
            continue  # a table row is not a heading
        level, rest = 0, line
        for lvl, pattern in _MARKERS:
            m = pattern.match(line)
            if m:
                level, rest = lvl, line[m.end() :]
                break
        run_in = False
        if level:
            title, _, body = rest.partition("。")
            run_in = bool(body.strip())
            if len(title) > 90:
                continue
        else:
            # A short line of its own with no sentence punctuation: "存在的不足" as a bare heading.
            if len(line) > 30 or re.search(r"[。,;:!?]", line) or re.search(r"关于|报告$|通知$|文件$", line):
                continue
            title = line
        headings.append(Heading(level, title.strip(), start, start + len(line), run_in=run_in))
    return headings


def _classify(title: str, report_year: int | None) -> set[str]:
    labels: set[str] = set()
    years = [int(y) for y in _YEAR.findall(title)]
    later_year = bool(report_year and any(y > report_year for y in years))
    if LEADERS.search(title):
        labels.add("leaders_first_responsibility")
    if SHORTCOMINGS.search(title):
        labels.add("shortcomings_and_causes")
    if OTHER.search(title):
        labels.add("other_matters")
    if PLAN.search(title) or (later_year and PLAN_WORDS.search(title)):
        labels.add("next_year_plan")
    elif not labels and not later_year and MEASURES.search(title):
        labels.add("measures_and_results")
    return labels


# A sub-heading that names the statutory matter itself — the leaders as subject, "履行…第一责任人职责(情况)" —
# is the matter's heading even when its text runs on after it; an action point ("压实/落实第一责任人职责") is not.
LEADERS_REPORTED = re.compile(
    r"主要负责(?:人|同志)[^,。]{0,6}?履行[^,。]{0,16}?第一责任人(?:职责|责任)(?:的)?(?:情况)?$"
)

# A top-level heading on performing the duty, and the section's first sentence on the leaders' first
# responsibility: "一、切实履行法治政府建设职责" / "党政主要负责人切实履行推进法治建设第一责任人责任，…".
PERFORMING_DUTY = re.compile(r"履行[^,。]{0,16}?(?:职责|责任)")
LEADERS_OPENING = re.compile(
    r"(?:主要负责(?:人|同志)|主要领导|一把手)[^。]{0,40}?第一责任人|第一责任人[^。]{0,20}?(?:主要负责|主要领导)"
)


def _opens_with_first_responsibility(text: str, headings: list[Heading], i: int) -> bool:
    h = headings[i]
    if not PERFORMING_DUTY.search(h.title):
        return False
    end = headings[i + 1].start if i + 1 < len(headings) else len(text)
    body = text[h.start : end]
    title_at = body.find(h.title)
    body = body[title_at + len(h.title) if title_at >= 0 else 0 :].lstrip("。 \n")
    first_sentence = body.split("。", 1)[0]
    return bool(LEADERS_OPENING.search(first_sentence))


def detect_sections(text: str, report_year: int | None = None, *, is_report: bool = True) -> Sections:
    headings = find_headings(text)
    marked = [h.level for h in headings if h.level]
    top = min(marked) if marked else 0
    tops = [h for h in headings if h.level == top or (h.level == 0 and top != 0)]
    for i, h in enumerate(headings):
        if h.level in (top, 0):
            h.labels = _classify(h.title, report_year)
            if not h.labels and h.level == top and _opens_with_first_responsibility(text, headings, i):
                h.labels = {"leaders_first_responsibility"}
        elif LEADERS.search(h.title) and (not h.run_in or LEADERS_REPORTED.search(h.title)):
            h.labels = {"leaders_first_responsibility"}

    # Spans of the top-level sections.
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in SECTION_KEYS}
    top_headings = [h for h in tops if h.level == top]
    for i, h in enumerate(top_headings):
        end = top_headings[i + 1].start if i + 1 < len(top_headings) else len(text)
        for label in h.labels:
            spans[label].append((h.start, end))
    for h in headings:
        if h.level == 0 and h.labels:
            nxt = next((t.start for t in top_headings if t.start > h.start), len(text))
            for label in h.labels:
                spans[label].append((h.start, nxt))

    def inside(key: str, offset: int) -> bool:
        return any(a <= offset < b for a, b in spans[key])

    present = {k: False for k in SECTION_KEYS}
    for h in headings:
        for label in h.labels:
            if label == "leaders_first_responsibility" and h.level not in (top, 0):
                if inside("next_year_plan", h.start) or inside("shortcomings_and_causes", h.start):
                    continue
                spans[label].append((h.start, h.end))
            present[label] = True

    if not present["measures_and_results"] and is_report:
        # Reports that open straight with topical headings ("一、强化组织领导……") report measures under them.
        # The leaders' section may come first ("一、切实履行法治政府建设职责"); the measures follow it.
        first_other = min(
            (
                h.start
                for h in headings
                if h.labels - {"measures_and_results", "leaders_first_responsibility"} and h.level in (top, 0)
            ),
            default=len(text),
        )
        topical = [h for h in top_headings if not h.labels and h.start < first_other]
        if topical:
            present["measures_and_results"] = True
            spans["measures_and_results"].append((topical[0].start, first_other))
    return Sections(present, headings, spans)
