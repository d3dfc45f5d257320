"""The office's own report checked against its records (issue 16 §3).

An author edits the generated report and uploads it back for review; before it goes out, the 司法局 wants to
know what in it the records do not bear out:

- every catalog figure the text states that differs from the figure Fazhi computes for the same org and year
  (the text's value, the computed value, and the link to the records behind it);
- every 文号 the text cites that no record in Fazhi carries (a work plan, a 规范性文件 … the system does
  not have), so the author either registers the record or removes the citation.

The org is the jurisdiction the report names, among the orgs the reader may see; failing that, the org the
report was reviewed for. Records with a 文号 are found through the installed models themselves (a CharField named
`doc_number`, or whose label is 文号/发文字号), so no app is named here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps as django_apps
from django.db import models

from fazhi.core.models import Org
from fazhi.core.permissions import can_read, visible_orgs

# 澜政办〔2025〕12号, 临府复[2024]3号, 国办发(2021)30号 (NFKC has turned full-width brackets half-width). The
# words before the bracket may carry a verb ("印发澜政办〔2025〕12号"): a stored 文号 matches when its words end
# them.
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[〔\[(【]\s*((?:19|20)\d\d)\s*[〕\])】]\s*(\d{1,4})\s*号")
NUMBER_LABELS = {"文号", "发文字号"}
RATE_TOLERANCE = 0.05  # percentage points: a text rounds 97.46% to 97.5%


@dataclass
class FigureDiff:
    key: str
    label: str
    stated: float
    computed: Decimal | int
    unit: str
    url: str  # the records behind the computed figure
    anchor: str  # the figure's words in the text

    @property
    def stated_display(self) -> str:
        v = int(self.stated) if float(self.stated).is_integer() else self.stated
        return f"{v}%" if self.unit == "percent" else f"{v:,}" if isinstance(v, int) else str(v)

    @property
    def computed_display(self) -> str:
        return f"{self.computed}%" if self.unit == "percent" else f"{self.computed:,}"


@dataclass
class MissingRecord:
    number: str  # the 文号 as the text writes it
    start: int
    end: int


@dataclass
class CrossCheck:
    org: Org | None
    year: int | None
    differences: list[FigureDiff] = field(default_factory=list)
    agreeing: int = 0  # figures the records bear out
    uncomputed: list[str] = field(default_factory=list)  # labels of figures Fazhi has no value for
    missing_records: list[MissingRecord] = field(default_factory=list)
    cited: int = 0  # 文号 cited in the text (the report's own excepted)

    @property
    def possible(self) -> bool:
        return self.org is not None and self.year is not None


def org_for(report, user) -> Org | None:
    """The org the report speaks for: the one its jurisdiction names, among those the reader may see, else the
    org it was reviewed for (when the reader may see it)."""
    name = (report.jurisdiction or "").strip()
    if name:
        orgs = visible_orgs(user).filter(is_active=True)
        for org in orgs.filter(models.Q(name__startswith=name) | models.Q(short_name=name)).order_by("depth"):
            return org
    if report.org is not None and can_read(user, report.org):
        return report.org
    return None


def _same(stated: float, computed: Decimal | int, unit: str) -> bool:
    if unit == "percent":
        return abs(Decimal(str(stated)) - Decimal(computed)) <= Decimal(str(RATE_TOLERANCE))
    return Decimal(str(stated)) == Decimal(computed)


def number_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every installed record model that carries a 文号 (the reviewer's own excepted)."""
    out = []
    for model in django_apps.get_models():
        if model._meta.app_label == "reports" or model.__name__.startswith("Historical"):
            continue
        for f in model._meta.get_fields():
            if isinstance(f, models.CharField) and (
                f.name == "doc_number" or str(getattr(f, "verbose_name", "")) in NUMBER_LABELS
            ):
                out.append((model, f.name))
    return out


Cited = tuple[str, int, int]  # the words before the bracket, the year, the number


def _parts(number: str) -> Cited | None:
    m = DOC_NUMBER.search(number or "")
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def _matches(cited: Cited, stored: Cited) -> bool:
    return cited[1:] == stored[1:] and cited[0].endswith(stored[0])


def known_numbers(cited: list[Cited]) -> list[Cited]:
    """Those of the cited 文号 that some record in Fazhi carries, however its brackets are written."""
    if not cited:
        return []
    stored: list[Cited] = []
    for model, name in number_fields():
        manager = getattr(model, "all_objects", model._default_manager)
        query = models.Q()
        for _, year, _ in cited:
            query |= models.Q(**{f"{name}__contains": str(year)})
        for value in manager.filter(query).values_list(name, flat=True):
            p = _parts(value)
            if p:
                stored.append(p)
    return [c for c in cited if any(_matches(c, s) for s in stored)]


def cross_check(report, user) -> CrossCheck:
    """What in a reviewed report the records of its org and year do not bear out."""
    from fazhi.indicators.selectors import indicator_rows

    org = org_for(report, user)
    check = CrossCheck(org=org, year=report.year)
    if not check.possible or report.error:
        return check
    figures = list(report.figures.order_by("start"))
    keys = [f.key for f in figures]
    from fazhi.indicators.registry import registered

    known = set(registered())
    rows = {r.value.key: r for r in indicator_rows(org, report.year, [k for k in keys if k in known])}
    for f in figures:
        row = rows.get(f.key)
        if row is None or row.value.value is None:
            check.uncomputed.append(f.label or f.key)
            continue
        if _same(f.value, row.value.value, row.value.unit):
            check.agreeing += 1
            continue
        check.differences.append(
            FigureDiff(
                f.key, f.label or row.value.name, f.value, row.value.value, row.value.unit, row.url, f.anchor
            )
        )
    own = _parts(report.doc_number)
    cited: dict[Cited, MissingRecord] = {}
    for m in DOC_NUMBER.finditer(report.text or ""):
        c = (m.group(1), int(m.group(2)), int(m.group(3)))
        if own is not None and (_matches(c, own) or _matches(own, c)):
            continue  # the report's own 文号
        if c not in cited:
            cited[c] = MissingRecord(m.group(0), m.start(), m.end())
    check.cited = len(cited)
    have = set(known_numbers(list(cited)))
    check.missing_records = [r for c, r in cited.items() if c not in have]
    return check
