"""Record numbers (临府复〔2024〕12号): one NumberSequence row per org, app and year.

`next_number` locks the row (SELECT … FOR UPDATE) and counts on, so two clerks registering at the same moment get
two numbers; bulk paths `reserve` a block in one update, and imports that bring their own numbers `claim` them so
the counter never hands them out again. A year's row is created on first use, with the prefix and pattern of the
org's nearest other year for the app (the office edits them in the admin), else the app's default: the org's
short name followed by the app's `number_suffix` (复 → 临城县复)."""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import NumberSequence, Org

DEFAULT_PATTERN = "{prefix}〔{year}〕{seq}号"


def default_prefix(org: Org, app: str) -> str:
    suffix = getattr(apps.get_app_config(app), "number_suffix", "")
    return f"{org.short_name or org.name}{suffix}"


def _template(org_id: int, app: str, year: int) -> NumberSequence | None:
    rows = NumberSequence.objects.filter(org_id=org_id, app=app)
    return rows.filter(year__lt=year).order_by("-year").first() or rows.order_by("year").first()


def _ensure(org: Org, app: str, year: int) -> None:
    """Create the (org, app, year) row on first use (a concurrent creator wins harmlessly)."""
    if NumberSequence.objects.filter(org_id=org.pk, app=app, year=year).exists():
        return
    tpl = _template(org.pk, app, year)
    try:
        with transaction.atomic():
            NumberSequence.objects.create(
                org_id=org.pk,
                app=app,
                year=year,
                prefix=tpl.prefix if tpl else "",
                pattern=tpl.pattern if tpl else DEFAULT_PATTERN,
            )
    except IntegrityError:  # another transaction created it first
        pass


def _advance(org: Org, app: str, year: int, n: int) -> NumberSequence:
    """Add `n` to the counter and return the locked row as it is after: the UPDATE takes the row lock (the
    database's write lock on SQLite) before the read, so concurrent callers are serialised."""
    _ensure(org, app, year)
    rows = NumberSequence.objects.filter(org_id=org.pk, app=app, year=year)
    if n:
        rows.update(last=F("last") + n)
    return rows.select_for_update().get()


def format_number(row: NumberSequence, org: Org, seq: int) -> str:
    prefix = row.prefix or default_prefix(org, row.app)
    return row.pattern.format(prefix=prefix, year=row.year, seq=seq)


@transaction.atomic
def next_number(org: Org, app: str, year: int) -> tuple[int, str]:
    """The next (seq, number) of `app`'s records of `org` in `year`; the row stays locked until commit."""
    row = _advance(org, app, year, 1)
    return row.last, format_number(row, org, row.last)


@transaction.atomic
def reserve(org: Org, app: str, year: int, n: int) -> tuple[NumberSequence, int]:
    """Reserve `n` consecutive numbers in one update: (the row, to format them with; the first seq)."""
    row = _advance(org, app, year, n)
    return row, row.last - n + 1


@transaction.atomic
def number_blank(records: list, app: str, *, date_field: str = "received_on") -> None:
    """Give the records of one import that have no number yet the next numbers of their org (`org`) and year
    (`date_field`): one block reserved per org and year, in one update each."""
    blocks: dict[tuple[int, int], list] = {}
    for r in records:
        if not r.number:
            blocks.setdefault((r.org_id, getattr(r, date_field).year), []).append(r)
    for (_, year), items in blocks.items():
        org = items[0].org
        row, first = reserve(org, app, year, len(items))
        for i, r in enumerate(items):
            r.number = format_number(row, org, first + i)


def hold(org: Org, app: str, year: int) -> NumberSequence:
    """The (org, app, year) counter, locked until the caller's transaction commits without taking a number: an
    import about to write the numbers it planned holds it, so nobody numbers a record meanwhile. The no-op UPDATE
    takes the lock on SQLite too (its database write lock); outside a transaction (SQLite's staged imports) it
    is a plain read."""
    _ensure(org, app, year)
    rows = NumberSequence.objects.filter(org_id=org.pk, app=app, year=year)
    rows.update(last=F("last"))
    return rows.select_for_update().get() if transaction.get_connection().in_atomic_block else rows.get()


def claim(org: Org, app: str, year: int, upto: int) -> None:
    """Numbers up to `upto` are in use (an import brought its own): the counter continues after them."""
    _ensure(org, app, year)
    NumberSequence.objects.filter(org_id=org.pk, app=app, year=year, last__lt=upto).update(last=upto)


def sequence(org: Org, app: str, year: int) -> NumberSequence:
    """The (org, app, year) row without taking a number (the importer formats numbers in memory with it). A plain
    read: the importer calls it while validating, outside any transaction, where PostgreSQL refuses SELECT … FOR
    UPDATE (the numbers are claimed when the rows are written)."""
    _ensure(org, app, year)
    return NumberSequence.objects.get(org_id=org.pk, app=app, year=year)


def set_prefix(org: Org, app: str, prefix: str, *, year: int | None = None) -> None:
    """The office's prefix for `app` (every year's row of the org, or `year`'s only), e.g. when setting up."""
    from django.utils import timezone

    rows = NumberSequence.objects.filter(org_id=org.pk, app=app)
    if year is not None:
        rows = rows.filter(year=year)
    if not rows.update(prefix=prefix):
        NumberSequence.objects.create(org=org, app=app, year=year or timezone.localdate().year, prefix=prefix)


def prefix(org: Org, app: str, year: int | None = None) -> str:
    """The prefix the office set for `app` (the given year's, or the nearest year's), else the default."""
    from django.utils import timezone

    tpl = NumberSequence.objects.filter(org_id=org.pk, app=app, year=year).first() if year else None
    tpl = tpl or _template(org.pk, app, year or timezone.localdate().year + 1)
    return (tpl.prefix if tpl else "") or default_prefix(org, app)
