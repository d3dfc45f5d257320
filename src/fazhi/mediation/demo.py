"""The demo city's disputes: a year's 排查调处 per township at the seeds' volumes (a county's ~5–8 thousand
disputes a year, ~99% resolved; 诉前调解 and 司法确认 in the hundreds), written through the services."""

from __future__ import annotations

import datetime as dt

from fazhi.core.choices import OrgKind
from fazhi.core.demoplan import DemoContext

from . import services
from .choices import Channel, Confirmation, DisputeKind, Outcome, Performance, Source

# Disputes a year in the demo city at scale 1 (kept small enough for a fast demo load).
PER_YEAR = 600
KINDS = [
    (DisputeKind.NEIGHBOR, 30),
    (DisputeKind.FAMILY, 22),
    (DisputeKind.LAND, 12),
    (DisputeKind.LABOR, 10),
    (DisputeKind.CONTRACT, 8),
    (DisputeKind.DAMAGES, 8),
    (DisputeKind.PROPERTY, 5),
    (DisputeKind.TRAFFIC, 3),
    (DisputeKind.OTHER, 2),
]
SOURCES = [
    (Source.SWEEP, 45),
    (Source.APPLICATION, 30),
    (Source.HOTLINE, 8),
    (Source.PETITION, 5),
    (Source.COURT, 10),
    (Source.POLICE, 2),
]
AGREEMENTS = ["一次性赔偿损失", "约定分期归还欠款", "重新划定地界", "赔礼道歉并恢复原状", "协商确定抚养费"]


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def load(ctx: DemoContext) -> str:
    rng = ctx.rng
    places = ctx.orgs(OrgKind.TOWNSHIP) or ctx.jurisdictions()
    courts = [u for u in ctx.units() if u.code.endswith("-justice")] or ctx.jurisdictions()
    counts = {"disputes": 0, "resolved": 0, "confirmed": 0}
    for year in ctx.years:
        days = ctx.days(year)
        for _ in range(ctx.count(PER_YEAR, year)):
            received = rng.choice(days)
            source = _pick(rng, SOURCES)
            pre = source == Source.COURT
            unit = rng.choice(courts if pre else places)
            actor = ctx.user(unit)
            name = unit.short_name or unit.name
            with ctx.on(received):
                d = services.register_dispute(
                    actor=actor,
                    unit=unit,
                    channel=Channel.PRE_LITIGATION if pre else Channel.PEOPLE,
                    committee=f"{name}{'诉前' if pre else ''}人民调解委员会",
                    mediator=ctx.person(),
                    source=source,
                    kind=_pick(rng, KINDS),
                    parties="、".join(ctx.person() for _ in range(2)),
                    summary="经排查发现的矛盾纠纷" if source == Source.SWEEP else "当事人申请调解",
                    received_on=received,
                )
            counts["disputes"] += 1
            took = rng.choice([1, 3, 7, 12, 20, 28, 45])
            concluded = received + dt.timedelta(days=took)
            if concluded > ctx.today:
                continue
            ok = rng.random() < 0.97
            oral = rng.random() < 0.3
            with ctx.on(concluded):
                services.conclude(
                    case=d,
                    actor=actor,
                    outcome=(Outcome.ORAL if oral else Outcome.WRITTEN) if ok else Outcome.FAILED,
                    concluded_on=concluded,
                    agreement=rng.choice(AGREEMENTS) if ok else "",
                    agreement_effective_on=concluded if ok else None,
                    routes_told=not ok,
                )
            if not ok:
                continue
            counts["resolved"] += 1
            if (pre or rng.random() < 0.1) and not oral:
                applied = concluded + dt.timedelta(days=rng.choice([2, 5, 10, 20]))
                if applied > ctx.today:
                    continue
                with ctx.on(applied):
                    services.apply_confirmation(
                        case=d, actor=actor, applied_on=applied, court="青城市人民法院"
                    )
                ruled = applied + dt.timedelta(days=rng.choice([3, 7, 15]))
                if ruled <= ctx.today:
                    with ctx.on(ruled):
                        services.record_confirmation(
                            case=d,
                            actor=actor,
                            confirmation=Confirmation.VALID if rng.random() < 0.95 else Confirmation.REJECTED,
                            confirmed_on=ruled,
                        )
                    counts["confirmed"] += 1
            visit = concluded + dt.timedelta(days=30)
            if visit <= ctx.today and rng.random() < 0.5:
                with ctx.on(visit):
                    services.follow_up(
                        case=d,
                        actor=actor,
                        followed_up_on=visit,
                        performance=Performance.DONE if rng.random() < 0.9 else Performance.PARTIAL,
                    )
    return f"矛盾纠纷 {counts['disputes']} 件（调解成功 {counts['resolved']} 件，司法确认 {counts['confirmed']} 件）"
