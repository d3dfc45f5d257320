"""The demo's 行政复议 and 行政应诉 cases, for `fazhi demo` (through the apps' demo plans) and the benchmarks: the
ordering of their plans and the writers, over the last two full years and the current year to date.

The plans themselves are the apps' (fazhi.reconsideration.demo, fazhi.litigation.demo, declared as their
`demo_plan`). They share ONE random stream, because a 复议 case decides the suit that may follow it (复议后起诉):

* `CasePlanner` walks the days: it draws how many 复议 applications and direct suits each 复议机关 gets that day,
  has the apps' planners plan each (a 复议 case plans its follow-up suit at once, the suit's appeal its 二审), and
  emits suits in the order their complaints arrive, numbered then. Steps dated after today are cut off by the
  writers, so recent cases are still open, and cases that were planned to run late are overdue today. Only
  `random.Random(seed)` decides anything, so the same seed gives the same cases.
* `ServiceWriter` (demo scale) replays each plan through the real services (the apps' `replay`), so timelines,
  events, history rows and derived deadlines are exactly what the pages would have produced; history rows and
  creation times are dated on the step's day rather than today.
* `BulkWriter` (bench scale: 100k–1M cases) writes the rows that the apps' `Folder`s fold the same steps into, in
  batches; derived fields are computed by the same code the services use; timeline events are written too.
  **History rows (django-simple-history) are not written at bench scale**: they double the row count and no
  measured path reads them.
* `CaseStream` holds one run's plans for `fazhi demo`: `load_plans` hands it to the two apps' demo plans
  (`DemoContext.shared`), each of which writes its own kind; the data is what `generate` writes in one go.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import heapq
import itertools
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from fazhi.core.demoplan import DemoContext, sim_time
from fazhi.core.importing.bulk import rows_added
from fazhi.core.models import Org
from fazhi.litigation import demo as lit_demo
from fazhi.litigation.choices import Instance
from fazhi.litigation.choices import Status as LitStatus
from fazhi.litigation.demo import LitPlan, LitPlanner
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration import demo as recon_demo
from fazhi.reconsideration import rules as recon_rules
from fazhi.reconsideration.choices import OPEN_STATUSES, Decision, Status, TerminationReason
from fazhi.reconsideration.demo import CASE_STREAM, ReconPlan, ReconPlanner, World, days
from fazhi.reconsideration.models import ReconsiderationCase, Suspension

from . import city

Plan = ReconPlan | LitPlan

# Per kind of plan: its app's replay through the services, its bulk folder, its count in Stats.
KINDS: dict[type, tuple[Callable[..., Any], type, str]] = {
    ReconPlan: (recon_demo.replay, recon_demo.Folder, "recon_cases"),
    LitPlan: (lit_demo.replay, lit_demo.Folder, "lit_cases"),
}


def _poisson(r: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(r.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, r.random()
    while p > limit:
        k += 1
        p *= r.random()
    return k


class CasePlanner:
    """Turns (world, seed, scale, today) into date-ordered ReconPlan / LitPlan objects, numbered `seq` 1, 2, … in
    that order: one random stream for both apps' planners."""

    def __init__(self, world: World, *, seed: int = 1, scale: float = 1.0, today: dt.date | None = None):
        self.w = world
        self.r = random.Random(seed)  # noqa: S311 - reproducible demo data from a seed, not a secret
        self.scale = scale
        self.today = today or timezone.localdate()
        self.start = dt.date(self.today.year - 2, 1, 1)
        self._heap: list[tuple[dt.date, int, LitPlan]] = []
        self._tie = itertools.count()
        self._seq = itertools.count(1)
        self.recon = ReconPlanner(world, self.r, today=self.today)
        courts = lit_demo.courts(world, province=city.PROVINCE_NAME, court_code=city.COURT_CODE)
        self.lit = LitPlanner(self.recon, courts=courts, schedule=self._schedule)
        self.recon.follow_up = self.lit.after_reconsideration

    def _day_factors(self) -> tuple[dict[dt.date, bool], dict[int, tuple[float, float]]]:
        from fazhi.law.calendar import WorkCalendar

        cal = WorkCalendar()
        workday: dict[dt.date, bool] = {}
        totals: dict[int, tuple[float, float]] = {}
        for year in range(self.start.year, self.today.year + 1):
            d, tr, tl = dt.date(year, 1, 1), 0.0, 0.0
            while d.year == year:
                wd = cal.is_workday(d)
                workday[d] = wd
                tr += 1.0 if wd else recon_demo.REST_DAY_FACTOR_RECON
                tl += 1.0 if wd else lit_demo.REST_DAY_FACTOR_LIT
                d += days(1)
            totals[year] = (tr, tl)
        return workday, totals

    def plans(self) -> Iterator[Plan]:
        workday, totals = self._day_factors()
        total_weight = sum(self.w.weight.values()) or 1.0
        d = self.start
        while d <= self.today:
            while self._heap and self._heap[0][0] <= d:
                yield self._emit(heapq.heappop(self._heap)[2])
            yi = d.year - self.start.year
            tr, tl = totals[d.year]
            fr = 1.0 if workday[d] else recon_demo.REST_DAY_FACTOR_RECON
            fl = 1.0 if workday[d] else lit_demo.REST_DAY_FACTOR_LIT
            for j in self.w.reviewing:
                share = self.w.weight[j.id] / total_weight
                for _ in range(
                    _poisson(
                        self.r,
                        self.scale * recon_demo.RECON_PER_YEAR * recon_demo.RECON_TREND[yi] * share * fr / tr,
                    )
                ):
                    yield self._emit(self.recon.recon(j, d))
                for _ in range(
                    _poisson(
                        self.r,
                        self.scale * lit_demo.LIT_DIRECT_PER_YEAR * lit_demo.LIT_TREND[yi] * share * fl / tl,
                    )
                ):
                    self._schedule(self.lit.lit_direct(j, d))
            while self._heap and self._heap[0][0] <= d:
                yield self._emit(heapq.heappop(self._heap)[2])
            d += days(1)

    def _schedule(self, plan: LitPlan) -> None:
        if plan.complaint_received_on <= self.today:
            heapq.heappush(self._heap, (plan.complaint_received_on, next(self._tie), plan))

    def _emit(self, plan: Plan) -> Plan:
        """Number the plan in the stream's order; a suit also gets the court's number as its papers arrive."""
        if isinstance(plan, LitPlan):
            self.lit.number(plan)
        plan.seq = next(self._seq)
        return plan


