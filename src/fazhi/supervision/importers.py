"""考评得分 import and export: the sheet "考评得分" for the shared machinery in fazhi.core.importing.

A row is one unit's score on one item of the year's scheme under assessment (the latest version still being
scored, of the government directly above the unit). A score already given is replaced; history keeps the old
one. The checks are the service's: the assessor's capability at the scheme's org, the unit assessed, the
score within the item's range."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.audit import save_audited
from fazhi.core.importing import IMPORT_REASON, INT, ORG, Column, Importer, RowInvalid, register
from fazhi.core.models import Org
from fazhi.core.permissions import require

from . import rules, services
from .choices import SchemeStatus
from .models import Scheme, SchemeItem, UnitScore


@dataclass
class BuiltScore:
    item: SchemeItem
    unit: Org
    score: Decimal
    basis: str


@register
class ScoreImporter(Importer):
    app = "supervision"
    title = "考评得分"
    sheet_name = "考评得分"
    model = UnitScore
    list_url_name = "supervision_schemes:list"
    columns = (
        Column("year", "考评年度", INT, required=True, min_value=2000, max_value=2100, width=10),
        Column("unit", "被考评单位", ORG, required=True, width=24),
        Column("seq", "考评项目序号", INT, required=True, min_value=1, max_value=999, width=12),
        Column(
            "score", "得分", required=True, max_length=12, help="数字，最多两位小数；扣分项填负数", width=10
        ),
        Column("basis", "计分依据", max_length=300, width=30),
    )
    notes = (
        "得分计入该年度正在评分（未公布）的最新版考评方案：被考评单位的上级人民政府制定的方案。",
        "同一单位同一项目已有得分的，导入后以新得分为准，原得分保留在修改历史中。",
        "导入人须有该方案的考评评分权限；已公布结果的方案不能再导入得分。",
    )

    def prepare(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        years = sorted({v["year"] for _, v in rows if v.get("year")})
        self.schemes: dict[tuple[int, int], Scheme] = {}
        for s in Scheme.objects.filter(year__in=years, status=SchemeStatus.DRAFT).order_by("revision"):
            self.schemes[(s.org_id, s.year)] = s  # the latest draft version wins
        self.items: dict[tuple[int, int], SchemeItem] = {
            (i.scheme_id, i.seq): i for i in SchemeItem.objects.filter(scheme__in=self.schemes.values())
        }
        self.seen: dict[tuple[int, int], int] = {}

    def build(self, row: int, v: dict[str, Any]) -> BuiltScore:
        unit: Org = v["unit"]
        scheme = self.schemes.get((unit.parent_id, v["year"])) if unit.parent_id else None
        if scheme is None:
            self.error(row, "year", f"{v['year']}年度没有正在评分的、考评{unit.name}的考评方案")
            raise RowInvalid
        try:
            require(self.user, scheme.org, services.ASSESS)
        except PermissionDenied:
            self.error(row, "", f"无权为「{scheme.name}」评分")
            raise RowInvalid from None
        item = self.items.get((scheme.pk, v["seq"]))
        if item is None:
            self.error(row, "seq", f"「{scheme.name}」中没有序号为 {v['seq']} 的考评项目")
            raise RowInvalid
        try:
            score = Decimal(str(v["score"]).strip())
        except InvalidOperation:
            self.error(row, "score", f"得分「{v['score']}」不是数字")
            raise RowInvalid from None
        if not score.is_finite() or score != rules.q2(score):
            self.error(row, "score", "得分最多保留两位小数")
            raise RowInvalid
        if refusal := rules.check_score(item, score):
            self.error(row, "score", refusal)
            raise RowInvalid
        key = (item.pk, unit.pk)
        if key in self.seen:
            self.error(row, "seq", f"与第{self.seen[key]}行重复：同一单位同一项目只能有一个得分")
            raise RowInvalid
        self.seen[key] = row
        return BuiltScore(item, unit, score, v.get("basis") or "")

    def write(self, built: list[BuiltScore], *, progress) -> int:
        done = 0
        for b in built:
            row = UnitScore.objects.filter(item=b.item, unit=b.unit).first() or UnitScore(
                item=b.item, unit=b.unit
            )
            row.score, row.computed, row.basis = b.score, False, b.basis
            save_audited(row, actor=self.user, reason=IMPORT_REASON)
            done += 1
            if done % 200 == 0:
                progress(done)
        progress(done)
        return done

    # -- export ------------------------------------------------------------------------------------------
    def export_queryset(self, *, filters: Any = None, org=None, year: int | None = None):
        from .selectors import visible_schemes

        qs = UnitScore.objects.filter(item__scheme__in=visible_schemes(self.user)).select_related(
            "item__scheme", "unit"
        )
        if org is not None:
            qs = qs.filter(unit__path__startswith=org.path)
        if year:
            qs = qs.filter(item__scheme__year=year)
        return qs.order_by("item__scheme__year", "unit__path", "item__seq")

    def export_row(self, s: UnitScore) -> list[Any]:
        return [s.item.scheme.year, self.orgs.label(s.unit), s.item.seq, str(s.score), s.basis]
