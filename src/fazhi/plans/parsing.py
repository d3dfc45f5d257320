"""Reading a published work plan (工作要点, 工作安排, 实施方案) into its parts, tasks, units, deadlines and targets.

Pure text processing: no database. `parse_plan(text, year=…)` returns a `ParsedPlan`; `read_text(data, name)`
turns an uploaded .docx/.pdf/.txt into text. Unit names are resolved to orgs and targets linked to catalog
indicators by the services (`services.resolve_units`, `linking.link_target`), which know the org tree and the
catalog.

The shapes handled are those of the published plans: parts headed 一、二、…; tasks numbered 1. 2. … (or, in plans
without arabic numbers, （一）（二）…; numbered tasks grouped under （一）（二） headings, also when the numbering
starts again under each: （一）1. 2. 3.（二）1. 2.); units named in the task or on a line after it (牵头单位：…；责任单位：…, or
in brackets at the end of the task); deadlines (2024年底前, 6月底前, 2024年6月30日前, 上半年); recurrences (每年, 每季
度, 每半年, 每月); quantitative targets (不低于90%, 低于30%, 达到90%以上, 至少1次, 至少举办2次以上, 不少于5次) and
comparative ones (纠错率高于本地区同期行政诉讼一审纠错率)."""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

CN_DIGITS = "一二三四五六七八九十"
PLAN_WORDS = ("工作要点", "工作安排", "实施方案", "工作计划", "任务清单", "重点任务", "责任分工")

# A part heading: 一、进一步加强党的领导…  (a short line, no sentence-ending stop inside)
PART_RE = re.compile(rf"^([{CN_DIGITS}]{{1,3}})、\s*(.+)$")
# A task: 1. / 1． / 1、 / （1）  or, when a plan has no arabic numbers, （一）
# (a digit right after the dot is a decimal, 1.5倍, unless it starts a date: 2.6月底前, 3.2025年底前)
ARABIC_TASK_RE = re.compile(r"^(\d{1,3})\s*[.．、](?!\d(?!\d{0,3}[年月]))\s*(.*)$")
BRACKET_TASK_RE = re.compile(rf"^[（(]([{CN_DIGITS}]{{1,3}})[）)]\s*(.*)$")
# Where the plan's body ends: the 公文 footer.
FOOTER_RE = re.compile(
    r"^(是否宜公开|抄送[:：]|（此件公开发布）|\(此件公开发布\)|附件[:：]|主动公开|.{0,20}印发$)"
)
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*\d{1,4}\s*号")
DATE_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
ISSUER_RE = re.compile(r"^(.{2,40}?)(?:文件|办公室文件)$")
UNITS_RE = re.compile(r"(牵头单位|责任单位|配合单位|责任部门|牵头部门|配合部门)\s*[:：]\s*([^；;）)\n]+)")
UNIT_SPLIT_RE = re.compile(r"[、，,；;]|\s{2,}")

_CN_NUM = {c: i + 1 for i, c in enumerate(CN_DIGITS)}


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_NUM.get(tens, 1) if tens else 1) * 10 + (_CN_NUM.get(ones, 0) if ones else 0)
    return _CN_NUM.get(text, 0)


@dataclass
class ParsedTarget:
    text: str  # the clause that states it
    op: str  # ">=", ">", "<=", "<", "=" or "cmp" (compared with another figure)
    value: Decimal | None
    unit: str  # "%", "次", "场", "个" … or ""
    indicator: str | None = None  # catalog key, linked by linking.link_target


