"""Search across a jurisdiction's public content, from an index kept in the database (portal.SearchEntry): one row
per entry the sections give (`entries(org)`, core/public.py), per portal.

- SQLite: an FTS5 table with the trigram tokenizer over the rows (migration 0002, kept by triggers), which finds
  any run of three or more characters, so Chinese needs no word segmentation; ranked by bm25, title first.
- PostgreSQL: a pg_trgm GIN index on the searched text (no Chinese tokenizer is packaged by Debian for it), which
  serves `LIKE '%词%'`; titles that match come first, then the newest.
- Terms of one or two characters (一个、两个汉字, too short for trigrams) are read from an index of the rows'
  grams, their one- and two-character pieces (fazhi.core.grams): on SQLite `grams`, the distinct pieces of letters
  and digits, in an FTS5 table (ascii tokenizer: every gram one token; migration 0003); on PostgreSQL the
  `search_grams` array a trigger sets from `doc`, with a GIN index (migration 0004). A row holds a term of one or
  two letters or digits exactly when its grams hold it, so the answer is the substring search's, read from an
  index. A short term with other characters (punctuation) is a substring scan on both.

Keeping it current: a section names the models its entries come from (`changes_with`); a committed save or delete
of one of them (or of an Org) raises the section's stamp (SectionStamp), and a search first re-reads the sections
whose stamp or day moved since that portal's index was built, applying only the difference. A section naming no
model is re-read on every search. `fazhi reindex-portal` rebuilds everything (after bulk writes that send no
signals) and `--check` compares the index with the live content (bench/portal_search.py measures it)."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from fazhi.core.grams import grams_of, holding, indexed_short, reads_index
from fazhi.core.models import Org
from fazhi.core.public import PublicEntry, PublicSection

from .models import IndexedSection, SearchEntry, SectionStamp
from .sections import all_sections

MAX_RESULTS = 50
FTS_TABLE = "portal_search_fts"
GRAMS_TABLE = "portal_search_grams"


@dataclass(frozen=True)
class Hit:
    section: str
    entry: PublicEntry
    snippet: str


def _terms(query: str) -> list[str]:
    return [t.lower() for t in query.replace("\u3000", " ").replace('"', " ").split() if t][:8]


def indexed_sections() -> list[PublicSection]:
    return [s for s in all_sections() if s.entries is not None]


# -- keeping the index current ---------------------------------------------------------------------------------


def _doc(e: PublicEntry) -> str:
    return f"{e.title}\n{e.summary}\n{e.text}".lower()


FIELDS = ("title", "on", "summary", "text", "doc", "grams")


def _row_values(e: PublicEntry) -> dict:
    digest = hashlib.sha1(f"{e.title}\x1f{e.on}\x1f{e.summary}\x1f{e.text}".encode(), usedforsecurity=False)
    doc = _doc(e)
    return {
        "title": e.title,
        "on": e.on,
        "summary": e.summary,
        "text": e.text,
        "doc": doc,
        "grams": grams_of(doc) if connection.vendor == "sqlite" else None,  # read on SQLite only
        "digest": digest.hexdigest(),
    }


def _live(org: Org, section: PublicSection) -> dict[str, dict]:
    live: dict[str, dict] = {}
    for e in section.entries(org) if section.entries else ():
        live.setdefault(e.url, _row_values(e))
    return live


def _stamps() -> dict[str, int]:
    return dict(SectionStamp.objects.values_list("section", "stamp"))


def reindex_section(org: Org, section: PublicSection, stamp: int, day: date, *, force: bool = False) -> int:
    """Bring `org`'s rows of `section` in line with its live entries; the number of rows written or deleted."""
    live = _live(org, section)
    state, _ = IndexedSection.objects.get_or_create(org=org, section=section.key)
    try:
        with transaction.atomic():
            state = IndexedSection.objects.select_for_update().get(pk=state.pk)
            if state.stamp == stamp and state.day == day and section.changes_with and not force:
                return 0  # another process has just done it
            # what is stored, by address: only its id and digest are read
            stored = SearchEntry.objects.filter(org=org, section=section.key).values_list(
                "url", "pk", "digest"
            )
            rows = {url: (pk, digest) for url, pk, digest in stored}
            gone = [pk for url, (pk, _) in rows.items() if url not in live]
            new, changed = [], []
            for url, values in live.items():
                if url not in rows:
                    new.append(SearchEntry(org=org, section=section.key, url=url, **values))
                elif rows[url][1] != values["digest"]:
                    changed.append(
                        SearchEntry(pk=rows[url][0], org=org, section=section.key, url=url, **values)
                    )
            SearchEntry.objects.filter(pk__in=gone).delete()
            SearchEntry.objects.bulk_update(changed, [*FIELDS, "digest"], batch_size=500)
            SearchEntry.objects.bulk_create(new, batch_size=500)
            IndexedSection.objects.filter(pk=state.pk).update(stamp=stamp, day=day)
    except IntegrityError:
        return 0  # a concurrent refresh of the same section wrote the same rows first
    return len(gone) + len(changed) + len(new)


def refresh(org: Org, *, force: bool = False) -> int:
    """Re-read the sections of `org`'s portal that changed since its index was built (all of them with `force`)."""
    stamps = _stamps()
    states = {s.section: s for s in IndexedSection.objects.filter(org=org)}
    today = timezone.localdate()
    sections = indexed_sections()
    written = 0
    for s in sections:
        stamp = stamps.get(s.key, 0)
        state = states.get(s.key)
        current = state is not None and state.stamp == stamp and state.day == today
        if force or not current or not s.changes_with:
            written += reindex_section(org, s, stamp, today, force=force)
    if force:  # rows of a section no app declares any more (searches never read them)
        keys = [s.key for s in sections]
        written += SearchEntry.objects.filter(org=org).exclude(section__in=keys).delete()[0]
        IndexedSection.objects.filter(org=org).exclude(section__in=keys).delete()
    return written


