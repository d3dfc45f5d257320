"""Every org-scoped read of 12345 工单: the hotline office sees its jurisdiction's tickets, a unit those dispatched
to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from fazhi.core import codelists, grams
from fazhi.core.casework.kind import exact, get_visible
from fazhi.core.due import DueSource
from fazhi.core.models import DictItem
from fazhi.core.params import int_param, year_param
from fazhi.core.permissions import org_filter, scope_pieces
from fazhi.core.types import Viewer

from .choices import CATEGORY_DICT, OPEN_AT_UNIT, SATISFIED, Outcome, Satisfaction, Status
from .models import Assignment, Ticket


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    unit: int | None = None
    year: int | None = None
    due: str = ""  # "soon" | "overdue": tickets at a unit by their due date
    channel: str = ""
    category: str = ""
    urgency: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseFilters:
        return cls(
            q=(params.get("q") or "").strip(),
            status=params.get("status") or "",
            unit=int_param(params, "unit"),
            year=year_param(params),
            due=params.get("due") or "",
            channel=params.get("channel") or "",
            category=(params.get("category") or "").strip(),
            urgency=params.get("urgency") or "",
        )


#: the grams of caller and location on SQLite (migration 0005; PostgreSQL's are a column, migration 0006)
GRAMS_TABLE = "hotline_ticket_grams"
#: a ticket is seen through the hotline that took it and the unit holding it
SCOPE = ("org", "unit")


def visible_cases(user: Viewer) -> QuerySet[Ticket]:
    return Ticket.objects.filter(org_filter(user, *SCOPE, capability="hotline.view"))


def count_pieces(user: Viewer) -> list[Q] | None:
    """visible_cases' scope as disjoint index ranges, for the list's count (core.web.count_rows)."""
    return scope_pieces(user, Ticket, *SCOPE, capability="hotline.view")


def filtered_cases(user: Viewer, f: CaseFilters) -> QuerySet[Ticket]:
    qs = visible_cases(user)
    if f.q:
        # 工单编号 exactly, else the caller or the place: a substring of three or more characters through the
        # trigram indexes on PostgreSQL (migration 0002); of one or two letters or digits (张, 欧阳) through the
        # grams index (fazhi.core.grams: migration 0005 on SQLite, 0006 on PostgreSQL), the rows of the
        # substring search
        by_number = qs.filter(number=f.q)
        if by_number.exists():
            qs = by_number
        elif grams.indexed_short(f.q):
            qs = qs.filter(grams.holding(Ticket._meta.db_table, GRAMS_TABLE, [f.q]))
        else:
            qs = qs.filter(Q(caller__contains=f.q) | Q(location__contains=f.q))
    qs = exact(
        qs,
        f,
        {
            "status": "status",
            "unit": "unit_id",
            "channel": "channel",
            "category": "category",
            "urgency": "urgency",
        },
    )
    if f.year:
        qs = qs.filter(received_on__gte=date(f.year, 1, 1), received_on__lte=date(f.year, 12, 31))
    today = timezone.localdate()
    at_unit = qs.filter(status__in=OPEN_AT_UNIT)
    if f.due == "soon":
        qs = at_unit.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif f.due == "overdue":
        qs = at_unit.filter(due_on__lt=today)
    return qs


def get_case(user: Viewer, pk: int) -> Ticket:
    return get_visible(visible_cases(user), pk, user=user, related=("org", "unit", "merged_into"))


def categories() -> dict[str, str]:
    """The 诉求分类 dictionary: code -> label (the office edits it in the admin)."""
    return dict(
        DictItem.objects.filter(category=CATEGORY_DICT).order_by("sort", "code").values_list("code", "label")
    )


def due_source() -> DueSource:
    """The open tickets at units, by their due date (督办 of overdue ones), owed by the unit holding them. The
    partial index on due_on (open tickets only) serves the counts and the first rows at any table size."""

    def queryset(user: Viewer | None) -> QuerySet[Ticket]:
        qs = visible_cases(user) if user is not None else Ticket.objects.all()
        return qs.filter(status__in=OPEN_AT_UNIT)

    return DueSource(
        key="hotline.ticket",
        label="12345热线",
        queryset=queryset,
        due_field="due_on",
        rule="12345工单办理期限（本级热线办理时限设置）",
        org="unit",
        title=lambda t: f"{t.number} · {t.caller}",
        url=lambda t: reverse("hotline:detail", args=[t.pk]),
    )


# -- 分档分类评价 (国办函〔2025〕66号: "分档分类评价", "不片面追求排名") ------------------------------------------------

#: volume tiers (档) by tickets dispatched in the period: a unit is compared with units of like load only
TIERS = ((1000, "大件量"), (100, "中件量"), (0, "小件量"))
#: grades on the unit's own figures, not on its place in a ranking
GRADES = ((95.0, 90.0, "好"), (85.0, 80.0, "较好"), (0.0, 0.0, "一般"))


@dataclass
class UnitScore:
    unit_id: int
    name: str
    unit_type: str
    tier: str
    dispatched: int
    closed: int
    on_time: int
    rated: int
    satisfied: int
    returned: int
    returned_days: int
    overdue_open: int

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time * 100 / self.closed, 1) if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(self.satisfied * 100 / self.rated, 1) if self.rated else None

    @property
    def grade(self) -> str:
        """好/较好/一般 by the unit's own on-time and satisfaction rates (thresholds, not a rank); too few
        closed tickets to grade: 样本不足."""
        if self.closed < 10:
            return "样本不足"
        on_time, satisfied = self.on_time_rate or 0.0, self.satisfaction_rate or 0.0
        for min_on_time, min_sat, label in GRADES:
            if on_time >= min_on_time and satisfied >= min_sat:
                return label
        return "一般"  # pragma: no cover - the last grade takes every value


def unit_evaluation(user: Viewer, start: date, end: date) -> dict[str, dict[str, list[UnitScore]]]:
    """分档分类评价 of the units holding the visible tickets received in [start, end]: {单位类型 (分类): {档: units}},
    each group ordered by grade then name — never one ranking of all units. One GROUP BY query over the tickets
    (received in the period, by their current unit) and one over the units."""
    from fazhi.core.models import Org

    today = timezone.localdate()
    qs = visible_cases(user).filter(received_on__gte=start, received_on__lte=end, unit__isnull=False)
    rows = (
        qs.exclude(status=Status.MERGED)
        .order_by()
        .values("unit_id")
        .annotate(
            dispatched=Count("pk"),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            on_time=Count("pk", filter=Q(status=Status.CLOSED, on_time=True)),
            rated=Count("pk", filter=Q(satisfaction__in=[*SATISFIED, Satisfaction.DISSATISFIED])),
            satisfied=Count("pk", filter=Q(satisfaction__in=SATISFIED)),
            overdue_open=Count("pk", filter=Q(status__in=OPEN_AT_UNIT, due_on__lt=today)),
        )
    )
    data: dict[int, dict[str, int]] = {
        r["unit_id"]: {**cast(dict[str, int], r), "returned": 0, "returned_days": 0} for r in rows
    }
    # 退单 upheld, accounted to the unit that held the ticket (its working days on its own 派单 record)
    returned = (
        Assignment.objects.filter(outcome=Outcome.RETURNED, ticket__in=qs.values("pk"))
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), days=Sum("held_days"))
    )
    for ret in returned:
        row = data.setdefault(
            ret["unit_id"],
            {"dispatched": 0, "closed": 0, "on_time": 0, "rated": 0, "satisfied": 0, "overdue_open": 0},
        )
        row["returned"], row["returned_days"] = ret["n"], ret["days"] or 0
    units = {o.id: o for o in Org.objects.filter(id__in=data).only("id", "name", "unit_type")}
    # 单位类型 is a code of the dictionary of that name (core.models.Org.unit_type); show its label
    type_labels = dict(codelists.choices(codelists.UNIT_TYPE))
    out: dict[str, dict[str, list[UnitScore]]] = {}
    order = {label: i for i, (_, _, label) in enumerate(GRADES)}
    for unit_id, r in data.items():
        unit = units[unit_id]
        tier = next(label for floor, label in TIERS if r["dispatched"] >= floor)
        s = UnitScore(
            unit_id=unit_id,
            name=unit.name,
            unit_type=type_labels.get(unit.unit_type, unit.unit_type) or "其他单位",
            tier=tier,
            **{k: r[k] for k in ("dispatched", "closed", "on_time", "rated", "satisfied", "returned")},
            returned_days=r["returned_days"],
            overdue_open=r["overdue_open"],
        )
        out.setdefault(s.unit_type, {}).setdefault(tier, []).append(s)
    for tiers in out.values():
        for scores in tiers.values():
            scores.sort(key=lambda s: (order.get(s.grade, len(order)), s.name))
    tier_order = [label for _, label in TIERS]
    return {k: {t: out[k][t] for t in tier_order if t in out[k]} for k in sorted(out)}