# ---------------------------------------------------------------------------------------------------------
# Writers


@dataclass
class Stats:
    recon_cases: int = 0
    lit_cases: int = 0
    rows: int = 0  # every row written, cases and children
    seconds: float = 0.0
    history: bool = True

    @property
    def cases(self) -> int:
        return self.recon_cases + self.lit_cases

    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


_sim_time: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "fazhi_demo_sim_time", default=None
)


def _date_history(sender, history_instance=None, **kwargs) -> None:
    """While the demo replays a step, its history rows carry the step's date, not today's."""
    when = _sim_time.get() or sim_time()
    if when is not None and history_instance is not None:
        history_instance.history_date = when


class ServiceWriter:
    """Replays plans through the services (the apps' `replay`): the demo's data is what the pages would have
    recorded."""

    def __init__(self, world: World, today: dt.date):
        self.w = world
        self.today = today
        self.now = timezone.now()
        self.stats = Stats(history=True)

    def _when(self, day: dt.date, seq: int, n: int) -> dt.datetime:
        # Office hours on the step's day (spread by the plan's place in the stream), never later than now.
        minutes = 9 * 60 + (seq * 37 + n * 53) % (8 * 60)
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))
        return min(when, self.now - dt.timedelta(minutes=1))

    def write(self, plans: Iterable[Plan]) -> Stats:
        from simple_history.signals import pre_create_historical_record

        pre_create_historical_record.connect(_date_history, dispatch_uid="fazhi-demo-history-date")
        started = time.perf_counter()
        try:
            with transaction.atomic():
                for plan in plans:
                    self._write(plan)
        finally:
            pre_create_historical_record.disconnect(dispatch_uid="fazhi-demo-history-date")
            _sim_time.set(None)
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _write(self, plan: Plan) -> None:
        replay, _, stat = KINDS[type(plan)]
        seq = plan.seq

        def at(day: dt.date, n: int) -> None:
            _sim_time.set(self._when(day, seq, n))

        case = replay(plan, world=self.w, today=self.today, at=at)
        _sim_time.set(None)
        plan.case, plan.case_id = case, case.id
        type(case).objects.filter(pk=case.pk).update(created_at=self._when(plan.day, seq, 0))
        events = list(case.events.order_by("id"))
        for n, e in enumerate(events):
            e.created_at = self._when(e.on, seq, n)
        case.events.model.objects.bulk_update(events, ["created_at"])
        setattr(self.stats, stat, getattr(self.stats, stat) + 1)


