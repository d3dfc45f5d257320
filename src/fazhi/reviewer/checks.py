"""Consistency findings, each with the words it rests on.

- rate_mismatch: a rate that is not its count over any stated base (纠错率 ≠ 纠错数/审结数 and ≠ 纠错数/新收数);
- count_exceeds_total: a part larger than its whole (纠错数 > 审结数, 审结数 > 新收数 + 上年结转, "其中" larger
  than the total it breaks down);
- missing_figure: a figure the core set (EXPECTED) or the plan (工作要点) asks for that the report does not state,
  among the reviewed keys (figures.REVIEWED_KEYS) only;
- below_target: a figure that misses the plan's target;
- not_annual_report: the document is not an annual report (a plan, a notice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import CUMULATIVE, REVIEWED_KEYS, SENTENCE_END, Figure, active_rules, catalog
from .numbers import Quantity, find_quantities


@dataclass
class Finding:
    kind: str
    message: str
    evidence: str = ""
    key: str | None = None
    start: int | None = None  # evidence span in the normalised text, when it comes from the report
    end: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "evidence": self.evidence}


# rate → (its count, the bases it may be taken over, in order of preference)
RATE_BASES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "reconsideration.correction_rate": (
        "reconsideration.corrected",
        ("reconsideration.concluded", "reconsideration.received"),
    ),
    "reconsideration.mediation_rate": (
        "reconsideration.mediated",
        ("reconsideration.concluded", "reconsideration.received"),
    ),
    "reconsideration.settled_rate": (None, ("reconsideration.concluded", "reconsideration.received")),
    "mediation.success_rate": ("mediation.resolved", ("mediation.disputes",)),
}
# part → the totals it cannot exceed (the first stated one is used)
PART_OF: dict[str, tuple[str, ...]] = {
    "reconsideration.corrected": ("reconsideration.concluded", "reconsideration.received"),
    "reconsideration.mediated": ("reconsideration.concluded", "reconsideration.received"),
    "reconsideration.concluded": ("reconsideration.received",),
    "mediation.resolved": ("mediation.disputes",),
    "hotline.closed": ("hotline.received",),
}
# The figures every annual report is expected to carry: the two statutory measures of how a government
# answers for its acts (行政复议法; 行政诉讼法 第三条第三款 on 负责人出庭应诉) and the caseload behind the first.
EXPECTED: dict[str, str] = {
    "reconsideration.received": r"行政复议|复议",
    "reconsideration.correction_rate": r"行政复议|复议",
    "litigation.head_appearance_rate": r"出庭应诉|行政应诉|应诉",
}
# What the count behind a 案结事了率 says of its cases.
NUMERATOR_WORDS = re.compile(r"未再?(?:提起|起诉|申请|进入)|息诉|服判|案结事了|未引发")
CARRY_OVER = re.compile(r"结转|上年|旧存|往年")


def _label(key: str) -> str:
    return catalog().get(key, {}).get("zh", key)


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}".rstrip("0").rstrip(".")


def _decimals(text: str, fig: Figure) -> int:
    raw = text[fig.number_start : fig.number_end]
    m = re.search(r"\.(\d+)", raw)
    return len(m.group(1)) if m else 0


def _tolerance(text: str, rate: Figure) -> float:
    # Half a unit of the last stated digit, plus a little for rounding twice (15.76 → 15.8).
    tol = 0.5 * 10 ** (-_decimals(text, rate)) + 0.06
    return tol + (0.5 if rate.approx else 0.0)


def _span(text: str, *figures: Figure) -> tuple[str, int, int]:
    """The words that show the figures together, if they stand close; else those of the last one."""
    start = min(f.start for f in figures)
    end = max(f.end for f in figures)
    last = figures[-1]
    if end - start <= 160 and "\n" not in text[start:end]:
        return text[start:end], start, end
    return last.evidence, last.start, last.end


def check_rates(text: str, figures: dict[str, Figure]) -> list[Finding]:
    out = []
    quantities = None
    for rate_key, (num_key, base_keys) in RATE_BASES.items():
        rate = figures.get(rate_key)
        bases = [figures[k] for k in base_keys if k in figures]
        if rate is None or not bases:
            continue
        num = figures.get(num_key) if num_key else None
        if num is None and num_key is None:
            # A rate without a catalog count: its count is the number stated right before it.
            quantities = quantities if quantities is not None else find_quantities(text)
            num = _count_before(text, rate, quantities, exclude={f.number_start for f in figures.values()})
        if num is None:
            continue
        tol = _tolerance(text, rate)
        tried = []
        ok = False
        for base in bases:
            if base.value <= 0:
                continue
            computed = num.value / base.value * 100
            tried.append((base, computed))
            # "约3万件" is 2.5万 to 3.5万: a rate from rounded counts is as uncertain as they are.
            spread = computed * (_rounding(text, num) + _rounding(text, base))
            if abs(computed - rate.value) <= tol + spread:
                ok = True
                break
        if ok or not tried:
            continue
        parts = "，".join(f"{_fmt(num.value)}÷{_fmt(b.value)}（{_label(b.key)}）={c:.1f}%" for b, c in tried)
        needed = num.value / rate.value * 100 if rate.value else 0
        evidence, s, e = _span(text, num, rate)
        out.append(
            Finding(
                "rate_mismatch",
                f"{_label(rate_key)}{_fmt(rate.value)}%与所述件数不符：{parts}，均不等于{_fmt(rate.value)}%"
                + (f"（按此比率，基数应约为{needed:.0f}件）" if needed else ""),
                evidence,
                rate_key,
                s,
                e,
            )
        )
    return out


def _rounding(text: str, fig: Figure) -> float:
    """The relative rounding of a rounded count ("约3万" → 0.5/3, "22.4万" → 0.05/22.4), 0 for an exact one."""
    stated = text[fig.number_start : fig.number_end]
    before = text[max(0, fig.number_start - 1) : fig.number_start]
    if not (fig.approx or re.search(r"[万亿]", stated) or before in {"约", "近"}):
        return 0.0
    m = re.search(r"\d+(?:\.\d+)?", stated)
    if m is None:
        return 0.0
    digits = m.group(0)
    if "." in digits:
        unit = 10.0 ** -len(digits.split(".")[1])
    else:
        unit = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    return 0.5 * unit / float(digits) if float(digits) else 0.0


def _count_before(text: str, rate: Figure, quantities: list[Quantity], exclude: set[int]) -> Figure | None:
    sent_start = _sentence_start(text, rate.number_start)
    before = [q for q in quantities if sent_start <= q.start < rate.start and q.kind == "count"]
    if not before or before[-1].start in exclude:
        return None
    q = before[-1]
    # The words of that count: from the clause it stands in.
    cstart = (
        max(text.rfind(",", sent_start, q.start), text.rfind(";", sent_start, q.start), sent_start - 1) + 1
    )
    # Only a count that says what the rate measures ("768件…未再提起行政诉讼, 案结事了率86.1%").
    if not NUMERATOR_WORDS.search(text[cstart : rate.start]):
        return None
    return Figure("", q.value, q.unit, text[cstart : q.end], cstart, q.end, q.start, q.end, q.approx)


def check_totals(text: str, figures: dict[str, Figure]) -> list[Finding]:
    out = []
    for part_key, whole_keys in PART_OF.items():
        part = figures.get(part_key)
        whole = next((figures[k] for k in whole_keys if k in figures), None)
        if part is None or whole is None or part.value <= whole.value:
            continue
        allowance = 0.0
        if part_key == "reconsideration.concluded":
            # Cases carried over from last year may be concluded this year (行政复议 审结 ⊇ 上年结转).
            carry = _carry_over(text, part, whole)
            if carry is None:
                continue  # stated as "含结转" without the number: cannot be checked
            allowance = carry
            if part.value <= whole.value + allowance:
                continue
        evidence, s, e = _span(text, whole, part) if whole.start < part.start else _span(text, part, whole)
        extra = f"（另有上年结转{_fmt(allowance)}件）" if allowance else ""
        out.append(
            Finding(
                "count_exceeds_total",
                f"{_label(part_key)}{_fmt(part.value)}大于{_label(whole.key)}{_fmt(whole.value)}{extra}",
                evidence,
                part_key,
                s,
                e,
            )
        )
    out.extend(_check_breakdowns(text))
    return out


def _carry_over(text: str, concluded: Figure, received: Figure) -> float | None:
    """0 when nothing is said about carried-over cases, their number when stated, None when only mentioned."""
    lo = min(concluded.start, received.start)
    hi = max(concluded.end, received.end)
    lo = _sentence_start(text, lo)
    window = text[lo : hi + 20]
    if not CARRY_OVER.search(window):
        return 0.0
    for q in find_quantities(window):
        before = window[max(0, q.start - 8) : q.start]
        if q.kind == "count" and CARRY_OVER.search(before):
            return q.value
    return None


_BREAKDOWN = re.compile(r"其中")


def _check_breakdowns(text: str) -> list[Finding]:
    """ "共N件, 其中…M件" with M > N and the same unit."""
    out = []
    quantities = [q for q in find_quantities(text) if q.kind in {"count", "people"}]
    for prev, q in zip(quantities, quantities[1:], strict=False):
        between = text[prev.end : q.start]
        if not _BREAKDOWN.search(between) or SENTENCE_END.search(between) or len(between) > 40:
            continue
        if q.unit != prev.unit or q.value <= prev.value:
            continue
        if re.search(r"\d", between) or CUMULATIVE.search(between) or re.search(r"累计|历年|以来", between):
            continue
        floor = max(0, prev.start - 200)
        start = max(text.rfind(c, floor, prev.start) for c in ",。\n") + 1 or floor
        out.append(
            Finding(
                "count_exceeds_total",
                f"分项数{_fmt(q.value)}{q.unit}大于其所属的总数{_fmt(prev.value)}{prev.unit}",
                text[start : q.end],
                None,
                start,
                q.end,
            )
        )
    return out


@dataclass
class Expectation:
    key: str
    evidence: str  # the plan's words
    op: str | None = None  # ">=" or "<="
    target: float | None = None


_AT_LEAST = r"不低于|不少于|达到|保持|高于|超过|在"
_AT_MOST = r"不高于|不超过|低于|控制在"


def plan_expectations(plan_text: str) -> list[Expectation]:
    """What a plan (工作要点) asks the year's report to show: the catalog figures it names, with targets."""
    out: dict[str, Expectation] = {}
    for rule in active_rules():
        if rule.forward or rule.topics is not None:
            continue
        for m in re.finditer(rule.keyword, plan_text):
            tail = plan_text[m.end() : m.end() + 16]
            sent = _sentence_of(plan_text, m.start())
            t = re.match(
                rf"^[^,;。\d]{{0,4}}?(?P<op>{_AT_LEAST}|{_AT_MOST})\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>%|件)?",
                tail,
            )
            if t and rule.kind == "percent" and t.group("u") != "%":
                t = None
            exp = Expectation(rule.key, sent)
            if t:
                exp.op = "<=" if re.fullmatch(_AT_MOST, t.group("op")) else ">="
                exp.target = float(t.group("n"))
            if rule.key not in out or (exp.target is not None and out[rule.key].target is None):
                out[rule.key] = exp
    return list(out.values())


