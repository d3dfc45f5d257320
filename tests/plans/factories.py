"""Work plans for tests, imported through the parser and the service like an uploaded file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fazhi.plans import services
from fazhi.plans.parsing import parse_plan

DATA = Path(__file__).parent / "data"


def plan_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def import_plan(
    actor, org, name: str = "dept_plan_arabic_units.txt", *, on: date = date(2025, 3, 1), year=None
):
    return services.import_plan(
        actor=actor, org=org, parsed=parse_plan(plan_text(name)), year=year, source_name=name, on=on
    )


def share(plan, number: int, unit):
    return plan.tasks.get(number=number).assignments.get(unit=unit)
