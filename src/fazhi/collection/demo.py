"""The demo city's 统计填报: each jurisdiction's 法治办 sends its 司法局 the year's 公共法律服务 form (figures no
register of Fazhi holds: 公证, 法律援助, 司法鉴定, 咨询, the service network), due on 20 January after the year.
Past years' forms are filled, submitted and accepted (a few returned once and corrected first); the current
year's form is out and waiting."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext
from fazhi.indicators.registry import Period

from . import services

# key -> (a county's yearly figure around which the demo draws, the city's own 市本级 figure)
FIGURES = {
    "legal_services.notary_cases": (2400, 9000),
    "legal_services.legal_aid_cases": (650, 1200),
    "legal_services.appraisal_cases": (180, 900),
    "legal_services.consultations": (9000, 16000),
    "legal_services.centers": (1, 1),
    "legal_services.stations": (12, 0),
    "legal_services.rooms": (160, 0),
}
DUE = (1, 20)  # the form is due on 20 January after its year


def load(ctx: DemoContext) -> str:
    forms = accepted = 0
    for org in ctx.jurisdictions():
        unit = ctx.unit(org, "justice")
        if unit is None:
            continue
        office, clerk = ctx.user(org, "office"), ctx.user(unit, "clerk", "office")
        own = 1 if org.parent_id is None else 0  # the city's 司法局 reports its 市本级 figures
        for year in ctx.years:
            issued = dt.date(year, 12, 1)
            if issued > ctx.today:
                continue
            with ctx.on(issued):
                form = services.create_form(
                    actor=office,
                    owner=org,
                    name=f"{year}年度公共法律服务数据",
                    period=Period.year(year),
                    keys=list(FIGURES),
                    instructions="请司法局汇总本级公证、法律援助、司法鉴定和法律咨询数据，以及公共法律服务中心、站、室个数。",
                )
                [task] = services.assign_form(
                    form=form, actor=office, orgs=[unit], due_on=dt.date(year + 1, *DUE)
                )
            forms += 1
            filled = dt.date(year + 1, 1, ctx.rng.randint(5, 25))
            if filled > ctx.today:
                continue
            values = {}
            for key, base in FIGURES.items():
                mean = base[own]
                values[key] = mean if mean <= 1 else max(0, round(mean * ctx.rng.uniform(0.7, 1.3)))
            with ctx.on(filled):
                task = services.save_values(task=task, actor=clerk, values=values)
                task = services.submit_task(task=task, actor=clerk)
            reviewed = filled + dt.timedelta(days=ctx.rng.randint(1, 6))
            if reviewed > ctx.today:
                continue
            if ctx.rng.random() < 0.2:
                with ctx.on(reviewed):
                    task = services.return_task(
                        task=task, actor=office, reason="法律援助案件数与省厅系统不一致，请核对后重新报送"
                    )
                corrected = reviewed + dt.timedelta(days=ctx.rng.randint(1, 4))
                if corrected > ctx.today:
                    continue
                key = "legal_services.legal_aid_cases"
                with ctx.on(corrected):
                    task = services.save_values(task=task, actor=clerk, values={key: values[key] + 12})
                    task = services.submit_task(task=task, actor=clerk)
                reviewed = corrected + dt.timedelta(days=1)
                if reviewed > ctx.today:
                    continue
            with ctx.on(reviewed):
                services.accept_task(task=task, actor=office)
            accepted += 1
    return f"统计填报表 {forms} 份（已采纳 {accepted} 份）"
