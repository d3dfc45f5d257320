"""Content-Security-Policy in a real browser: the pages run (charts, tom-select, htmx, confirm dialogs) with no
violation reported, i.e. no inline script, event handler or <style> element is left anywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import ApiToken
from fazhi.reports.builder import services as report_services
from tests import factories
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI); });"
    )
    return violations


def test_pages_run_without_csp_violations(page, live_server):
    tree = factories.build_org_tree()
    people = factories.build_personas(tree)
    factories.build_indicator_dataset(tree, people.office)
    report = report_services.create_report(org=tree.city, year=2025, actor=people.office)
    factories.make_user("e2e-root", is_superuser=True, is_staff=True)
    violations = _watch(page)

    page.goto(live_server.url + reverse("login"))
    login(page, live_server, "office", factories.PASSWORD)
    urls = [
        reverse("home"),
        reverse("reconsideration:list"),
        reverse("reconsideration:create"),
        reverse("litigation:list"),
        reverse("indicators:dashboard") + "?year=2025",
        reverse("indicators:targets"),
        reverse("collection:forms"),
        reverse("annual_reports:list"),
        reverse("annual_reports:edit", args=[report.pk]),
        reverse("reviewer:review_list"),
        reverse("reviewer:review_compare"),
        reverse("core-tokens"),
        reverse("core-password-change"),
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.js_errors == [], url
    # The dashboard's charts were drawn from the json_script data by the static dashboard.js.
    page.goto(live_server.url + reverse("indicators:dashboard") + "?year=2025")
    page.wait_for_selector("#trend canvas")
    # tom-select was initialised by app.js on the registration form.
    page.goto(live_server.url + reverse("reconsideration:create"))
    assert page.locator(".ts-wrapper").count() > 0

    page.context.clear_cookies()
    login(page, live_server, "e2e-root", factories.PASSWORD)
    for url in ("/admin/", "/admin/core/apitoken/", "/admin/auth/user/add/", "/api/docs"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # The API docs come from django-ninja's own static Swagger UI (no CDN) and render under the policy.
    page.wait_for_selector(".swagger-ui .information-container")
    assert violations == []


def test_the_token_page_in_a_browser_shows_the_key_once_and_confirms_revocation(page, live_server):
    tree = factories.build_org_tree()
    office = factories.build_personas(tree).office
    violations = _watch(page)
    login(page, live_server, "office", factories.PASSWORD)
    page.goto(live_server.url + reverse("core-tokens"))
    page.fill("input[name=name]", "统计系统对接")
    page.click("button:has-text('创建令牌')")
    key = page.input_value("#new-token")
    assert key.startswith("fz_")
    page.goto(live_server.url + reverse("core-tokens"))
    assert page.locator("#new-token").count() == 0 and key not in page.content()

    page.once("dialog", lambda d: d.dismiss())
    page.click("button:has-text('吊销')")
    assert ApiToken.objects.get(user=office).revoked_at is None
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('吊销')")
    page.wait_for_selector("text=已吊销令牌")
    assert ApiToken.objects.get(user=office).revoked_at is not None
    assert violations == [] and page.js_errors == []


def test_year_selector_submits_without_an_inline_handler(page, live_server):
    tree = factories.build_org_tree()
    factories.build_personas(tree)
    violations = _watch(page)
    login(page, live_server, "office", factories.PASSWORD)
    page.goto(live_server.url + reverse("annual_reports:list"))
    select = page.locator("select[name=year]").first
    assert select.locator("option").count() > 1
    with page.expect_navigation():
        select.select_option(index=1)
    assert "year=" in page.url
    assert violations == [] and page.js_errors == []