@dataclass
class ParsedTask:
    number: int  # the task's place in the plan, 1, 2, 3 … (also where the plan restarts its numbering)
    part: int  # the part's number (一 = 1); 0 when the plan has no parts
    title: str
    text: str
    label: str = ""  # the number as printed where it restarts under each （一）（二）: "（二）3"
    lead_units: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    deadline: date | None = None
    recurrence: str = ""  # "" | "yearly" | "halfyearly" | "quarterly" | "monthly"
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str
    issuer: str
    doc_number: str
    issued_on: date | None
    year: int | None
    parts: list[tuple[int, str]]
    tasks: list[ParsedTask]

    def as_json(self) -> dict:
        """The shape `fazhi plans import --json` prints (dates as YYYY-MM-DD, values as numbers)."""
        parts = dict(self.parts)

        def target(t: ParsedTarget) -> dict:
            v = t.value
            return {
                "text": t.text,
                "indicator": t.indicator,
                "op": t.op,
                "value": None if v is None else (int(v) if v == v.to_integral_value() else float(v)),
                "unit": t.unit,
            }

        return {
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "year": self.year,
            "parts": len(self.parts),
            "tasks": [
                {
                    **{k: v for k, v in asdict(t).items() if k not in ("targets", "deadline")},
                    "part_title": parts.get(t.part, ""),
                    "deadline": t.deadline.isoformat() if t.deadline else None,
                    "targets": [target(x) for x in t.targets],
                }
                for t in self.tasks
            ],
        }


class NotAPlan(ValueError):
    """The text has no numbered tasks: it is not a work plan."""


# -- reading files --------------------------------------------------------------------------------------------


MAX_BYTES = 20 * 2**20


def read_text(data: bytes, name: str) -> str:
    """The text of an uploaded plan: .docx (paragraphs and table cells), .pdf (pdfplumber), .txt (UTF-8 or
    GB18030). Raises ValueError with a Chinese message for another type or an unreadable file."""
    from fazhi.core.uploads import FileRejected, open_zip

    lower = name.lower()
    if len(data) > MAX_BYTES:
        raise ValueError(f"文件过大（超过{MAX_BYTES // 2**20}MB）")
    try:
        if lower.endswith(".docx"):
            import docx

            open_zip(data).close()  # inspected before python-docx unpacks it (core.uploads)
            doc = docx.Document(io.BytesIO(data))
            lines = [p.text for p in doc.paragraphs]
            for table in doc.tables:
                for row in table.rows:
                    lines.append("  ".join(c.text for c in row.cells))
            return "\n".join(lines)
        if lower.endswith(".pdf"):
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
        if lower.endswith((".txt", ".text")):
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
            raise ValueError("文本文件编码无法识别（应为 UTF-8 或 GB18030）")
    except FileRejected as exc:
        raise ValueError(str(exc)) from exc
    except ValueError:
        raise
    except Exception as exc:  # a damaged file: python-docx/pdfplumber raise many kinds
        raise ValueError(
            f"文件无法读取（{type(exc).__name__}），请确认是完整的 Word（.docx）或 PDF 文件"
        ) from exc
    raise ValueError("只能导入 Word（.docx）、PDF（.pdf）或文本（.txt）格式的工作要点")


# -- the text -------------------------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    """Spaces a PDF puts between Chinese characters and digits removed ("2024 年" → "2024年")."""
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(
        r"(?<=[\u4e00-\u9fa5\d%，。、；：“”（）])\s+(?=[\u4e00-\u9fa5\d%，。、；：“”（）])", "", text
    )
    return text.strip()


def _lines(text: str) -> list[str]:
    return [s for s in (_squeeze(x) for x in text.replace("\r", "\n").split("\n")) if s]


def _is_part(line: str) -> re.Match | None:
    m = PART_RE.match(line)
    # a heading, not a sentence that happens to start with 一、: short, no full stop inside
    if m and len(line) <= 60 and "。" not in line.rstrip("。"):
        return m
    return None


