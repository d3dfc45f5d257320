"""督察, 考评 and 述法 in the annual report (app contract `report_facts`): the year's inspections by name with
the problems they found and closed, the 考评 scheme, and the leaders' 述法 on the year. A department's own
report: the inspections it underwent, its problems and their 销号, its head's 述法."""

from __future__ import annotations

from datetime import date

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import ProblemStatus, SchemeStatus, ShufaStatus
from .models import Inspection, Problem, Scheme, Shufa, UnitScore


def _quoted(titles: list[str], limit: int = 3) -> str:
    shown = "、".join(f"“{t}”" for t in titles[:limit])
    return shown + ("等" if len(titles) > limit else "")


def _rectified(problems, found: int) -> str:
    """ "，已全部整改销号" / "，已整改销号2个，其余1个正在整改" / "，正在整改" for `found` problems."""
    closed = problems.filter(status=ProblemStatus.CLOSED).count()
    if closed == found:
        return "，已全部整改销号"
    if closed:
        return f"，已整改销号{closed}个，其余{found - closed}个正在整改"
    return "，正在整改"


def _inspection(org, year: int) -> list[ReportFact]:
    inspections = list(Inspection.objects.filter(org=org, started_on__year=year).order_by("started_on", "id"))
    if not inspections:
        return []
    units = Inspection.inspected_units.through.objects.filter(inspection__in=inspections)
    n_units = units.values("org").distinct().count()
    text = f"组织开展{_quoted([i.title for i in inspections])}{len(inspections)}次法治督察"
    if n_units:
        text += f"，覆盖{n_units}个被督察单位"
    problems = Problem.objects.filter(inspection__in=inspections)
    found = problems.count()
    if found:
        text += f"，发现问题{found}个，全部列入问题台账跟踪整改" + _rectified(problems, found)
    basis = f"法治督察{len(inspections)}次，问题台账{found}个问题"
    return [ReportFact("inspection", text + "。", basis, page_url("supervision:list"))]


def _assessment(org, year: int) -> list[ReportFact]:
    scheme = Scheme.objects.filter(org=org, year=year).order_by("-revision", "-id").first()
    if scheme is None:
        return []
    units = UnitScore.objects.filter(item__scheme=scheme).values("unit").distinct().count()
    name = scheme.name.strip("《》")
    text = f"印发《{name}》"
    if units:
        text += f"，对{units}个单位开展法治政府建设考评"
    if scheme.status == SchemeStatus.PUBLISHED and scheme.published_on:
        d = scheme.published_on
        text += f"，考评结果于{d.year}年{d.month}月{d.day}日公布"
    return [ReportFact("assessment", text + "。", f"考评方案：{name}", "")]


def _held(r: Shufa) -> str:
    return f"{r.year}年度，主要负责人于{r.held_on.year}年{r.held_on.month}月在{r.meeting}上述法"


# A year's 述法 are those HELD in it (述法日期), as the figures supervision.shufa_leaders/shufa_reviewed count
# them, not those of its 述法年度: a leader's 述法 on year N is held early in N+1 (the demo, seed 003's
# "2023年第一次会议暨述法工作会议" in its 2023 report), and the report tells what the office organised that year.
def _held_in(year: int):
    return {"held_on__year": year}


def _shufa(org, year: int) -> list[ReportFact]:
    rows = list(
        Shufa.objects.filter(org__in=org.subtree(), **_held_in(year))
        .select_related("org")
        .order_by("held_on", "id")
    )
    if not rows:
        return []
    own = [r for r in rows if r.org_id == org.pk]
    parts = []
    if own:
        parts.append(_held(own[0]))
    # the count is the figure's (supervision.shufa_leaders): every leader of the jurisdiction who gave a 述法
    parts.append(f"全年共{len(rows)}名领导干部开展述法")
    end = date(year, 12, 31)
    reviewed = [
        r for r in rows if r.status == ShufaStatus.REVIEWED and r.reviewed_on and r.reviewed_on <= end
    ]
    text = "，".join(parts)
    if reviewed:
        text += f"，{len(reviewed)}份述法报告经评议"  # supervision.shufa_reviewed
    return [ReportFact("shufa", text + "。", f"{year}年内举行的述法记录{len(rows)}条", "")]


def _unit_facts(unit, year: int) -> list[ReportFact]:
    """A department's report: the inspections it underwent, the problems it was given to rectify that year (from
    any source of the 问题台账) and how many are closed, and its head's 述法."""
    out = []
    inspections = list(
        Inspection.objects.filter(inspected_units=unit, started_on__year=year).order_by("started_on", "id")
    )
    problems = Problem.objects.filter(org=unit, found_on__year=year)
    found = problems.count()
    parts = []
    if inspections:
        parts.append(f"接受{_quoted([i.title for i in inspections])}{len(inspections)}次法治督察")
    if found:
        parts.append(f"列入问题台账的问题{found}个" + _rectified(problems, found))
    if parts:
        basis = f"法治督察{len(inspections)}次，本单位整改问题{found}个"
        out.append(ReportFact("inspection", "，".join(parts) + "。", basis, page_url("supervision:list")))
    own = Shufa.objects.filter(org=unit, **_held_in(year)).order_by("held_on", "id").first()
    if own is not None:
        text = _held(own) + ("，述法报告经评议" if own.result else "")
        out.append(ReportFact("shufa", text + "。", "述法记录1条", ""))
    return out


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return _unit_facts(org, year)
    return [*_inspection(org, year), *_assessment(org, year), *_shufa(org, year)]