class _Table:
    """INSERT … VALUES for `model`'s `fields` by executemany: the bulk path's rows skip Django's per-value
    compilation (most of bulk_create's time), with dates adapted once per value by the backend's own ops."""

    def __init__(self, model, fields: list[str]):
        from django.db import connection
        from django.db.models import DateField, DateTimeField

        self.connection = connection
        meta = model._meta
        self.model = model
        qn = connection.ops.quote_name
        cols, self.adapters = [], []
        for name in fields:
            f = meta.get_field(name)
            cols.append(qn(f.column))
            if isinstance(f, DateTimeField):
                self.adapters.append(connection.ops.adapt_datetimefield_value)
            elif isinstance(f, DateField):
                self.adapters.append(connection.ops.adapt_datefield_value)
            else:
                self.adapters.append(None)
        # Identifiers come from the model's metadata through quote_name; values are parameters.
        self.sql = (
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"  # noqa: S608 - quoted model identifiers only
        )
        # PostgreSQL: COPY … FROM STDIN (psycopg 3), several times faster than INSERTs.
        self.copy_sql = f"COPY {qn(meta.db_table)} ({', '.join(cols)}) FROM STDIN"
        self.use_copy = connection.vendor == "postgresql"

    def insert(self, rows: list[tuple]) -> int:
        if not rows:
            return 0
        adapt = [(i, a) for i, a in enumerate(self.adapters) if a is not None]
        out = []
        for row in rows:
            if adapt:
                row = list(row)
                for i, a in adapt:
                    if row[i] is not None:
                        row[i] = a(row[i])
            out.append(row)
        with self.connection.cursor() as cur:
            if self.use_copy:
                with cur.cursor.copy(self.copy_sql) as copy:
                    for row in out:
                        copy.write_row(row)
            else:
                for start in range(0, len(out), 5000):
                    cur.executemany(self.sql, out[start : start + 5000])
        return len(out)


def _values(obj, fields: list[str]) -> tuple:
    meta = obj._meta
    return tuple(getattr(obj, meta.get_field(f).attname) for f in fields)


class BulkWriter:
    """Writes the rows the apps' `Folder`s fold plans into, `batch` cases at a time, by executemany (COPY on
    PostgreSQL)."""

    def __init__(
        self,
        world: World,
        today: dt.date,
        *,
        batch: int = 5000,
        events: bool = True,
        progress: Callable[[Stats], None] | None = None,
    ):
        self.w = world
        self.today = today
        self.batch = batch
        self.events = events
        self.progress = progress
        self.stats = Stats(history=False)
        self._created: dict[dt.date, dt.datetime] = {}
        self.folders = {kind: folder(world, today) for kind, (_, folder, _) in KINDS.items()}
        self.fields = {}
        self.tables = {}
        for folder in self.folders.values():
            models = [folder.model, *folder.children, folder.event_model]
            self.fields[folder.model] = [f.name for f in folder.model._meta.concrete_fields]
            self.fields.update(folder.children)
            self.fields[folder.event_model] = ["case", "kind", "on", "note", "actor", "created_at"]
            self.tables.update({m: _Table(m, self.fields[m]) for m in models})
        # Case ids are assigned here (children need them; no RETURNING round trip). The bench owns its
        # database while it fills it; sequences are reset afterwards (PostgreSQL).
        self._next_id = {
            f.model: (f.model.objects.aggregate(m=Max("id"))["m"] or 0) + 1 for f in self.folders.values()
        }

    def write(self, plans: Iterable[Plan]) -> Stats:
        started = time.perf_counter()
        batch: dict[type, list] = {kind: [] for kind in KINDS}
        pending = 0
        try:
            for plan in plans:
                batch[type(plan)].append(plan)
                pending += 1
                if pending >= self.batch:
                    self._flush(batch)
                    batch, pending = {kind: [] for kind in KINDS}, 0
                    self.stats.seconds = time.perf_counter() - started
                    if self.progress:
                        self.progress(self.stats)
            self._flush(batch)
        finally:
            self._reset_sequences()
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _reset_sequences(self) -> None:
        from django.core.management.color import no_style
        from django.db import connection

        sql = connection.ops.sequence_reset_sql(no_style(), list(self._next_id))
        if sql:
            with connection.cursor() as cur:
                for statement in sql:
                    cur.execute(statement)

    def _take_ids(self, model, n: int) -> range:
        first = self._next_id[model]
        self._next_id[model] = first + n
        return range(first, first + n)

    def _created_at(self, day: dt.date) -> dt.datetime:
        if day not in self._created:
            self._created[day] = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
        return self._created[day]

    def _flush(self, batch: dict[type, list]) -> None:
        with transaction.atomic():
            for kind, plans in batch.items():  # 复议 first: a suit after 复议 links its case's id
                if plans:
                    self._write(kind, plans)

    def _write(self, kind: type, plans: list) -> None:
        folder = self.folders[kind]
        folder.prepare(plans)
        folded = [folder.fold(p) for p in plans]
        rows, children, events = [], defaultdict(list), []
        ids = self._take_ids(folder.model, len(plans))
        for plan, pk, (case, kids, evs) in zip(plans, ids, folded, strict=True):
            case.id = pk
            case.created_at = self._created_at(plan.day)
            plan.case_id = pk
            rows.append(_values(case, self.fields[folder.model]))
            for child in kids:
                child.case_id = pk
                children[type(child)].append(_values(child, self.fields[type(child)]))
            if self.events:
                events += [(pk, k, on, note, actor, case.created_at) for k, on, note, actor in evs]
        n = self.tables[folder.model].insert(rows)
        rows_added(folder.model, list(ids))  # derived data kept on write (the indicators' summary)
        for model, child_rows in children.items():
            n += self.tables[model].insert(child_rows)
        n += self.tables[folder.event_model].insert(events)
        stat = KINDS[kind][2]
        setattr(self.stats, stat, getattr(self.stats, stat) + len(plans))
        self.stats.rows += n


