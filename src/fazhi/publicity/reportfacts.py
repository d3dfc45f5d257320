"""普法 in the annual report (app contract `report_facts`): the year's 普法责任清单 and the 主题普法 campaigns by
name."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import ActivityKind
from .models import Activity, Duty


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return []
    out = []
    duties = Duty.objects.filter(org=org, year=year)
    n = duties.count()
    if n:
        units = duties.values("unit").distinct().count()
        text = f"制定{year}年度普法责任清单，明确{units}个单位普法责任{n}项，落实“谁执法谁普法”普法责任制。"
        out.append(ReportFact("publicity_duty", text, f"普法责任清单{n}项", page_url("publicity:duties")))
    campaigns = list(
        Activity.objects.filter(org=org, kind=ActivityKind.CAMPAIGN, held_on__year=year).order_by(
            "held_on", "id"
        )
    )
    if campaigns:
        titles = list(dict.fromkeys(a.title for a in campaigns))
        shown = "、".join(f"“{t}”" for t in titles[:3])
        text = f"组织开展{shown}{'等' if len(titles) > 3 else ''}集中宣传活动{len(campaigns)}场。"
        out.append(
            ReportFact(
                "publicity_events", text, f"集中宣传活动{len(campaigns)}场", page_url("publicity:list")
            )
        )
    return out
