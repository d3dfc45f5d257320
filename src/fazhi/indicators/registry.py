"""The one indicator registry: apps contribute computations with `@indicator(KEY)`; the engine computes any
set of indicators for any org (a unit, a county, a city with its counties) and period.

An app declares its figures once with `declare.declare(KEY, Count(...) | Rate(...))`: the value, the drill-down
and the comparison across child jurisdictions all follow from the declaration (see declare.py). Figures that are
not counts of records (the 统计填报 forms, an app's indicators.py) register a function with `@indicator(KEY, uses=...)`;
`@facts(NAME)` registers a function (org, period) -> dict that the engine calls at most once per (org, period)
in a computation, and indicator functions receive the facts they name. Every value states its numerator and
denominator where it is a rate, and how to list the records behind it (drill-down)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")


@cache
def catalog() -> dict[str, dict]:
    with CATALOG_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# The measure word a figure prints with. Most follow from the catalog name ("…场次" → 场次, "…人数" → 人,
# "…事项数" → 项); these are the exceptions (seeds: 案卷评查1555宗).
UNIT_WORDS = {
    "enforcement.case_file_reviews": "宗",
    "emergency.plans": "个",  # 47 个州级专项应急预案
    "enforcement.warnings": "条",
    "enforcement.warnings_closed": "条",
    "enforcement.open_warnings": "条",
    "publicity.culture_sites": "处",
}
SUFFIX_WORDS = (
    ("场次", "场次"),
    ("人次", "人次"),
    ("件次", "件次"),
    ("次数", "次"),
    ("件数", "件"),
    ("条数", "条"),
    ("份数", "份"),
    ("人数", "人"),
    ("户数", "户"),
    ("事项数", "项"),
    ("项目数", "项"),
    ("篇（期）数", "篇"),
)
TRAILING_NOTE_RE = re.compile(r"（[^（）]*）$")


def unit_word(key: str) -> str:
    """The measure word of a count: 件, 次, 场次, 人, 项, 个 … (万元 for amounts)."""
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    spec = catalog().get(key, {})
    unit, name = spec.get("unit", "count"), spec.get("zh", "")
    if unit == "amount":
        return "万元"
    if unit == "percent":
        return "%"
    name = TRAILING_NOTE_RE.sub("", name)
    for suffix, word in SUFFIX_WORDS:
        if name.endswith(suffix):
            return word
    if "件" in name or "案" in name:
        return "件"
    if unit == "people":
        return "人"
    if unit == "number":
        return ""
    return "个"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    @classmethod
    def year(cls, y: int) -> Period:
        return cls(date(y, 1, 1), date(y, 12, 31), f"{y}年")

    @classmethod
    def quarter(cls, y: int, q: int) -> Period:
        m = 3 * (q - 1) + 1
        return cls(date(y, m, 1), date(y, m + 2, calendar.monthrange(y, m + 2)[1]), f"{y}年第{q}季度")

    @classmethod
    def month(cls, y: int, m: int) -> Period:
        return cls(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}年{m}月")

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2024", "2024Q3", "2024-05", or "2024-01-01..2024-06-30", with years in YEAR_MIN..YEAR_MAX."""
        from fazhi.core.params import YEAR_MAX, YEAR_MIN

        period = cls._parse(text)
        if not (YEAR_MIN <= period.start.year and period.end.year <= YEAR_MAX):
            raise ValidationError(
                f"期间「{text.strip()[:40]}」超出范围：年度应在 {YEAR_MIN} 至 {YEAR_MAX} 之间"
            )
        return period

    @classmethod
    def _parse(cls, text: str) -> Period:
        t = text.strip()
        try:
            if ".." in t:
                a, b = t.split("..", 1)
                s, e = date.fromisoformat(a), date.fromisoformat(b)
                if e < s:
                    raise ValidationError(f"期间终止日 {e} 早于起始日 {s}")
                for named in (
                    cls.year(s.year),
                    cls.month(s.year, s.month),
                    cls.quarter(s.year, (s.month - 1) // 3 + 1),
                ):
                    if (named.start, named.end) == (s, e):
                        return named
                return cls(s, e, f"{s:%Y年%m月%d日}至{e:%Y年%m月%d日}")
            if "Q" in t.upper():
                y, q = t.upper().split("Q")
                return cls.quarter(int(y), int(q))
            if "-" in t:
                y, m = t.split("-")
                return cls.month(int(y), int(m))
            return cls.year(int(t))
        except (ValueError, IndexError, OverflowError) as exc:
            raise ValidationError(
                f"无法识别的期间「{text.strip()[:40]}」：应为 2024、2024Q3、2024-05 或 2024-01-01..2024-06-30"
            ) from exc

    @property
    def token(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass
class Value:
    key: str
    name: str
    unit: str
    value: Decimal | int | None
    numerator: int | None = None
    denominator: int | None = None
    formula: str = ""
    drilldown: str = ""  # the records behind it: URL query for the app's list page

    @property
    def missing(self) -> bool:
        return self.value is None

    def display(self) -> str:
        if self.value is None:
            return "无数据"
        if self.unit == "percent":
            return f"{self.value}%"
        return f"{self.value:,}" if isinstance(self.value, int) else str(self.value)

    def as_dict(self) -> dict:
        v = self.value
        if isinstance(v, Decimal):
            v = float(v)
        return {"value": v, "unit": self.unit, "numerator": self.numerator, "denominator": self.denominator}


@dataclass
class IndicatorDef:
    key: str
    func: Callable | None  # (facts...) -> Value; None for a declared figure
    facts: tuple[str, ...]
    formula: str
    definition: str
    source: str
    records: Callable | None = None  # (org, period[, part]) -> QuerySet of the records behind the figure
    records_app: str = ""  # the app label of the records' model: which list page shows them
    figure: Any = None  # the declaration (declare.Count or declare.Rate) the value and records derive from
    module: str = ""  # the module that defines the figure

    def __post_init__(self) -> None:
        if not self.module and self.func is not None:
            self.module = self.func.__module__
        if self.figure is not None and self.records is None:
            from .declare import records_of

            self.records = partial(records_of, self.figure)

    @property
    def parts(self) -> tuple[str, ...]:
        """The drill-downs beside the figure's own: a declared rate's denominator."""
        from .declare import Rate

        return ("denominator",) if isinstance(self.figure, Rate) else ()

    def records_app_for(self, org, period: Period | None, part: str = "") -> str:
        """The app whose list page shows this figure's records (or its `part`'s), read from the records' model
        (not from the module that happens to define the figure: 案结事了率 is declared beside litigation but
        lists reconsideration cases). A declared figure names its model; otherwise built once per process
        from the lazy queryset, so nothing is fetched."""
        if self.figure is not None:
            counted = getattr(self.figure, part) if part else self.figure.counts()[0]
            return counted.model._meta.app_label
        if not self.records_app and self.records is not None:
            self.records_app = self.records(org, period).model._meta.app_label
        return self.records_app

    def records_model_for(self, part: str = "") -> str:
        """The model name of a declared figure's records (or its `part`'s); "" for other figures."""
        if self.figure is None:
            return ""
        counted = getattr(self.figure, part) if part else self.figure.counts()[0]
        return str(counted.model._meta.model_name)

    @property
    def name(self) -> str:
        return catalog().get(self.key, {}).get("zh", self.key)

    @property
    def unit(self) -> str:
        return catalog().get(self.key, {}).get("unit", "count")

    @property
    def entry(self) -> dict:
        """The catalog entry: definition, formula, source, aggregation (numerator/denominator)."""
        return catalog().get(self.key, {})


REGISTRY: dict[str, IndicatorDef] = {}
FACTS: dict[str, Callable] = {}


def facts(name: str):
    def deco(func):
        FACTS[name] = func
        return func

    return deco


def indicator(
    key: str, *, uses: tuple[str, ...] = (), formula: str = "", definition: str = "", source: str = ""
):
    if key not in catalog():
        raise KeyError(f"indicator {key} is not in the catalog")

    def deco(func):
        REGISTRY[key] = IndicatorDef(key, func, tuple(uses), formula, definition, source)
        return func

    return deco


def records(key: str):
    """Registers the drill-down queryset of an indicator."""

    def deco(func):
        REGISTRY[key].records = func
        return func

    return deco


def rate(numerator: int, denominator: int, places: int = 1) -> Decimal | None:
    """A percentage rounded half-up (as the reports print it); None when the base is empty."""
    if not denominator:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(q, rounding=ROUND_HALF_UP)


_LOADED = False


def _load_app_indicators() -> None:
    global _LOADED
    from importlib import import_module

    from django.apps import apps

    for cfg in apps.get_app_configs():
        if cfg.name.startswith("fazhi."):
            try:
                import_module(f"{cfg.name}.indicators")
            except ModuleNotFoundError as exc:
                if exc.name != f"{cfg.name}.indicators":
                    raise
    _LOADED = True


def _ensure_loaded() -> None:
    """Load every app's indicators once, even when one app's module was imported (and registered) earlier."""
    if not _LOADED:
        _load_app_indicators()


def compute(org, period: Period, keys: list[str] | None = None) -> dict[str, Value]:
    """Compute the indicators (all registered ones by default) for `org` and `period`."""
    _ensure_loaded()
    wanted = keys or sorted(REGISTRY)
    unknown = [k for k in wanted if k not in REGISTRY]
    if unknown:
        raise ValidationError(f"未知指标：{'、'.join(unknown)}")
    from .declare import compute_declared

    declared = compute_declared([REGISTRY[k] for k in wanted if REGISTRY[k].figure is not None], org, period)
    cache_: dict[str, dict] = {}
    out: dict[str, Value] = {}
    for key in wanted:
        d = REGISTRY[key]
        if d.figure is not None:
            value = declared[key]
        else:
            if d.func is None:  # @indicator always gives a func; only declared figures have none
                raise RuntimeError(f"indicator {key} has neither a figure nor a function")
            args = []
            for name in d.facts:
                if name not in cache_:
                    cache_[name] = FACTS[name](org, period)
                args.append(cache_[name])
            value = d.func(*args) if d.facts else d.func(org, period)
        value.key, value.name, value.unit = key, d.name, d.unit
        value.formula = value.formula or d.formula
        if d.records is not None and not value.drilldown:
            value.drilldown = f"indicator={key}&org={org.pk}&period={period.token}"
            d.records_app_for(org, period)
        out[key] = value
    return out


def drilldown_records(key: str, org, period: Period, part: str = ""):
    """The records behind a figure; `part="denominator"` for a rate's base (see IndicatorDef.parts)."""
    _ensure_loaded()
    d = REGISTRY.get(key)
    if d is None or d.records is None:
        raise ValidationError(f"指标 {key} 没有可查看的明细记录")
    if part:
        if part not in d.parts:
            raise ValidationError(f"指标 {key} 没有「{part}」明细")
        return d.records(org, period, part)
    return d.records(org, period)


def registered() -> dict[str, IndicatorDef]:
    _ensure_loaded()
    return REGISTRY


@dataclass
class OrgScope:
    """Which records belong to an org for indicator purposes: a jurisdiction owns the records of its whole
    subtree (by the record's jurisdiction field); a unit owns those where it is the party (respondent,
    defendant) — e.g. a 市场监管局's reconsideration cases are those it is the respondent of."""

    ids: list[int] = field(default_factory=list)
    by_party: bool = False
    # Every org is in `ids` (the top jurisdiction): a record's jurisdiction needs no test, so a count reads the
    # table without a long IN list over the whole tree.
    everything: bool = False


def org_scope(org) -> OrgScope:
    from fazhi.core.models import Org

    rows = list(Org.objects.values_list("id", "path")) if org.parent_id is None else None
    if rows is None:
        ids = list(Org.objects.filter(path__startswith=org.path).values_list("id", flat=True))
        return OrgScope(ids=ids, by_party=not org.is_jurisdiction)
    ids = [pk for pk, path in rows if path.startswith(org.path)]
    return OrgScope(
        ids=ids, by_party=not org.is_jurisdiction, everything=org.is_jurisdiction and len(ids) == len(rows)
    )


def count(n: int | None) -> Value:
    return Value(key="", name="", unit="count", value=n)


def ratio(numerator: int, denominator: int) -> Value:
    return Value(
        key="",
        name="",
        unit="percent",
        value=rate(numerator, denominator),
        numerator=numerator,
        denominator=denominator,
    )


INTEGER_UNITS = frozenset({"count", "people"})


def plain(value: Decimal, unit: str) -> Decimal | int:
    """A stored value as the figure shows it: an int for counts and people, a percentage with at least one
    decimal (as `rate` gives it), otherwise without trailing zeros."""
    if unit in INTEGER_UNITS:
        return int(value)
    d = value.normalize()
    if unit == "percent" and d.as_tuple().exponent > -1:  # type: ignore[operator]
        return d.quantize(Decimal("0.1"))  # as rate() prints it: 100.0%, 50.0%
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d
