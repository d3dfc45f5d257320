"""Each persona's main pages at desktop and phone size (issue 10 §6): screenshots in test-artifacts/, and on a
390×844 phone the menu is folded behind its button and list rows are cards whose cells name their column."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

PAGES = {
    "office": ["home", "reconsideration:list", "indicators:dashboard"],
    "reviewer": ["home", "reconsideration:list"],
    "leader": ["home", "indicators:dashboard"],
    "clerk_a": ["home", "litigation:list", "collection:tasks"],
    "county_office": ["home", "reconsideration:list"],
}


def test_each_persona_on_desktop_and_phone(browser, live_server):
    tree = factories.build_org_tree()
    people = factories.build_personas(tree)
    factories.build_indicator_dataset(tree, people.office)
    for persona, names in PAGES.items():
        user = getattr(people, persona)
        for size, viewport in (
            ("desktop", {"width": 1366, "height": 900}),
            ("phone", {"width": 390, "height": 844}),
        ):
            context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
            page = context.new_page()
            try:
                login(page, live_server, user.username, factories.PASSWORD)
                for name in names:
                    page.goto(live_server.url + reverse(name) + ("?year=2025" if "dashboard" in name else ""))
                    page.wait_for_load_state("networkidle")
                    screenshot(page, f"persona-{persona}-{size}-{name.replace(':', '-')}", full_page=False)
                    if size == "phone":
                        assert not page.locator("#sidebar-menu").is_visible(), f"{persona} {name}: menu open"
                        if name.endswith(":list"):
                            cell = page.locator("table.table-cards tbody tr td[data-label]").first
                            assert cell.evaluate("e => getComputedStyle(e).display") == "block"
                            width = page.evaluate("document.documentElement.scrollWidth")
                            assert width <= 390, f"{persona} {name}: {width}px wide on a 390px phone"
                if size == "phone":  # the menu opens from its button
                    page.locator(".navbar-toggler").click()
                    page.locator("#sidebar-menu").wait_for(state="visible")
            finally:
                context.close()
