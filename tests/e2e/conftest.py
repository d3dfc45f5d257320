"""End-to-end tests: Django's live server, driven by Debian's Chromium through Playwright.

Run them with `pytest -m e2e` (scripts/test does, after `scripts/setup chromium`). A plain `pytest` leaves
them out (deselected, not skipped), unless a path inside tests/e2e is named on the command line.
Playwright's own browser download (`playwright install`) is never used: the machine's /usr/bin/chromium is.

What a test gets from here:
- `live_server` (pytest-django; the test then has transactional database access),
- `browser` (one Chromium per session) and `page` (a fresh context and tab per test, zh-CN, 1366x900;
  on failure a screenshot is saved as test-artifacts/FAILED-<test>.png),
- `login(page, live_server, username, password)`: signs in through the login form,
- `screenshot(page, name)`: saves test-artifacts/<name>.png and returns its path.

    from tests.e2e.conftest import login, screenshot
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.urls import reverse

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parents[1]
ARTIFACTS = Path(os.environ.get("FAZHI_TEST_ARTIFACTS") or ROOT / "test-artifacts")
CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000


# --- selection -----------------------------------------------------------------------------------------


def _names_e2e_path(config: pytest.Config) -> bool:
    base = Path(config.invocation_params.dir)
    for arg in config.args:
        p = Path(arg.split("::", 1)[0])
        p = (p if p.is_absolute() else base / p).resolve()
        if p == E2E_DIR or E2E_DIR in p.parents:
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/e2e is marked `e2e`; without `-m`, they are deselected from a plain run."""
    e2e, rest = [], []
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
        (e2e if item.get_closest_marker("e2e") else rest).append(item)
    if e2e and not config.option.markexpr and not _names_e2e_path(config):
        config.hook.pytest_deselected(items=e2e)
        items[:] = rest


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


# --- browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's /usr/bin/chromium)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `scripts/setup chromium` (never `playwright install`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in the main thread; Django would then refuse database
    # access from test code as "async context". Allowed only while the browser is up, i.e. only in e2e runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(request: pytest.FixtureRequest, browser, live_server):
    """A fresh browser context and tab per test. JavaScript errors are collected in `page.js_errors`."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        base_url=live_server.url,
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.js_errors = []
    tab.on("pageerror", lambda exc: tab.js_errors.append(str(exc)))
    try:
        yield tab
    finally:
        report = getattr(request.node, "_e2e_report_call", None)
        if report is not None and report.failed:
            try:
                path = screenshot(tab, "FAILED-" + request.node.name)
                print(f"\nscreenshot of the failed page: {path} ({tab.url})")
            except Exception as exc:  # the page may be gone; the test's own failure is what matters
                print(f"\nno screenshot of the failed page: {exc}")
        context.close()


# --- helpers -------------------------------------------------------------------------------------------


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as test-artifacts/<name>.png and return the path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.\-]+", "_", name).strip("_") or "screenshot"
    path = ARTIFACTS / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the login page (/login/) and wait until the browser has left it."""
    login_path = reverse("login")
    page.goto(f"{live_server.url}{login_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    if urlparse(page.url).path == login_path:
        alert = page.locator(".alert")
        message = alert.first.inner_text() if alert.count() else "(no message on the page)"
        raise AssertionError(f"login as {username!r} failed, still on the login page: {message}")