def _sentence_start(text: str, pos: int, limit: int = 400) -> int:
    """Where the sentence holding `pos` starts, looking back at most `limit` characters."""
    floor = max(0, pos - limit)
    return max((m.end() for m in SENTENCE_END.finditer(text, floor, pos)), default=floor)


def _sentence_end(text: str, pos: int, limit: int = 400) -> int:
    m = SENTENCE_END.search(text, pos, pos + limit)
    return m.start() if m else min(len(text), pos + limit)


def _sentence_of(text: str, pos: int) -> str:
    return text[_sentence_start(text, pos) : _sentence_end(text, pos)].strip()


def check_missing(
    text: str, figures: dict[str, Figure], expectations: list[Expectation] = (), measures_span=None
) -> list[Finding]:
    out = []
    # Only the reviewed keys are the reviewer's to ask for, whatever else a caller's expectations name.
    expectations = [e for e in expectations if e.key in REVIEWED_KEYS]
    for key, topic in EXPECTED.items():
        if key in figures or any(e.key == key for e in expectations):
            continue
        evidence, s, e = _first_mention(text, topic, measures_span)
        said = "报告提及相关工作，但" if evidence else "报告"
        out.append(Finding("missing_figure", f"{said}未载明{_label(key)}", evidence, key, s, e))
    for exp in expectations:
        fig = figures.get(exp.key)
        if fig is None:
            out.append(
                Finding(
                    "missing_figure",
                    f"工作要点提出了{_label(exp.key)}，报告未载明该数字",
                    exp.evidence,
                    exp.key,
                )
            )
        elif exp.target is not None and (
            (exp.op == ">=" and fig.value < exp.target) or (exp.op == "<=" and fig.value > exp.target)
        ):
            word = "不低于" if exp.op == ">=" else "不高于"
            unit = "%" if fig.unit == "%" else fig.unit
            out.append(
                Finding(
                    "below_target",
                    f"{_label(exp.key)}{_fmt(fig.value)}{unit}未达到工作要点“{word}{_fmt(exp.target)}{unit}”的要求",
                    fig.evidence,
                    exp.key,
                    fig.start,
                    fig.end,
                )
            )
    return out


def _first_mention(text: str, topic: str, span) -> tuple[str, int | None, int | None]:
    lo, hi = span if span else (0, len(text))
    mentions = [lo + m.start() for m in re.finditer(topic, text[lo:hi])]
    if not mentions:
        return "", None, None
    # Prefer a sentence that gives numbers about the matter: it shows what the report chose to state.
    pos = mentions[0]
    for p in mentions:
        if re.search(r"\d", _sentence_of(text, p)):
            pos = p
            break
    start, end = _sentence_start(text, pos), _sentence_end(text, pos)
    if end - start > 200:  # quote the clause, not a whole paragraph
        start = max(start, pos - 60)
        end = min(end, pos + 100)
    return text[start:end].strip(), start, end
