"""Every page each persona reaches, walked as that persona: no codes, commands or English on a user's screen
(issue 10 §5). The walk follows the menu, then the first record of each list, its edit page, and the links of the
home page; the visible text (no tags, scripts or attribute values) may hold ASCII words only from ALLOWED, and dates only in the house formats (2026-12-04, 2026年12月4日)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory

from fazhi.core.context_processors import navigation
from tests import factories

# Words a Chinese government clerk reads every day, proper names and units.
ALLOWED = {
    "Excel", "PDF", "Word", "API", "docx", "xlsx", "pdf", "csv", "CSV", "ECharts", "Fazhi",
    "http", "https", "www", "gov", "cn", "com", "MB", "KB", "GB", "txt",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")


class _Text(HTMLParser):
    """The text a user sees: data outside <script>, <style>, <template>, <noscript>, and outside elements marked
    `data-raw`: what a person typed (a login name tried on the login page, a browser's user agent), shown as is."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.raw: list[str] = []  # the tags of open data-raw elements
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if any(name == "data-raw" for name, _ in attrs):
            self.raw.append(tag)
            self.depth += 1
        elif tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:  # what a user reads in attributes: placeholders and titles
            if name in ("placeholder", "title", "aria-label") and value and not self.depth:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if self.raw and tag == self.raw[-1]:
            self.raw.pop()
            self.depth -= 1
        elif tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return " ".join(p.parts)


# One date format everywhere: 2026-12-04 in tables, 2026年12月4日 in prose. Anything else (2026/12/04, 12/04/2026,
# 2026.12.04, Django's "上午/下午" times) is a page that skipped the house format.
OTHER_DATE = re.compile(
    r"(?<!\d)(?:\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}\.\d{1,2}\.\d{1,2})(?!\d)|\d{1,2}:\d{2}\s*(?:上午|下午)|(?:上午|下午)\s*\d{1,2}:\d{2}"
)


def foreign_words(html: str) -> set[str]:
    text = visible_text(html)
    return {w for w in WORD.findall(text) if w not in ALLOWED} | set(OTHER_DATE.findall(text))


def _menu_urls(user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [i["url"] for g in navigation(request)["nav_menu"] for i in g["items"]]


LINK = re.compile(r'href="(/[^"#?]*/\d+/)"')


def walk(client, user) -> dict[str, set[str]]:
    client.force_login(user)
    todo = ["/", *_menu_urls(user)]
    seen: set[str] = set()
    found: dict[str, set[str]] = {}
    while todo:
        url = todo.pop(0)
        if url in seen or len(seen) > 80:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        words = foreign_words(html)
        if words:
            found[url] = words
        # one record of each kind the page links to (its detail page)
        for link in dict.fromkeys(LINK.findall(html)):
            prefix = link.rsplit("/", 2)[0]
            if not any(
                s.startswith(prefix + "/") and s[len(prefix) + 1 :].rstrip("/").isdigit() for s in seen
            ):
                todo.append(link)
    return found


def test_a_date_in_another_format_is_found():
    assert foreign_words("<td>2026/12/04</td><td>2026-12-04</td><p>2026年12月4日</p>") == {"2026/12/04"}
    assert foreign_words("<td>2026.12.4</td><td>下午 3:05</td>") == {"2026.12.4", "下午 3:05"}


@pytest.mark.parametrize("persona", ["office", "reviewer", "leader", "clerk_a", "county_office", "sysadmin"])
def test_no_codes_or_english_on_any_page(client, tree, personas, office, persona):
    factories.build_indicator_dataset(tree, office)
    found = walk(client, getattr(personas, persona))
    assert not found, "\n".join(f"{u}: {sorted(w)}" for u, w in found.items())


@pytest.mark.parametrize("username", ["fzb", "scjg", "admin"])
def test_no_codes_or_english_on_the_demo_citys_pages(demo_city, client, username):
    """The same walk over the demo city, whose records every domain app wrote (the factories' dataset above holds
    only 复议 and 应诉 cases): each app's lists, the first record of each, in the demo's own words and dates. The
    office sees every app, the clerk a unit's pages, the administrator the system pages; the other personas' menus
    are walked above."""
    from django.contrib.auth import get_user_model

    found = walk(client, get_user_model().objects.get(username=username))
    assert not found, "\n".join(f"{u}: {sorted(w)}" for u, w in found.items())
