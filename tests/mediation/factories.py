from __future__ import annotations

from datetime import date

from fazhi.mediation import services


def dispute(actor, *, unit, received_on: date = date(2025, 9, 1), parties: str = "张三、李四", **kwargs):
    values = {
        "committee": "青城市某某村人民调解委员会",
        "source": "sweep",
        "kind": "neighbor",
        "summary": "相邻通行纠纷",
        "channel": "people",
        "mediator": "王调解",
        **kwargs,
    }
    return services.register_dispute(
        actor=actor, unit=unit, parties=parties, received_on=received_on, **values
    )


def resolved(actor, *, unit, concluded_on: date = date(2025, 9, 5), outcome: str = "written", **kwargs):
    d = dispute(actor, unit=unit, **kwargs)
    return services.conclude(
        case=d,
        actor=actor,
        outcome=outcome,
        concluded_on=concluded_on,
        agreement="李四让出通道宽1.5米",
        agreement_effective_on=concluded_on,
    )