class CaseStream:
    """One `fazhi demo` run's 复议 and 应诉 plans, planned at once (one random stream) and written kind by kind by
    the two apps' demo plans (`write(ReconPlan)`, then `write(LitPlan)`): the same rows as `generate`."""

    def __init__(
        self,
        world: World,
        *,
        seed: int,
        scale: float,
        today: dt.date,
        bulk: bool = False,
        progress: Callable[[Stats], None] | None = None,
    ):
        self.plans = list(CasePlanner(world, seed=seed, scale=scale, today=today).plans())
        self.writer: ServiceWriter | BulkWriter = (
            BulkWriter(world, today, progress=progress) if bulk else ServiceWriter(world, today)
        )

    def write(self, kind: type) -> int:
        """Write the plans of `kind`; how many cases were written."""
        stat = KINDS[kind][2]
        before = getattr(self.writer.stats, stat)
        self.writer.write(p for p in self.plans if isinstance(p, kind))
        return getattr(self.writer.stats, stat) - before


# ---------------------------------------------------------------------------------------------------------


def expected_cases(scale: float = 1.0, today: dt.date | None = None) -> float:
    """Roughly how many case rows (复议 + 应诉) `scale` yields over the window (for --cases N)."""
    today = today or timezone.localdate()
    ytd = (today - dt.date(today.year, 1, 1)).days / 365.0
    years = (1.0, 1.0, ytd)
    recon = sum(recon_demo.RECON_PER_YEAR * t * y for t, y in zip(recon_demo.RECON_TREND, years, strict=True))
    lit = sum(lit_demo.LIT_DIRECT_PER_YEAR * t * y for t, y in zip(lit_demo.LIT_TREND, years, strict=True))
    # suits after 复议 (~12% of 复议 cases), and 二审 records (~17% of first-instance suits)
    return scale * (recon + (lit + 0.12 * recon) * 1.17)


def world(root: Org) -> World:
    """The world of the case plans under `root`, with the demo city's shares of the casework."""
    return World.load(root, {p.code: p.weight for p in [city.CITY, *city.COUNTIES]})


