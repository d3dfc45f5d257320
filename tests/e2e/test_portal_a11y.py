"""The public portal in Chromium as a citizen sees it (issue 15 §5): axe-core (vendored from the npm package,
tests/e2e/vendor) finds no serious or critical WCAG 2.1 A/AA violation on any page type, on a desktop and on a
390×844 phone, in standard and large-text mode; the skip link and the keyboard reach the content; with JavaScript
off a citizen still applies online."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi.disclosure.models import Application
from fazhi.portal.sections import all_sections
from tests import factories
from tests.e2e.conftest import screenshot
from tests.normative import factories as normative

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def portal(transactional_db):
    tree = factories.build_org_tree()
    personas = factories.build_personas(tree)
    doc = normative.published(personas.office, issuer=tree.city, published_on=date(2025, 9, 16))
    return tree, doc


def _axe(page) -> list[dict]:
    page.evaluate(AXE)
    result = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def _pages(tree, doc) -> list[str]:
    code = tree.city.code
    return [
        "/gk/",
        f"/gk/{code}/",
        *[f"/gk/{code}/{s.key}/" for s in all_sections()],
        f"/gk/{code}/normative/{doc.pk}/",
        f"/gk/{code}/search/?q=供热管理",
        f"/gk/{code}/enforcement/?tab=officers",
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_axe_violation_on_any_portal_page(browser, live_server, portal, viewport):
    tree, doc = portal
    # axe is evaluated into the page: the site's CSP (script-src 'self') would refuse an injected script tag
    context = browser.new_context(
        viewport=viewport, locale="zh-CN", base_url=live_server.url, bypass_csp=True
    )
    page = context.new_page()
    bad = {}
    try:
        for large in ("0", "1"):
            page.goto(f"/gk/text-size/?large={large}&next=/gk/")
            for path in _pages(tree, doc):
                page.goto(path)
                violations = _axe(page)
                if violations:
                    bad[f"{path} large={large}"] = violations
                if large == "0" and viewport is PHONE:
                    screenshot(page, "portal-phone" + path.replace("/", "-").replace("?", "-"))
                if large == "1" and viewport is DESKTOP and path == f"/gk/{tree.city.code}/":
                    screenshot(page, "portal-desktop-home-large")
                if large == "0" and viewport is DESKTOP:
                    screenshot(page, "portal-desktop" + path.replace("/", "-").replace("?", "-"))
        # the disclosure form with its errors shown
        page.goto(f"/gk/{tree.city.code}/disclosure/")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_load_state()
        assert page.locator(".invalid-feedback").count() >= 3
        violations = _axe(page)
        if violations:
            bad["disclosure form with errors"] = violations
    finally:
        context.close()
    assert not bad, bad


def test_skip_link_and_keyboard(page, portal):
    tree, _ = portal
    page.goto(f"/gk/{tree.city.code}/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the section menu is reachable by keyboard
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "规范性文件库":
            break
    else:
        raise AssertionError("规范性文件库 not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/gk/{tree.city.code}/normative/")


def test_a_citizen_applies_with_javascript_off(browser, live_server, portal):
    tree, _ = portal
    context = browser.new_context(
        viewport=PHONE, locale="zh-CN", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(f"/gk/{tree.city.code}/")
        page.get_by_role("link", name="依申请公开").first.click()
        page.select_option("#id_unit", str(tree.unit_a.pk))
        page.fill("#id_applicant", "李四")
        page.select_option("#id_applicant_class", "person")
        page.fill("#id_contact", "lisi@example.cn")
        page.fill("#id_content", "2025年本市城市供热价格调整的听证报告")
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_load_state()
        assert "申请已提交" in page.content()
        screenshot(page, "portal-phone-disclosure-receipt-nojs")
        page.get_by_role("link", name="大字版（适老化）").click()
        assert 'class="portal-large"' in page.content()
    finally:
        context.close()
    app = Application.objects.get()
    assert app.channel == "online" and app.applicant == "李四"
