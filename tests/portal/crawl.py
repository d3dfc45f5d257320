"""An anonymous crawl of a jurisdiction's portal: every same-site link from the home page, breadth first, and what
each page must never show (an 18-digit 身份证 number, a mobile or fixed-line phone number, any of the given secrets:
titles of unpublished documents and drafts, internal notes, names of parties). Used by test_privacy.py over a
demo-like database and, by hand, against a running demo:
`python -m tests.portal.crawl http://127.0.0.1:8107 990100 [LIMIT] [PUBLISHED,NUMBERS]`."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

ID_NUMBER = re.compile(
    r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])"
)
PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])|(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])")
FOLLOW = ("/gk/", "/public/", "/normative/library/", "/decisions/public/", "/sitemap.xml")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            self.links += [v for k, v in attrs if k == "href" and v]


def links(html: str, base: str) -> list[str]:
    p = _Links()
    p.feed(html)
    out = []
    for href in p.links:
        parts = urlsplit(urljoin(base, href))
        if parts.netloc or parts.scheme:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(FOLLOW) and "/text-size/" not in path:
            out.append(path)
    return out


def problems(path: str, text: str, secrets: Iterable[str], published: Iterable[str] = ()) -> list[str]:
    """What `text` shows that it must not; `published` are numbers a government publishes on purpose (its
    政府信息公开工作机构's telephone and fax, 条例第十二条)."""
    found = [f"{path}: 身份证号 {m}" for m in ID_NUMBER.findall(text)]
    found += [f"{path}: 电话 {m}" for m in PHONE.findall(text) if m not in set(published)]
    found += [f"{path}: {s}" for s in secrets if s in text]
    return found


def crawl(
    fetch: Callable[[str], tuple[int, str, str]],
    start: str,
    secrets: Iterable[str] = (),
    limit: int = 20000,
    published: Iterable[str] = (),
) -> tuple[int, list[str], list[str]]:
    """(pages fetched, problems, failures). `fetch(path)` -> (status, content type, body)."""
    secrets = [s for s in secrets if s]
    published = set(published)
    seen, queue = {start}, deque([start])
    found, failures, n = [], [], 0
    while queue and n < limit:
        path = queue.popleft()
        status, ctype, body = fetch(path)
        n += 1
        if status >= 500 or (status >= 400 and status != 404):
            failures.append(f"{path}: {status}")
        found += problems(path, body, secrets, published)
        if "html" in ctype or "xml" in ctype:
            for link in (
                links(body, path)
                if "html" in ctype
                else re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", body)
            ):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    return n, found, failures


if __name__ == "__main__":  # pragma: no cover - a manual check against a running server
    import sys
    import urllib.error
    import urllib.request

    base, code = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    published = sys.argv[4].split(",") if len(sys.argv) > 4 else []  # the office's own telephone and fax

    def fetch(path: str) -> tuple[int, str, str]:
        try:
            with urllib.request.urlopen(base + path) as r:  # noqa: S310 - the tester's own server
                return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")

    pages, found, failures = crawl(fetch, f"/gk/{code}/", limit=limit, published=published)
    print(f"{pages} pages (limit {limit}), {len(found)} problems, {len(failures)} failures")
    for line in (found + failures)[:50]:
        print(line)
