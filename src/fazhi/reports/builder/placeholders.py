"""Live figures in report text: `{{ reconsideration.correction_rate }}` placeholders.

A placeholder names an indicator of the catalog (fazhi/indicators/catalog.yaml), optionally one of a rate's
two counts: `{{ key.numerator }}` / `{{ key.denominator }}`, so a rate can print the counts it is computed from
beside it ("审结184件，纠错29件，纠错率15.8%"). Figures are computed by the one indicator engine
(`fazhi.indicators.registry.compute`) for the report's org and year and render with their unit ("206件",
"15.8%"). A figure the engine has no data for renders as 【无数据：行政复议纠错率】 — never as 0 — and a
placeholder naming no catalog indicator is an error that names it.

Every rendered figure keeps its provenance: the formula and the drill-down to the records behind it (the list
page URL of `fazhi.indicators.selectors`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch

from fazhi.indicators.registry import Period, Value, catalog, compute, registered, unit_word

PLACEHOLDER_RE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
PARTS = {"numerator": "分子", "denominator": "分母"}
#: `{{ key.yoy }}`: the change of a count over the same period a year earlier, from both years' records by the same
#: engine (same basis): "同比增长12.5%", "同比下降3.0%", "同比持平"; no data when either year has none (or last
#: year's is 0)
YOY = "yoy"
YOY_NAME = "同比"


@dataclass(frozen=True)
class Placeholder:
    raw: str  # the text as written, "{{ reconsideration.received }}"
    key: str  # catalog key
    part: str  # "value" | "numerator" | "denominator"
    start: int
    end: int

    @property
    def token(self) -> str:
        return self.key if self.part == "value" else f"{self.key}.{self.part}"


@dataclass(frozen=True)
class Figure:
    """One rendered figure with where it came from."""

    key: str
    part: str
    name: str  # Chinese name, "行政复议纠错率" or "行政复议纠错率（分母）"
    text: str  # as printed: "15.8%", "206件", or "【无数据：…】"
    value: int | Decimal | None
    missing: bool
    formula: str = ""
    drilldown: str = ""  # query string of the records behind it (Value.drilldown)
    url: str = ""  # the list page showing those records, "" when none

    @property
    def token(self) -> str:
        return self.key if self.part == "value" else f"{self.key}.{self.part}"


def display_name(key: str, part: str = "value") -> str:
    name = catalog().get(key, {}).get("zh", key)
    if part == YOY:
        return f"{name}（{YOY_NAME}）"
    return name if part == "value" else f"{name}（{PARTS[part]}）"


def missing_text(key: str, part: str = "value") -> str:
    return f"【无数据：{display_name(key, part)}】"


def _parse_token(token: str) -> tuple[str, str] | str:
    """(key, part), or the reason the token is not a figure."""
    cat = catalog()
    if token in cat:
        return token, "value"
    base, _, last = token.rpartition(".")
    if last == YOY and base in cat:
        if cat[base].get("unit") == "percent":
            return f"「{{{{ {token} }}}}」：{cat[base]['zh']}是比率，同比变化请用其分子、分母的数量"
        return base, last
    if last in PARTS and base in cat:
        if cat[base].get("unit") != "percent":
            return f"「{{{{ {token} }}}}」：{cat[base]['zh']}不是比率，没有分子、分母"
        return base, last
    return f"未知的数据字段「{{{{ {token} }}}}」"


def find(text: str) -> list[Placeholder]:
    """The placeholders of `text`, in order; a ValidationError naming every unknown one."""
    out, errors = [], []
    for m in PLACEHOLDER_RE.finditer(text or ""):
        parsed = _parse_token(m.group(1))
        if isinstance(parsed, str):
            errors.append(parsed)
            continue
        out.append(Placeholder(m.group(0), parsed[0], parsed[1], m.start(), m.end()))
    if errors:
        raise ValidationError("；".join(dict.fromkeys(errors)) + "。可用字段见“插入数据”列表（指标目录）。")
    return out


def check(text: str) -> None:
    find(text)


def format_number(value: int | Decimal) -> str:
    # Reports print counts without thousands separators ("67696 项", "37116件").
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def part_word(key: str, part: str) -> str:
    """The measure word of a rate's numerator or denominator: that of the count it is (catalog
    numerator/denominator), else 件."""
    spec = catalog().get(key, {})
    base = spec.get(part)
    word = unit_word(base) if base and base in catalog() else "件"
    return word if word not in ("%", "") else "件"


class FigureSource:
    """The figures of one org and period: computed once (all registered indicators, one engine call) and
    rendered on demand. A catalog indicator no app computes yet has no data."""

    def __init__(self, org, period: Period, values: dict[str, Value] | None = None, *, links: bool = True):
        self.org = org
        self.period = period
        self._values = values
        self.links = links
        self._urls: dict[str, str] = {}
        self._previous: FigureSource | None = None

    @classmethod
    def for_year(cls, org, year: int, **kw) -> FigureSource:
        return cls(org, Period.year(year), **kw)

    @property
    def values(self) -> dict[str, Value]:
        if self._values is None:
            self._values = compute(self.org, self.period, sorted(registered()))
        return self._values

    @property
    def previous(self) -> FigureSource:
        """The same org over the period a year earlier (the basis of 同比)."""
        if self._previous is None:
            start, end = self.period.start, self.period.end
            prev = Period(
                start.replace(year=start.year - 1), end.replace(year=end.year - 1), f"{start.year - 1}年"
            )
            self._previous = FigureSource(self.org, prev, links=False)
        return self._previous

    def yoy(self, key: str) -> Decimal | None:
        """The change over last year in %, one decimal; None when either year has no data or last year's is 0."""
        cur, prev = self.raw(key), self.previous.raw(key)
        if cur is None or not prev:
            return None
        return (Decimal(cur - prev) * 100 / Decimal(prev)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def raw(self, key: str, part: str = "value") -> int | Decimal | None:
        if part == YOY:
            return self.yoy(key)
        v = self.values.get(key)
        if v is None:
            return None
        return v.value if part == "value" else getattr(v, part)

    def has(self, key: str, part: str = "value") -> bool:
        return self.raw(key, part) is not None

    def _url(self, v: Value) -> str:
        if not self.links or not v.drilldown:
            return ""
        if v.key not in self._urls:
            from fazhi.indicators.selectors import drill_url

            try:
                self._urls[v.key] = drill_url(v)
            except NoReverseMatch:
                self._urls[v.key] = ""
        return self._urls[v.key]

    def figure(self, key: str, part: str = "value") -> Figure:
        name = display_name(key, part)
        v = self.values.get(key)
        raw = self.raw(key, part)
        if raw is None:
            return Figure(key, part, name, missing_text(key, part), None, True)
        if part == YOY:
            prev = self.previous.raw(key)
            change = "持平" if raw == 0 else f"{'增长' if raw > 0 else '下降'}{format_number(abs(raw))}%"
            formula = (
                f"同比 = （{self.period.label}{self.raw(key)} − {self.previous.period.label}{prev}）"
                f" ÷ {self.previous.period.label}{prev} × 100%"
            )
            return Figure(key, part, name, f"同比{change}", raw, False, formula, v.drilldown, self._url(v))
        word = unit_word(key) if part == "value" else part_word(key, part)
        text = f"{format_number(raw)}{word}"
        return Figure(key, part, name, text, raw, False, v.formula, v.drilldown, self._url(v))

    def resolve(self, ph: Placeholder) -> Figure:
        return self.figure(ph.key, ph.part)


def segments(text: str, source: FigureSource) -> list[str | Figure]:
    """`text` split into literal strings and rendered figures."""
    out: list[str | Figure] = []
    pos = 0
    for ph in find(text):
        if ph.start > pos:
            out.append(text[pos : ph.start])
        out.append(source.resolve(ph))
        pos = ph.end
    if pos < len(text or ""):
        out.append(text[pos:])
    return out


def render_text(text: str, source: FigureSource) -> str:
    """Plain text with every placeholder replaced by its figure."""
    return "".join(s.text if isinstance(s, Figure) else s for s in segments(text, source))


def figures_in(text: str, source: FigureSource) -> list[Figure]:
    return [source.resolve(ph) for ph in find(text)]


@dataclass(frozen=True)
class CatalogEntry:
    """A row of the figure picker: the token to insert, its name and its value now."""

    token: str
    name: str
    unit: str
    text: str
    missing: bool
    computed: bool  # False: no app computes it yet (a 统计填报 form or a later module will)
    url: str


def picker(source: FigureSource) -> list[CatalogEntry]:
    """Every catalog figure with its current value, rates followed by their two counts."""
    reg = registered()
    out = []
    for key, spec in catalog().items():
        parts = ["value"] + (list(PARTS) if spec.get("unit") == "percent" else [])
        for part in parts:
            f = source.figure(key, part)
            token = key if part == "value" else f"{key}.{part}"
            out.append(
                CatalogEntry(token, f.name, spec.get("unit", "count"), f.text, f.missing, key in reg, f.url)
            )
    return out