def parse_plan(text: str, *, year: int | None = None) -> ParsedPlan:
    """The plan in `text`. Raises NotAPlan when no numbered task is found."""
    lines = _lines(text)
    header = _header(lines, year)
    # The body starts after the plan's own title line (the notice before it is not part of the plan).
    start = 0
    for i, line in enumerate(lines):
        if line == header["title"]:
            start = i + 1
    body = []
    for line in lines[start:]:
        if FOOTER_RE.match(line) and body:
            break
        body.append(line)
    use_arabic = any(ARABIC_TASK_RE.match(x) for x in body)
    task_re = ARABIC_TASK_RE if use_arabic else BRACKET_TASK_RE
    # Plans that group numbered tasks under （一）（二） headings, often numbering again from 1 under each: the
    # headings are sections (parts, when the plan has no 一、 parts), the tasks are counted through the plan
    # and keep their printed number as a label.
    has_parts = any(_is_part(x) for x in body)
    restarts = use_arabic and _restarts_under_sections(body)

    parts: list[tuple[int, str]] = []
    raw: list[tuple[int, int, list[str], str]] = []  # (number, part, lines, label)
    section = ""
    printed = 0  # the last printed number in the current section
    for line in body:
        if m := _is_part(line):
            parts.append((cn_number(m.group(1)), m.group(2).strip()))
            printed = 0 if restarts else printed
            continue
        if restarts and (m := _is_section(line)):
            section, printed = f"（{m.group(1)}）", 0
            if not has_parts:
                parts.append((cn_number(m.group(1)), m.group(2).strip()))
            continue
        if restarts and (m := ARABIC_TASK_RE.match(line)) and int(m.group(1)) == printed + 1:
            printed = int(m.group(1))
            raw.append((len(raw) + 1, parts[-1][0] if parts else 0, [m.group(2)], f"{section}{printed}"))
            continue
        if (
            not restarts
            and (m := task_re.match(line))
            and not (use_arabic and _continues_sentence(raw, line))
        ):
            n = int(m.group(1)) if use_arabic else cn_number(m.group(1))
            raw.append((n, parts[-1][0] if parts else 0, [m.group(2)], ""))
            continue
        if raw:
            raw[-1][2].append(line)
    if not raw:
        raise NotAPlan("未识别到编号的工作任务（如“1.”“（一）”），该文件不像是工作要点，未导入任何内容")
    plan_year = header["year"]
    tasks = [_task(n, part, chunk, plan_year, label) for n, part, chunk, label in raw]
    return ParsedPlan(
        title=header["title"],
        issuer=header["issuer"],
        doc_number=header["doc_number"],
        issued_on=header["issued_on"],
        year=plan_year,
        parts=parts,
        tasks=tasks,
    )


def _is_section(line: str) -> re.Match | None:
    """A （一） heading over numbered tasks: short, no full stop inside (not a （一） sentence of a task)."""
    m = BRACKET_TASK_RE.match(line)
    if m and len(line) <= 60 and "。" not in line.rstrip("。"):
        return m
    return None


def _restarts_under_sections(body: list[str]) -> bool:
    """Whether the numbered tasks start again from 1 under a （一）（二） heading (（一）1. 2. 3.（二）1. 2.)."""
    seen_task = after_section = False
    for line in body:
        if _is_section(line):
            after_section = True
        elif m := ARABIC_TASK_RE.match(line):
            if int(m.group(1)) == 1 and seen_task and after_section:
                return True
            seen_task, after_section = True, False
    return False


def _continues_sentence(raw: list, line: str) -> bool:
    """A line like "2024年年底前基本建成…" inside a task is not task 2024: a task number follows the previous one."""
    m = ARABIC_TASK_RE.match(line)
    if not m or not raw:
        return False
    return int(m.group(1)) != raw[-1][0] + 1


