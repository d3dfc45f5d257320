"""Factories of 行政执法 records, written through the services."""

from __future__ import annotations

from datetime import date

from fazhi.enforcement import services
from fazhi.enforcement.models import EnforcementCase, Officer

D = date
ISSUED, EXPIRES, FILED = D(2023, 1, 1), D(2028, 12, 31), D(2025, 4, 1)


def officer(actor, unit, number: str, *, name: str = "", issued=ISSUED, expires=EXPIRES, **kw) -> Officer:
    return services.register_officer(
        actor=actor,
        unit=unit,
        name=name or f"执法员{number[-3:]}",
        cert_number=number,
        issued_on=issued,
        expires_on=expires,
        **kw,
    )


def pair(actor, unit, prefix: str = "QC") -> list[Officer]:
    return [
        officer(actor, unit, f"{prefix}{unit.code}-001"),
        officer(actor, unit, f"{prefix}{unit.code}-002"),
    ]


def case(actor, unit, *, number: str = "青市监罚〔2025〕1号", kind: str = "penalty", filed_on=FILED,
         officers=None, **kw) -> EnforcementCase:  # fmt: skip
    if officers is None:
        officers = list(Officer.objects.filter(unit=unit).order_by("id")[:2]) or pair(actor, unit)
    return services.file_case(
        actor=actor,
        unit=unit,
        case_number=number,
        kind=kind,
        filed_on=filed_on,
        officers=officers,
        party=kw.pop("party", "某某商贸有限公司"),
        facts=kw.pop("facts", "销售过期食品"),
        legal_basis=kw.pop("legal_basis", "《食品安全法》第一百二十四条"),
        **kw,
    )
