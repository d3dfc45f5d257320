"""普法 in the annual report (app contract `report_facts`): the year's 普法责任清单 and the 主题普法 campaigns by
name. A department's own report: its items of the 责任清单, how many it completed, and the campaigns it ran."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import ActivityKind
from .models import Activity, Duty
from .selectors import progress


def _unit_duties(unit, year: int) -> list[ReportFact]:
    """The unit's items of the year's 责任清单, each complete when the unit's activities of that year (of its kind,
    if it names one) reach its number: the 责任清单 page's reckoning (rules.is_complete)."""
    rows = progress(Duty.objects.filter(unit=unit, year=year), year)
    if not rows:
        return []
    duties = [r["duty"] for r in rows]
    complete = sum(r["complete"] for r in rows)
    text = f"落实“谁执法谁普法”普法责任制，本部门{year}年度普法责任清单明确普法责任{len(duties)}项"
    text += f"，已完成{complete}项" if complete else ""
    return [
        ReportFact(
            "publicity_duty", text + "。", f"普法责任清单{len(duties)}项", page_url("publicity:duties")
        )
    ]


def _campaigns(where: dict, year: int) -> list[ReportFact]:
    campaigns = list(
        Activity.objects.filter(**where, kind=ActivityKind.CAMPAIGN, held_on__year=year).order_by(
            "held_on", "id"
        )
    )
    if not campaigns:
        return []
    titles = list(dict.fromkeys(a.title for a in campaigns))
    shown = "、".join(f"“{t}”" for t in titles[:3])
    text = f"组织开展{shown}{'等' if len(titles) > 3 else ''}集中宣传活动{len(campaigns)}场。"
    return [
        ReportFact("publicity_events", text, f"集中宣传活动{len(campaigns)}场", page_url("publicity:list"))
    ]


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return [*_unit_duties(org, year), *_campaigns({"unit": org}, year)]
    out = []
    duties = Duty.objects.filter(org=org, year=year)
    n = duties.count()
    if n:
        units = duties.values("unit").distinct().count()
        text = f"制定{year}年度普法责任清单，明确{units}个单位普法责任{n}项，落实“谁执法谁普法”普法责任制。"
        out.append(ReportFact("publicity_duty", text, f"普法责任清单{n}项", page_url("publicity:duties")))
    return out + _campaigns({"org": org}, year)