def _header(lines: list[str], year: int | None) -> dict:
    issuer = doc_number = ""
    issued_on: date | None = None
    title = ""
    for line in lines[:40]:
        if not issuer and (m := ISSUER_RE.match(line)):
            issuer = m.group(1) + ("办公室" if line.endswith("办公室文件") else "")
        if not doc_number and (m := DOC_NUMBER_RE.search(line)) and len(line) <= 30:
            doc_number = re.sub(r"\s+", "", m.group(0))
        if not issued_on and (m := DATE_RE.match(line)):
            issued_on = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # The plan's own title: a short line ending with a plan word; prefer one that is not the notice
    # (关于印发…的通知) and not a heading of the body.
    for line in lines[:60]:
        if len(line) <= 50 and line.endswith(PLAN_WORDS) and not line.startswith("关于"):
            title = line.strip("《》")
            break
    if not title:
        for line in lines[:60]:
            if "关于印发" in line and line.endswith("的通知"):
                title = line.split("关于印发", 1)[1].removesuffix("的通知").strip("《》")
                break
    if not title and lines:
        title = lines[0][:100]
    if year is None:
        m = re.search(r"(20\d{2})年", title)
        year = int(m.group(1)) if m else (issued_on.year if issued_on else None)
    return {"issuer": issuer, "doc_number": doc_number, "issued_on": issued_on, "title": title, "year": year}


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


# -- one task -------------------------------------------------------------------------------------------------


def _task(number: int, part: int, chunk: list[str], year: int | None, label: str = "") -> ParsedTask:
    # PDF lines break inside sentences: join them without spaces (Chinese text has none).
    text = "".join(chunk).strip()
    leads: list[str] = []
    units: list[str] = []
    for m in UNITS_RE.finditer(text):
        names = [_unit_name(n) for n in UNIT_SPLIT_RE.split(m.group(2))]
        names = [n for n in names if n]
        (leads if m.group(1).startswith("牵头") else units).extend(names)
    # The unit clause (in brackets at the end or on its own line) is not part of the task's wording.
    body = re.sub(
        r"[（(]?\s*(牵头单位|责任单位|配合单位|责任部门|牵头部门|配合部门)\s*[:：][^）)]*[）)]?", "", text
    )
    body = body.strip().rstrip("；;")
    title, rest = _title(body)
    deadline, recurrence = deadline_of(body, year)
    return ParsedTask(
        number=number,
        part=part,
        title=title,
        label=label,
        text=body if not rest else body,
        lead_units=_unique(leads),
        units=_unique(u for u in units if u not in leads),
        deadline=deadline,
        recurrence=recurrence,
        targets=targets_of(body),
    )


def _unit_name(text: str) -> str:
    """A unit as named in a unit clause, without the words around it (按职责分工分别负责, 等)."""
    name = re.sub(r"(按职责分工)?(分别)?负责$|按职责分工.*$|等$", "", text.strip(" 。.（）()"))
    return name.strip(" 。.（）()")


def _unique(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _title(body: str) -> tuple[str, str]:
    """A task's title: its first sentence when short (1. 坚持党对法治政府建设的集中统一领导。…), else the first
    clause cut at 40 characters."""
    m = re.match(r"^(.{2,40}?)[。]", body)
    if m:
        return m.group(1), body[m.end() :]
    first = re.split(r"[，；。]", body, maxsplit=1)[0]
    return first[:40], body


_DEADLINE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)?(?:前|之前|以前)"), "ym"),
    (re.compile(r"(\d{4})年(?:年)?(?:底|末)(?:前|之前|以前)?"), "y"),
    (re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日(?:前|之前|以前)"), "md"),
    (re.compile(r"(?<![\d年])(\d{1,2})月(?:底|末)(?:前|之前|以前)?"), "m"),
    (re.compile(r"(?<![\d])年(?:底|末)(?:前|之前|以前)"), "ye"),
    (re.compile(r"上半年"), "h1"),
    (re.compile(r"(?:第([一二三四])季度|([一二三四])季度)(?:末|底)?(?:前|之前)"), "q"),
]
_RECURRENCES = [("每季度", "quarterly"), ("每半年", "halfyearly"), ("每月", "monthly"), ("每年", "yearly")]