def generate(
    *,
    scale: float = 1.0,
    seed: int = 1,
    today: dt.date | None = None,
    bulk: bool = False,
    batch: int = 5000,
    events: bool = True,
    root_code: str = city.CITY.code,
    progress: Callable[[Stats], None] | None = None,
) -> Stats:
    """Generate the cases of the demo city. `bulk=False` replays through the services (demo scale);
    `bulk=True` writes rows in batches (bench scale, no history rows). The plans are written in one stream, as
    they are planned; `fazhi demo` writes the same plans app by app (`load_plans`, CaseStream)."""
    today = today or timezone.localdate()
    w = world(Org.objects.get(code=root_code))
    plans = CasePlanner(w, seed=seed, scale=scale, today=today).plans()
    if bulk:
        return BulkWriter(w, today, batch=batch, events=events, progress=progress).write(plans)
    return ServiceWriter(w, today).write(plans)


def load_plans(
    *,
    seed: int,
    scale: float = 1.0,
    bulk: bool = False,
    today: dt.date | None = None,
    root_code: str = city.CITY.code,
    progress: Callable[[Stats], None] | None = None,
) -> Iterator[tuple[str, str]]:
    """Run every domain app's declared demo plan (app contract `demo_plan`, core/demoplan.py), each in its own
    transaction with history rows dated on the replayed day; yields (app name, its one-line summary). The 复议
    and 应诉 plans (first in INSTALLED_APPS, so every other plan finds their cases) write the cases of one
    CaseStream, handed to them in `DemoContext.shared`."""
    from simple_history.signals import pre_create_historical_record

    from fazhi.core.contract import domain_apps, resolve

    root = Org.objects.get(code=root_code)
    today = today or timezone.localdate()
    stream = CaseStream(world(root), seed=seed, scale=scale, today=today, bulk=bulk, progress=progress)
    shared: dict[str, Any] = {CASE_STREAM: stream}
    pre_create_historical_record.connect(_date_history, dispatch_uid="fazhi-demo-plan-history-date")
    try:
        for cfg in domain_apps():
            if not cfg.demo_plan:
                continue
            ctx = DemoContext(
                root=root, today=today, seed=seed, label=cfg.label, scale=scale, bulk=bulk, shared=shared
            )
            with transaction.atomic():
                line = resolve(cfg.demo_plan)(ctx)
            yield str(cfg.verbose_name), line
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="fazhi-demo-plan-history-date")


# ---------------------------------------------------------------------------------------------------------
# What was generated, in the terms of the annual reports.


# The summary's figures that the catalog defines: taken from the indicator engine for the demo city and the year,
# so the summary, the dashboard, the home page and the annual report give one value for one figure (issue 16: the
# summary's 败诉率 counted judgments by the year the suit was filed, the report by the year of judgment).
ENGINE_COUNTS = {
    "recon_received": "reconsideration.received",
    "recon_accepted": "reconsideration.accepted",
    "recon_rejected": "reconsideration.rejected",
    "recon_decided": "reconsideration.concluded",
    "recon_corrected": "reconsideration.corrected",
    "recon_mediated": "reconsideration.mediated",
    "lit_first": "litigation.cases",
    "lit_heard": "litigation.heard",
    "lit_head": "litigation.head_appeared",
    "lit_judged": "litigation.judged",
    "lit_lost": "litigation.lost",
}
ENGINE_RATES = {
    "recon_corrected_rate": "reconsideration.correction_rate",
    "recon_mediated_rate": "reconsideration.mediation_rate",
    "lit_head_rate": "litigation.head_appearance_rate",
    "lit_loss_rate": "litigation.loss_rate",
}


def _engine_figures(root: Org, year: int) -> dict[str, float]:
    from fazhi.indicators.registry import Period, compute

    values = compute(root, Period.year(year), sorted({*ENGINE_COUNTS.values(), *ENGINE_RATES.values()}))
    out: dict[str, float] = {}
    for field_, key in ENGINE_COUNTS.items():
        out[field_] = values[key].value or 0
    for field_, key in ENGINE_RATES.items():
        v = values[key].value
        out[field_] = float(v) / 100 if v is not None else 0.0
    return out


