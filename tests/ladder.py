"""The permission ladder (STYLE.md "Personas and the permission ladder"), declared once per app.

Each domain app writes `tests/<app>/ladder.py` with `LADDER = Ladder(...)`: a builder of unit A's record, its
page URLs and API paths, and one write action. `tests/test_ladder.py` runs the whole ladder for every app that
declares one (found through the app contract, `domain_apps()`), for every persona:

    office, reviewer   read and write unit A's record
    clerk_a            reads it (unit A's own clerk)
    clerk_b, county    another unit / another county: the record answers 404, lists leave it out
    leader             reads, but every write is refused (page: a message and nothing changed; API: 403)
    anonymous          pages send to the login page, the API answers 401

Expectations differ per app only where the app says so (`writes`, e.g. a clerk who may or may not act)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.core.contract import domain_apps

READERS = {
    "office": 200,
    "reviewer": 200,
    "leader": 200,
    "clerk_a": 200,
    "clerk_b": 404,
    "county_office": 404,
}
# persona -> (page outcome, API status): "done" = the record changed; "refused" = a message, nothing changed.
WRITERS = {
    "office": ("done", 200),
    "reviewer": ("done", 200),
    "leader": ("refused", 403),
    "clerk_b": (404, 404),
    "county_office": (404, 404),
}


@dataclass(frozen=True)
class Action:
    """One write on the record: page and API paths (with {pk}), the form/JSON data, and how to see it done."""

    page: str
    api: str
    data: dict
    done: Callable[[object], bool]  # (record reloaded) -> whether the action took effect


@dataclass(frozen=True)
class Ladder:
    app: str
    record: Callable  # (tree, office) -> unit A's record
    model: type
    #: pages every logged-in persona opens (the list first, the create form), scoped by content
    pages: tuple[str, ...]
    #: pages only for those who may write (the import page): the read-only leader gets 403
    write_pages: tuple[str, ...]
    #: the record's page, with {pk}
    detail: str
    #: API paths: the list and the record (with {pk})
    api_list: str
    api_detail: str
    action: Action
    #: expectations of writing; an app overrides a persona (e.g. its clerk of unit A)
    writes: dict = field(default_factory=dict)
    #: personas refused (403) on the write pages
    write_pages_refused: tuple[str, ...] = ("leader",)

    def url(self, pattern: str, record) -> str:
        return pattern.format(pk=record.pk)

    def expected_write(self, persona: str):
        return {**WRITERS, **self.writes}[persona]

    def write_personas(self) -> list[str]:
        return [*WRITERS, *(p for p in self.writes if p not in WRITERS)]


def ladders() -> dict[str, Ladder]:
    """Every installed domain app's declared ladder (tests/<label>/ladder.py), by app label."""
    found = {}
    for cfg in domain_apps():
        try:
            module = importlib.import_module(f"tests.{cfg.label}.ladder")
        except ModuleNotFoundError:
            continue
        found[cfg.label] = module.LADDER
    return found


def listed_on_page(content: str, detail: str) -> set[int]:
    """The records a list page links to by their page `detail` (the ladder's pattern with {pk})."""
    link = re.escape(detail).replace(re.escape("{pk}"), r"(\d+)")
    return {int(pk) for pk in re.findall(f'href="{link}"', content)}
