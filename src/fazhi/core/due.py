"""The due-date protocol: every open statutory or assigned obligation of every app, queried the same way.

An app declares its sources (the app contract): `due_sources = ["fazhi.reconsideration.selectors:due_source"]`
on its AppConfig, each naming a function that returns a `DueSource`. A source is a declaration, not a list of
rows: the queryset of OPEN obligations (org-scoped through the app's selectors), the due-date field, the rule
label, the responsible org and person, a title and the record's URL. Counting and listing run in the database:
`due_summary` is one COUNT query per source and `due_list`/`due_page` read at most `limit` rows per source,
ordered by due date (an index lookup on tables of millions of rows), merged here.

The home page's 即将到期/已逾期, the due list page and `fazhi remind` use only this module; central apps
(统计填报) declare their source on their AppConfig the same way.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, Expression, F, Q, QuerySet, Value
from django.utils.module_loading import import_string

#: "即将到期" = due today or within this many days
DUE_SOON_DAYS = 7

OVERDUE = "overdue"
SOON = "soon"
KINDS = {OVERDUE: "已逾期", SOON: "即将到期"}


@dataclass(frozen=True)
class DueSource:
    """One kind of obligation of one app (e.g. 行政复议 cases' current statutory deadline)."""

    key: str  # "reconsideration.case"
    label: str  # "行政复议"
    #: the OPEN obligations visible to `user` (None: every one, for `fazhi remind`); rows without a due date
    #: are left out here
    queryset: Callable[[Any], QuerySet]
    due_field: str  # a DateField of the model
    #: the rule label, a string or an expression giving one per row (e.g. Case/When over the status), naming
    #: the statutory rule when there is one: "答辩期限（《行政诉讼法》第六十七条第一款）"
    rule: str | Expression
    #: the responsible org: an FK name or an expression giving an org id per row
    org: str | Expression
    title: Callable[[Any], str]  # e.g. case number + applicant
    url: Callable[[Any], str]
    #: the responsible person (an FK to the user model), None when the model names none (the org answers)
    person: str | None = None
    select_related: tuple[str, ...] = field(default=())

    def annotated(self, user) -> QuerySet:
        qs = self.queryset(user).filter(**{f"{self.due_field}__isnull": False})
        org = F(f"{self.org}_id") if isinstance(self.org, str) else self.org
        rule = Value(self.rule) if isinstance(self.rule, str) else self.rule
        extra = {"dp_due": F(self.due_field), "dp_org_id": org, "dp_rule": rule}
        if self.person:
            extra["dp_person_id"] = F(f"{self.person}_id")
        return qs.annotate(**extra)

    def filtered(self, user, kind: str, today: date) -> QuerySet:
        qs = self.annotated(user)
        if kind == OVERDUE:
            return qs.filter(dp_due__lt=today)
        if kind == SOON:
            return qs.filter(dp_due__gte=today, dp_due__lte=today + timedelta(days=DUE_SOON_DAYS))
        return qs


@dataclass(frozen=True)
class Due:
    """One open obligation: record, rule, due date, days left, responsible org and person, URL."""

    source: str
    source_label: str
    record: Any
    rule: str
    due_on: date
    days_left: int  # negative when overdue
    org: Any
    person: Any
    title: str
    url: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def sort_key(self) -> tuple[date, str, int]:
        return (self.due_on, self.source, self.record.pk)


# Sources of central apps that have no AppConfig attribute of their own may register here.
_registered: list[str] = []


def register(path: str) -> None:
    if path not in _registered:
        _registered.append(path)


def sources() -> list[DueSource]:
    """Every declared source: `due_sources` of every installed app (in INSTALLED_APPS order), then registered."""
    paths: list[str] = []
    for cfg in apps.get_app_configs():
        paths.extend(getattr(cfg, "due_sources", ()) or ())
    paths.extend(p for p in _registered if p not in paths)
    return [import_string(p.replace(":", "."))() for p in paths]


def get_source(key: str) -> DueSource | None:
    return next((s for s in sources() if s.key == key), None)


def due_summary(user, today: date, *, only: list[DueSource] | None = None) -> dict[str, Any]:
    """Overdue / due-within-7-days / all open counts per source and in total: one COUNT query per source."""
    rows = []
    for src in only or sources():
        counts = src.annotated(user).aggregate(
            overdue=Count("pk", filter=Q(dp_due__lt=today)),
            soon=Count("pk", filter=Q(dp_due__gte=today, dp_due__lte=today + timedelta(days=DUE_SOON_DAYS))),
            open=Count("pk"),
        )
        rows.append({"key": src.key, "label": src.label, **counts})
    return {
        "sources": rows,
        OVERDUE: sum(r[OVERDUE] for r in rows),
        SOON: sum(r[SOON] for r in rows),
        "open": sum(r["open"] for r in rows),
    }


def _rows(src: DueSource, qs: QuerySet, today: date) -> list[Due]:
    from .models import Org

    objs = list(qs.select_related(*src.select_related))
    orgs = Org.objects.in_bulk({o.dp_org_id for o in objs if o.dp_org_id})
    users: dict[int, Any] = {}
    if src.person:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.in_bulk({o.dp_person_id for o in objs if o.dp_person_id})
    return [
        Due(
            source=src.key,
            source_label=src.label,
            record=o,
            rule=o.dp_rule,
            due_on=o.dp_due,
            days_left=(o.dp_due - today).days,
            org=orgs.get(o.dp_org_id),
            person=users.get(getattr(o, "dp_person_id", None)),
            title=src.title(o),
            url=src.url(o),
        )
        for o in objs
    ]


def _after(qs: QuerySet, src: DueSource, cursor: tuple[date, str, int] | None) -> QuerySet:
    """Rows strictly after the cursor in (due date, source key, pk) order."""
    if cursor is None:
        return qs
    due_on, key, pk = cursor
    q = Q(dp_due__gt=due_on)
    if src.key > key:
        q |= Q(dp_due=due_on)
    elif src.key == key:
        q |= Q(dp_due=due_on, pk__gt=pk)
    return qs.filter(q)


def due_list(
    user,
    kind: str,
    today: date,
    limit: int = 8,
    *,
    source: str = "",
    cursor: tuple[date, str, int] | None = None,
) -> list[Due]:
    """Open obligations of the user's scope ordered by due date, `kind` = "overdue" | "soon" | "" (all), at most
    `limit` rows read per source and merged."""
    lists = []
    for src in sources():
        if source and src.key != source:
            continue
        qs = _after(src.filtered(user, kind, today), src, cursor).order_by("dp_due", "pk")[:limit]
        lists.append(_rows(src, qs, today))
    return list(heapq.merge(*lists, key=lambda d: d.sort_key))[:limit]


def encode_cursor(due: Due) -> str:
    return f"{due.due_on:%Y-%m-%d}~{due.source}~{due.record.pk}"


def decode_cursor(raw: str | None) -> tuple[date, str, int] | None:
    """A cursor from the query string; a malformed one is ignored (the first page)."""
    if not raw:
        return None
    try:
        day, key, pk = raw.split("~")
        return (date.fromisoformat(day), key, int(pk))
    except ValueError:
        return None


def due_page(user, kind: str, today: date, *, source: str = "", cursor: str | None = None, size: int = 50):
    """One keyset page of the due list: (rows, next cursor or None)."""
    rows = due_list(user, kind, today, size + 1, source=source, cursor=decode_cursor(cursor))
    more = len(rows) > size
    rows = rows[:size]
    return rows, (encode_cursor(rows[-1]) if more and rows else None)


def iter_due(kind: str, today: date, chunk: int = 500) -> Iterator[Due]:
    """Every open obligation of `kind` of every source, unscoped (for `fazhi remind`), read in chunks."""
    for src in sources():
        cursor = None
        while True:
            qs = _after(src.filtered(None, kind, today), src, cursor).order_by("dp_due", "pk")[:chunk]
            rows = _rows(src, qs, today)
            yield from rows
            if len(rows) < chunk:
                break
            cursor = rows[-1].sort_key


def rule_label(name: str, label: str = "") -> str:
    """A statutory rule's label with its citation: "审查是否受理（《中华人民共和国行政复议法》第三十条）"."""
    from fazhi.law.deadlines import RULES

    rule = RULES[name]
    return f"{label or rule.title}（{rule.citation}）"