def deadline_of(text: str, year: int | None) -> tuple[date | None, str]:
    """The latest deadline the task's text states (the task is done when its last step is), and its recurrence.
    2024年底前 → 2024-12-31; 6月底前 → the plan year's 30 June; 上半年 → 30 June; 每年/每季度 → recurrence."""
    found: list[date] = []
    for pattern, kind in _DEADLINE_PATTERNS:
        for m in pattern.finditer(text):
            d: date | None = None
            g = m.groups()
            if kind == "ymd":
                d = _date(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "ym":
                d = _month_end(int(g[0]), int(g[1]))
            elif kind == "y":
                d = date(int(g[0]), 12, 31)
            elif year and kind == "md":
                d = _date(year, int(g[0]), int(g[1]))
            elif year and kind == "m":
                d = _month_end(year, int(g[0]))
            elif year and kind == "ye":
                d = date(year, 12, 31)
            elif year and kind == "h1":
                d = date(year, 6, 30)
            elif year and kind == "q":
                d = _month_end(year, 3 * cn_number(g[0] or g[1]))
            if d:
                found.append(d)
    recurrence = next((r for word, r in _RECURRENCES if word in text), "")
    return (max(found) if found else None), recurrence


# -- quantitative targets -------------------------------------------------------------------------------------

NUM = r"(\d+(?:\.\d+)?)"
UNITS = r"(%|％|个百分点|学时|小时|次|场|期|件|个|人次|人|家|项|篇|条)?"
_TARGET_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"(?:不低于|不少于|不得低于|不得少于)\s*{NUM}\s*{UNITS}"), ">="),
    (re.compile(rf"达到\s*{NUM}\s*{UNITS}\s*以上"), ">="),
    (re.compile(rf"至少\s*(?:举办|开展|组织|召开|发布|进行|安排)?\s*{NUM}\s*{UNITS}(?:以上)?"), ">="),
    (re.compile(rf"(?:不高于|不超过|不得高于|不得超过|控制在)\s*{NUM}\s*{UNITS}(?:以内|以下)?"), "<="),
    (re.compile(rf"(?<!不)(?<!不得)低于\s*{NUM}\s*{UNITS}"), "<"),
    (re.compile(rf"(?<!不)(?<!不得)高于\s*{NUM}\s*{UNITS}"), ">"),
    (re.compile(rf"每(?:年|季度|半年)\s*(?:举办|开展|组织|召开|发布|进行)?\s*{NUM}\s*{UNITS}"), ">="),
    (re.compile(rf"(?:达到|实现)\s*{NUM}\s*(%|％)"), ">="),
    (re.compile(rf"{NUM}\s*(%|％)\s*以上"), ">="),
]
# Compared with another figure: 高于本地区同期…, 低于上年, 不低于全省平均水平
_CMP_RE = re.compile(r"(?:不低于|不高于|高于|低于|超过)(?:本地区|全省|全市|全国|同期|上年|上一年|去年|平均)")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[，。；;]", text) if c.strip()]


def targets_of(text: str) -> list[ParsedTarget]:
    """The quantitative targets of a task, one per clause that states one (the first pattern that matches in
    the clause wins, so 至少举办2次以上 is one target)."""
    out: list[ParsedTarget] = []
    previous = ""
    for clause in _clauses(text):
        # "经行政复议后被提起的行政诉讼案件中，行政机关败诉率低于10%": the clause before names what is measured.
        subject, previous = previous, clause
        if subject.endswith("中"):
            clause = f"{subject}，{clause}"
        if _CMP_RE.search(clause) and not re.search(r"\d", clause):
            out.append(ParsedTarget(text=clause, op="cmp", value=None, unit=""))
            continue
        for pattern, op in _TARGET_PATTERNS:
            m = pattern.search(clause)
            if m:
                unit = (m.group(2) or "").replace("％", "%")
                out.append(ParsedTarget(text=clause, op=op, value=Decimal(m.group(1)), unit=unit))
                break
    return out
