from __future__ import annotations

from datetime import date

from fazhi.petitions import services


def petition(actor, *, unit, received_on: date = date(2025, 9, 16), petitioner: str = "赵六", **kwargs):
    values = {"channel": "letter", "category": "claim", "subject": "征地补偿标准", **kwargs}
    return services.register_petition(
        actor=actor, unit=unit, petitioner=petitioner, received_on=received_on, **values
    )
