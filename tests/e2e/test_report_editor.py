"""The annual report editor: figures are inserted from a searchable picker (by Chinese name or area) and shown as
chips with their live value; bold is a button; what is saved is still the stored form ({{ key }}, **…**)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.reports.builder import services
from fazhi.reports.models import AnnualReport
from tests.e2e.conftest import login, screenshot
from tests.reports.test_builder import YEAR, build_world

pytestmark = pytest.mark.e2e


def test_figures_are_picked_by_name_or_area_and_shown_as_chips(page, live_server):
    world = build_world()
    report = services.create_report(org=world.city, year=YEAR, actor=world.office)
    services.update_report(
        report=report,
        actor=world.office,
        sections={"other_matters": "全年审结{{ reconsideration.concluded }}，**一是**依法办案。"},
    )
    login(page, live_server, "b_office", "Fz-builder-2025!")
    page.goto(live_server.url + reverse("annual_reports:edit", args=[report.pk]))
    editor = page.locator("#rich-other_matters")
    # the stored text is shown as an editor: the figure is a chip with its name and value, no placeholder
    chip = editor.locator('.fig-chip[data-token="reconsideration.concluded"]')
    assert "行政复议审结案件数" in chip.inner_text() and "10件" in chip.inner_text()  # the county's 2 too
    assert "{{" not in editor.inner_text() and "**" not in editor.inner_text()
    assert editor.locator("b").inner_text() == "一是"
    assert page.locator("#t-other_matters").is_hidden()

    # the toolbar's picker finds a figure by its area's name, and inserts it at the caret
    editor.locator("div").last.click()
    page.keyboard.press("End")
    page.keyboard.type("纠错率为")
    box = page.locator("#section-other_matters .figure-pick-box")
    box.locator("input").click()
    box.locator("input").fill("行政复议")
    option = page.locator(".ts-dropdown .option", has_text="行政复议纠错率").first
    option.wait_for()
    assert "%" in option.inner_text()  # the live value is shown in the picker
    option.click()
    assert editor.locator('.fig-chip[data-token="reconsideration.correction_rate"]').count() == 1
    # typing goes on in the editor, after the chip (not into the picker)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'rich-other_matters'")
    page.keyboard.type("。")
    stored = page.locator("#t-other_matters").input_value()
    assert stored == (
        "全年审结{{ reconsideration.concluded }}，**一是**依法办案。纠错率为{{ reconsideration.correction_rate }}。"
    )
    # the side panel's search filters by area too
    page.fill("#picker-filter", "行政应诉")
    assert page.locator(".picker-row:visible").count() > 0
    areas = page.evaluate(
        "[...document.querySelectorAll('.picker-group:not([hidden])')].map(g => g.querySelector('th').textContent)"
    )
    assert areas == ["行政应诉"]  # every figure of the area, whatever its own name says
    # the preview follows the editor
    page.locator("#preview-other_matters .figure", has_text="%").first.wait_for()
    screenshot(page, "report-editor-desktop", full_page=False)

    page.get_by_role("button", name="保存").click()
    page.locator(".alert-success").wait_for()
    report = AnnualReport.objects.get(pk=report.pk)
    assert services.content_of(report).sections["other_matters"] == stored

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#rich-other_matters").scroll_into_view_if_needed()
    screenshot(page, "report-editor-phone", full_page=False)
