"""The demo city's disputes: a year's 排查调处 per township at the seeds' volumes (a county's ~5–8 thousand
disputes a year, ~99% resolved; 诉前调解 and 司法确认 in the hundreds), written through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fazhi.core.choices import OrgKind
from fazhi.core.demoplan import DemoContext

from . import services
from .choices import (
    Appointment,
    Channel,
    Confirmation,
    DisputeKind,
    Outcome,
    Performance,
    Post,
    Source,
)
from .choices import (
    OrgKind as MedKind,
)

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


VILLAGES = ["东湖", "西岭", "南塘", "北坡", "新桥", "杨柳", "石门", "长乐"]
QUALIFICATIONS = ["", "", "法律职业资格", "退休法官", "律师", "社区网格员", "退休教师", "心理咨询师"]


@dataclass
class Registers:
    """The demo's mediation organisations of each place, their mediators, and each place's 排查 sweeps."""

    orgs: dict[int, list] = field(default_factory=dict)  # place/court id -> organisations
    mediators: dict[int, list] = field(default_factory=dict)  # organisation id -> mediators
    sweeps: dict[int, list] = field(default_factory=dict)  # place id -> sweeps, by date
    trainings: int = 0

    def mediator_on(self, rng, organization, day: dt.date):
        standing = [
            m
            for m in self.mediators.get(organization.pk, [])
            if m.appointed_on <= day and (m.left_on is None or day <= m.left_on)
        ]
        return rng.choice(standing) if standing else None

    def sweep_before(self, place, day: dt.date):
        found = [s for s in self.sweeps.get(place.pk, []) if s.held_on <= day]
        return found[-1] if found else None


def _organization(ctx: DemoContext, reg: Registers, unit, name: str, kind: str, started: dt.date):
    rng = ctx.rng
    actor = ctx.user(unit)
    with ctx.on(started):
        o = services.register_organization(
            actor=actor,
            unit=unit,
            name=name,
            kind=kind,
            members=rng.randint(3, 9) if kind != MedKind.COURT else None,
            established_on=started,
        )
    reg.orgs.setdefault(unit.pk, []).append(o)
    people = []
    for i in range(rng.randint(3, 6)):
        first = i < 3  # the committee's first members were there from the start; others joined later
        appointed = started if first else rng.choice(ctx.days(rng.choice(ctx.years)))
        with ctx.on(appointed):
            m = services.register_mediator(
                actor=actor,
                organization=o,
                name=ctx.person(),
                appointed_on=appointed,
                post=Post.FULL_TIME if rng.random() < 0.25 else Post.PART_TIME,
                appointment=Appointment.MEMBER if first and kind != MedKind.COURT else Appointment.HIRED,
                qualifications=rng.choice(QUALIFICATIONS),
            )
        if not first and rng.random() < 0.15:
            left = appointed + dt.timedelta(days=rng.randint(60, 400))
            if left <= ctx.today:
                with ctx.on(left):
                    services.mediator_leaves(mediator=m, actor=actor, left_on=left)
        people.append(m)
    reg.mediators[o.pk] = people
    return o


def _registers(ctx: DemoContext, places, courts) -> Registers:
    """组织、调解员、培训、排查: every place has its township committee and a few village committees, every court
    unit its 诉前调解 committee; each county-level justice bureau trains its mediators every quarter; every place
    sweeps its villages monthly."""
    rng, reg = ctx.rng, Registers()
    started = dt.date(ctx.years[0] - 3, 1, 1)
    for place in places:
        name = place.short_name or place.name
        _organization(ctx, reg, place, f"{name}人民调解委员会", MedKind.TOWNSHIP, started)
        for village in rng.sample(VILLAGES, rng.randint(2, 3)):
            _organization(ctx, reg, place, f"{name}{village}村人民调解委员会", MedKind.VILLAGE, started)
    for court in courts:
        name = court.parent.short_name or court.parent.name if court.parent_id else court.name
        _organization(ctx, reg, court, f"{name}诉前人民调解委员会", MedKind.COURT, started)
    everyone = [m for ms in reg.mediators.values() for m in ms]
    for j in ctx.jurisdictions():
        host = ctx.unit(j, "justice") or j
        mine = [m for m in everyone if m.unit.path.startswith(j.path)]
        for year in ctx.years:
            for quarter in range(4):
                held = dt.date(year, 3 * quarter + 2, rng.randint(5, 25))
                if held > ctx.today:
                    continue
                standing = [
                    m for m in mine if m.appointed_on <= held and (m.left_on is None or held <= m.left_on)
                ]
                with ctx.on(held):
                    services.record_training(
                        actor=ctx.user(host),
                        unit=host,
                        title=f"{year}年第{quarter + 1}季度人民调解员业务培训",
                        held_on=held,
                        hours=rng.choice([3, 4, 6, 8]),
                        attendees=rng.sample(standing, k=min(len(standing), rng.randint(5, 15))),
                    )
                reg.trainings += 1
    for place in places:
        actor = ctx.user(place)
        committee = reg.orgs[place.pk][0]
        villages = [o.name.removeprefix(place.short_name or place.name) for o in reg.orgs[place.pk][1:]]
        for year in ctx.years:
            for month in range(1, 13):
                held = dt.date(year, month, rng.randint(1, 6))
                if held > ctx.today:
                    continue
                with ctx.on(held):
                    sweep = services.record_sweep(
                        actor=actor,
                        unit=place,
                        held_on=held,
                        area="、".join(v.removesuffix("人民调解委员会") for v in villages),
                        risks_found=rng.randint(0, 8),
                        organization=committee,
                        note="月度矛盾纠纷排查",
                    )
                reg.sweeps.setdefault(place.pk, []).append(sweep)
    return reg


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def load(ctx: DemoContext) -> str:
    rng = ctx.rng
    places = ctx.orgs(OrgKind.TOWNSHIP) or ctx.jurisdictions()
    courts = [u for u in ctx.units() if u.code.endswith("-justice")] or ctx.jurisdictions()
    counts = {"disputes": 0, "resolved": 0, "confirmed": 0}
    reg = _registers(ctx, places, courts)
    for year in ctx.years:
        days = ctx.days(year)
        for _ in range(ctx.count(PER_YEAR, year)):
            received = rng.choice(days)
            source = _pick(rng, SOURCES)
            pre = source == Source.COURT
            unit = rng.choice(courts if pre else places)
            actor = ctx.user(unit)
            organization = rng.choice(reg.orgs[unit.pk])
            mediator = reg.mediator_on(rng, organization, received)
            with ctx.on(received):
                d = services.register_dispute(
                    actor=actor,
                    unit=unit,
                    channel=Channel.PRE_LITIGATION if pre else Channel.PEOPLE,
                    committee="",
                    organization=organization,
                    mediator_record=mediator,
                    mediator="" if mediator else ctx.person(),
                    sweep=reg.sweep_before(unit, received) if source == Source.SWEEP else None,
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
    organizations = sum(len(v) for v in reg.orgs.values())
    mediators = sum(len(v) for v in reg.mediators.values())
    sweeps = sum(len(v) for v in reg.sweeps.values())
    return (
        f"矛盾纠纷 {counts['disputes']} 件（调解成功 {counts['resolved']} 件，司法确认 {counts['confirmed']} 件）；"
        f"调解组织 {organizations} 个、调解员 {mediators} 人、培训 {reg.trainings} 场、排查 {sweeps} 次"
    )
