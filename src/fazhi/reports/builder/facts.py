"""The sentences the domain apps' records back in an annual report (app contract `report_facts`): each app
declares functions `facts(org, year) -> list[ReportFact]` (core/reportfacts.py); the draft asks for them by topic.
Central code names no app: the declarations are found on the installed apps' configs."""

from __future__ import annotations

from collections import defaultdict

from fazhi.core.contract import domain_apps, resolve
from fazhi.core.reportfacts import ReportFact


def collect(org, year: int) -> dict[str, list[ReportFact]]:
    """The facts of every installed app for `org`'s report on `year`, by topic, in (order, app) order."""
    out: dict[str, list[ReportFact]] = defaultdict(list)
    for cfg in domain_apps():
        for path in cfg.report_facts:
            for fact in resolve(path)(org, year):
                out[fact.topic].append(fact)
    for facts in out.values():
        facts.sort(key=lambda f: f.order)
    return dict(out)