def drift(org: Org) -> list[str]:
    """How `org`'s stored index differs from the live entries, without refreshing it (empty when it is current)."""
    out = []
    for s in indexed_sections():
        live = _live(org, s)
        stored = {
            r["url"]: {k: r[k] for k in (*FIELDS, "digest")}
            for r in SearchEntry.objects.filter(org=org, section=s.key).values()
        }
        out += [f"{s.title}：索引缺少 {u}" for u in live.keys() - stored.keys()]
        out += [f"{s.title}：索引多出 {u}" for u in stored.keys() - live.keys()]
        out += [f"{s.title}：索引内容过期 {u}" for u in live.keys() & stored.keys() if live[u] != stored[u]]
    return sorted(out)


_pending = threading.local()
_WATCHED: dict[type, set[str]] = defaultdict(set)


def _bump_pending() -> None:
    keys = getattr(_pending, "keys", set())
    _pending.keys = set()
    for key in sorted(keys):
        if not SectionStamp.objects.filter(section=key).update(stamp=F("stamp") + 1):
            try:
                with transaction.atomic():
                    SectionStamp.objects.create(section=key, stamp=1)
            except IntegrityError:
                SectionStamp.objects.filter(section=key).update(stamp=F("stamp") + 1)


def _changed(sender, using=None, **kwargs) -> None:
    """A watched model was saved or deleted: raise its sections' stamps once its transaction commits (once per
    transaction however many rows it wrote; a rolled-back transaction's keys are flushed by the next commit)."""
    keys = _WATCHED.get(sender)
    if not keys:
        return
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    pending |= keys
    transaction.on_commit(_bump_pending, using=using, robust=True)


def watch() -> None:
    """Connect the save/delete signals of every model a section names (and Org, which every section shows)."""
    _WATCHED.clear()
    for s in indexed_sections():
        for label in (*s.changes_with, "core.Org"):
            _WATCHED[apps.get_model(label)].add(s.key)
    for model in _WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-search-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-search-del-{model._meta.label}")


# -- searching ---------------------------------------------------------------------------------------------------


def _snippet(row: SearchEntry, terms: list[str], width: int = 60) -> str:
    body = f"{row.summary}\n{row.text}".strip()
    low = body.lower()
    at = min((i for i in (low.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, at - 20)
    piece = " ".join(body[start : start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")


def _matching(org: Org, terms: list[str], sections: list[str]):
    qs = SearchEntry.objects.filter(org=org, section__in=sections)
    short = [t for t in terms if indexed_short(t)]
    for t in terms:
        if t not in short:
            qs = qs.filter(doc__contains=t)
    if short:
        grams = qs.filter(holding(SearchEntry._meta.db_table, GRAMS_TABLE, short))
        if connection.vendor != "postgresql" or reads_index(grams):
            return grams
        # The planner expects the short terms in most entries and would test each row's grams (a few hundred
        # pieces stored out of line, about 3x a text test: bench/portal_search.py); the same rows by the text.
        for t in short:
            qs = qs.filter(doc__contains=t)
    return qs


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_ids(org: Org, terms: list[str], sections: list[str]) -> list[int]:
    """SQLite: the matching rows' ids, best first (bm25, titles weighing five times the rest). Terms of three or
    more characters go through the trigram index, shorter ones are substrings of the rows it found."""
    match = " AND ".join('"' + t + '"' for t in terms if len(t) >= 3)
    short = [t for t in terms if len(t) < 3]
    # only constant names and "%s" placeholders are joined into the statement; the terms are bound parameters
    sql = (
        f"SELECT e.id FROM {FTS_TABLE} JOIN portal_searchentry e ON e.id = {FTS_TABLE}.rowid "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND e.org_id = %s "
        f"AND e.section IN ({', '.join('%s' for _ in sections)}) "
        + "".join("AND e.doc LIKE %s ESCAPE '\\' " for _ in short)
        + f"ORDER BY bm25({FTS_TABLE}, 5.0, 1.0), e.id LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [match, org.pk, *sections, *(_like(t) for t in short), MAX_RESULTS])
        return [r[0] for r in cur.fetchall()]


def search(org: Org, query: str) -> list[Hit]:
    terms = _terms(query)
    if not terms:
        return []
    refresh(org)
    sections = indexed_sections()
    titles = {s.key: s.title for s in sections}
    if connection.vendor == "sqlite" and any(len(t) >= 3 for t in terms):
        ids = _fts_ids(org, terms, list(titles))
        by_id = SearchEntry.objects.in_bulk(ids)
        rows = [by_id[pk] for pk in ids if pk in by_id]
    else:
        in_title = Q()
        for t in terms:
            in_title &= Q(title__icontains=t)
        title_first = Case(When(in_title, then=0), default=1)
        section_order = Case(*(When(section=k, then=i) for i, k in enumerate(titles)), default=len(titles))
        rows = list(
            _matching(org, terms, list(titles))
            .defer("doc")
            .order_by(title_first, section_order, F("on").desc(nulls_last=True), "id")[:MAX_RESULTS]
        )
    return [
        Hit(
            titles.get(r.section, r.section),
            PublicEntry(r.title, r.url, r.on, r.summary, r.text),
            _snippet(r, terms),
        )
        for r in rows
    ]
