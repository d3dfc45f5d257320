"""Numbers as Chinese reports write them.

"2.3万余件" → 23000 件, "87.5余万人次" → 875000 人次, "百分之九十" → 90 %, "十个方面" → 10 个,
"1/3" → 0.333…, "99.97%" → 99.97 %, "8296余件" → 8296 件 (approximate).

`parse_number` reads one number word; `find_quantities` finds every number followed by a unit in a
(normalised, see text.normalise) text, with its offsets. Pure Python and table-driven so it stays fast:
a report of 30 000 characters is scanned in a few milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿"


def parse_chinese_integer(s: str) -> int | None:
    """ "三十五" → 35, "一百零八" → 108, "十" → 10, "二〇二四" → 2024, "1.5" is not handled here."""
    if not s or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in CN_BIG for ch in s):
        return None
    # Digit-by-digit form used for years: 二〇二四.
    if len(s) >= 2 and all(ch in CN_DIGITS for ch in s):
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * CN_BIG[ch] if ch == "亿" else total + section * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _plain(s: str) -> float | None:
    """An Arabic or Chinese number without multiplier: "5,836", "2.3", "三十五", "三点五"."""
    s = s.strip().replace(",", "")
    if not s:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese_integer(whole) if whole else 0
        if w is None or not frac or any(ch not in CN_DIGITS for ch in frac):
            return None
        return float(f"{w}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")
    value = parse_chinese_integer(s)
    return None if value is None else float(value)


_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1e12}
_FRACTION = re.compile(r"^(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)$")
_CN_FRACTION = re.compile(rf"^([{CN_NUM_CHARS}点\d.]+)分之([{CN_NUM_CHARS}点\d.]+)$")
_WITH_MULT = re.compile(
    r"^([\d,.]+|[零〇○一二两三四五六七八九十百千点]+)(余|多|来)?(万亿|万|亿|千|百)?(余|多)?$"
)


def parse_number(text: str) -> float | None:
    """One number word as a float, or None.

    Handles Arabic and Chinese numerals, thousands separators, 万/亿 multipliers with 余/多 before or after
    the multiplier ("2.3万余", "87.5余万"), percentages ("15.8%", "百分之九十" → 90), fractions
    ("1/3", "三分之一" → 0.333…). A trailing unit is ignored ("5836件" → 5836).
    """
    s = text.strip().replace(" ", "")
    s = re.sub(r"[^\d.,/%零〇○一二两三四五六七八九十百千万亿点分之余多来]+$", "", s)
    if not s:
        return None
    if s.endswith("%"):
        return parse_number(s[:-1])
    if s.startswith("百分之"):
        return _plain_or_mult(s[3:])
    m = _FRACTION.match(s)
    if m:
        den = float(m.group(2))
        return float(m.group(1)) / den if den else None
    m = _CN_FRACTION.match(s)
    if m:
        den, num = _plain(m.group(1)), _plain_or_mult(m.group(2))
        return num / den if den and num is not None else None
    return _plain_or_mult(s)


def _plain_or_mult(s: str) -> float | None:
    s = s.rstrip("余多来")
    value = _plain(s)
    if value is not None:
        return value
    m = _WITH_MULT.match(s)
    if not m:
        return None
    base = _plain(m.group(1))
    if base is None:
        return None
    return base * _MULT.get(m.group(3) or "", 1)


# ---------------------------------------------------------------------------------------------------------
# Quantities in running text

# Units, longest first so "人次" wins over "人". Kinds: count, people, percent, money, points (percentage
# points, a change, never a rate), other.
UNITS: dict[str, str] = {
    "个百分点": "points",
    "百分点": "points",
    "人次": "people",
    "件次": "count",
    "场次": "count",
    "户次": "count",
    "批次": "count",
    "万元": "money",
    "亿元": "money",
    "元": "money",
    "件": "count",
    "宗": "count",
    "起": "count",
    "项": "count",
    "条": "count",
    "份": "count",
    "卷": "count",
    "本": "count",
    "册": "count",
    "个": "count",
    "家": "count",
    "户": "count",
    "次": "count",
    "场": "count",
    "期": "count",
    "篇": "count",
    "类": "count",
    "批": "count",
    "支": "count",
    "所": "count",
    "处": "count",
    "部": "count",
    "封": "count",
    "面": "count",
    "通": "count",
    "单": "count",
    "人": "people",
    "名": "people",
    "位": "people",
    "%": "percent",
}
# "一面旗帜", "各处", "一部分", "一本账", "一单尽列": Chinese numerals count only with plain counters.
CN_SKIP_UNITS = frozenset("面处部所位名本册类支期封条批家户场通单")
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇○一二两三四五六七八九十百千]+(?:点[零〇○一二三四五六七八九]+)?"
QUANTITY_RE = re.compile(
    rf"""
    (?P<pct>百分之(?P<pctnum>{_ARABIC}|{_CN}))
  | (?P<frac>(?P<fa>\d+)/(?P<fb>\d+)(?![\d/]))
  | (?P<cnfrac>(?P<ca>[一二三四五六七八九十]+)分之(?P<cb>[一二三四五六七八九十]+))
  | (?<![第\d.])(?P<num>{_ARABIC}|(?<![{CN_NUM_CHARS}]){_CN})
      (?P<approx1>余|多|来)?(?P<mult>万亿|万|亿|千)?(?P<approx2>余|多)?
      (?P<unit>{_UNIT_ALT})
    """,
    re.VERBOSE,
)
# Every run of digits: used to split a sentence into the stretches that belong to each number.
DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as it stands in the text: text[start:end] is e.g. "2.3万余件"."""

    value: float
    unit: str
    kind: str  # count / people / percent / money / points / fraction
    start: int
    end: int
    approx: bool = False  # 余/多/近/约: "8296余件"

    @property
    def raw(self) -> str:  # for debugging; the caller holds the text
        return f"{self.value:g}{self.unit}"


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`, in order."""
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        if m.group("pct"):
            value = _plain(m.group("pctnum"))
            if value is not None:
                out.append(Quantity(value, "%", "percent", m.start(), m.end()))
            continue
        if m.group("frac"):
            b = float(m.group("fb"))
            if b:
                out.append(Quantity(float(m.group("fa")) / b, "", "fraction", m.start(), m.end()))
            continue
        if m.group("cnfrac"):
            a, b = _plain(m.group("ca")), _plain(m.group("cb"))
            if a and b is not None:
                out.append(Quantity(b / a, "", "fraction", m.start(), m.end()))
            continue
        raw = m.group("num")
        base = _plain(raw)
        if base is None:
            continue
        is_chinese = not raw[0].isdigit()
        unit = m.group("unit")
        if is_chinese and unit in CN_SKIP_UNITS:
            continue
        value = base * _MULT.get(m.group("mult") or "", 1)
        approx = bool(m.group("approx1") or m.group("approx2"))
        out.append(Quantity(value, unit, UNITS[unit], m.start(), m.end(), approx))
    return out


def as_plain_number(value: float) -> int | float:
    """23000.0 → 23000, 15.8 → 15.8 (for JSON)."""
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 4)