def summary(today: dt.date | None = None, *, root_code: str = city.CITY.code) -> dict[int, dict[str, float]]:
    """Per year: 复议 received/accepted/rejected/abandoned/decided, 纠错率, 调解和解率, open, overdue and
    due within 7 days; 应诉 first-instance suits, share after 复议, 负责人出庭应诉率, 败诉率. The figures the catalog
    defines are the engine's for the root org (ENGINE_COUNTS, ENGINE_RATES)."""
    today = today or timezone.localdate()
    corrected = recon_rules.correction_decisions()
    mediated = Q(decision=Decision.MEDIATION) | Q(
        decision=Decision.TERMINATE, termination_reason=TerminationReason.SETTLED_WITHDRAWN
    )
    open_q = Q(status__in=OPEN_STATUSES)
    out: dict[int, dict[str, float]] = {}
    rows = (
        ReconsiderationCase.objects.values("year")
        .annotate(
            received=Count("id"),
            accepted=Count("id", filter=Q(accepted_on__isnull=False)),
            rejected=Count("id", filter=Q(status=Status.REJECTED)),
            abandoned=Count("id", filter=Q(status=Status.ABANDONED)),
            decided=Count("id", filter=Q(decided_on__isnull=False)),
            corrected=Count("id", filter=Q(decided_on__isnull=False, decision__in=corrected)),
            mediated=Count("id", filter=Q(decided_on__isnull=False) & mediated),
            extended=Count("id", filter=Q(extension_days__gt=0)),
            open=Count("id", filter=open_q),
            overdue=Count("id", filter=open_q & Q(next_due__lt=today)),
            due_7=Count("id", filter=open_q & Q(next_due__gte=today, next_due__lte=today + days(7))),
        )
        .order_by("year")
    )
    suspended = dict(
        Suspension.objects.values("case__year")
        .annotate(n=Count("case", distinct=True))
        .values_list("case__year", "n")
    )
    for row in rows:
        row["suspended"] = suspended.get(row["year"], 0)
        y = out.setdefault(row.pop("year"), {})
        y.update({f"recon_{k}": v for k, v in row.items()})
        d = row["decided"] or 1
        y["recon_corrected_rate"] = row["corrected"] / d
        y["recon_mediated_rate"] = row["mediated"] / d
    lit = (
        LitigationCase.objects.values("complaint_received_on__year")
        .annotate(
            n=Count("id"),
            first=Count("id", filter=Q(stage=Instance.FIRST)),
            after_recon=Count("id", filter=Q(stage=Instance.FIRST, reconsideration__isnull=False)),
            heard=Count("id", filter=Q(first_hearing_on__isnull=False)),
            head=Count("id", filter=Q(head_appeared=True)),
            judged=Count("id", filter=Q(judged_on__isnull=False)),
            lost=Count("id", filter=Q(lost=True)),
            pending=Count("id", filter=Q(status=LitStatus.PENDING)),
        )
        .order_by("complaint_received_on__year")
    )
    for row in lit:
        y = out.setdefault(row.pop("complaint_received_on__year"), {})
        y.update({f"lit_{k}": v for k, v in row.items()})
        y["lit_after_recon_share"] = row["after_recon"] / (row["first"] or 1)
        y["lit_head_rate"] = row["head"] / (row["heard"] or 1)
        y["lit_loss_rate"] = row["lost"] / (row["judged"] or 1)
    root = Org.objects.filter(code=root_code).first()
    if root is not None:
        for year, y in out.items():
            y.update(_engine_figures(root, year))
    return out


def format_summary(data: dict[int, dict[str, float]]) -> str:
    lines = []
    for year, y in sorted(data.items()):
        lines.append(
            f"  {year}年 行政复议：收到 {y.get('recon_received', 0)} 件，受理 {y.get('recon_accepted', 0)}，"
            f"不予受理 {y.get('recon_rejected', 0)}，视为放弃 {y.get('recon_abandoned', 0)}，"
            f"审结 {y.get('recon_decided', 0)}（纠错率 {y.get('recon_corrected_rate', 0):.1%}，"
            f"调解和解率 {y.get('recon_mediated_rate', 0):.1%}），中止 {y.get('recon_suspended', 0)}，"
            f"延期 {y.get('recon_extended', 0)}，未结 {y.get('recon_open', 0)}"
            f"（逾期 {y.get('recon_overdue', 0)}，7日内到期 {y.get('recon_due_7', 0)}）"
        )
        lines.append(
            f"          行政应诉：一审 {y.get('lit_first', 0)} 件（经复议 {y.get('lit_after_recon_share', 0):.1%}），"
            f"二审 {y.get('lit_n', 0) - y.get('lit_first', 0)}，负责人出庭应诉率 {y.get('lit_head_rate', 0):.1%}，"
            f"败诉率 {y.get('lit_loss_rate', 0):.1%}，审理中 {y.get('lit_pending', 0)}"
        )
    return "\n".join(lines)
