"""A unit's own spreadsheet, with other headers than the template, imported in Chromium with JavaScript off:
upload, map the headers (suggestions preselected, a required field left out refused), save the mapping,
import; the next file of that layout goes straight through with the saved mapping."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fazhi.core.models import ImportMapping
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories
from tests.core.test_import_mapping import rows3, unit_file
from tests.core.test_importing import row
from tests.e2e.conftest import CHROMIUM, login, screenshot

pytestmark = pytest.mark.e2e


def test_upload_map_save_and_import_a_file_with_other_headers(browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    tree = factories.build_org_tree()
    factories.make_user("office", org=tree.city, role="office", first_name="林晓燕")
    assert CHROMIUM
    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        login(page, live_server, "office", factories.PASSWORD)
        import_url = live_server.url + reverse("core-import", kwargs={"app": "reconsideration"})

        page.goto(import_url)
        page.set_input_files("#id_file", files=[{"name": "区局台账.xlsx", "mimeType": "application/octet-stream", "buffer": unit_file(rows3())}])  # fmt: skip
        page.get_by_role("button", name="开始导入").click()
        page.wait_for_url(re.compile(r"/import/jobs/\d+/mapping/$"))
        assert "表头与导入模板不同" in page.content()
        # suggestions preselected from the unit's headers
        assert page.locator("#id_col_applicant_summary").input_value() == "申请人姓名"
        assert page.locator("#id_col_number").input_value() == "案件编号"
        assert page.locator("#id_col_received_on").input_value() == "收到申请时间"
        screenshot(page, "import-mapping-form")

        # a required field left unmapped is refused, in Chinese, nothing imported
        page.select_option("#id_col_org", "")
        page.get_by_role("button", name="校验并导入").click()
        assert "「复议机关」为必填项，请选择文件中对应的列" in page.locator("#mapping-errors").inner_text()
        assert not ReconsiderationCase.objects.exists()

        page.select_option("#id_col_org", "复议机关名称")
        page.fill("#id_save_as", "区局台账")
        page.get_by_role("button", name="校验并导入").click()
        page.wait_for_url(re.compile(r"/import/jobs/\d+/$"))
        for _ in range(20):
            if "导入成功：3 条" in page.content():
                break
            page.wait_for_timeout(500)
            page.reload()
        assert "导入成功：3 条" in page.content()
        screenshot(page, "import-mapping-done")
        assert ReconsiderationCase.objects.count() == 3
        assert ImportMapping.objects.get().name == "区局台账"

        # the next file of that layout: the saved mapping is listed and applied without asking
        page.goto(import_url)
        assert "区局台账" in page.locator("#id_mapping").inner_text()
        page.set_input_files("#id_file", files=[{"name": "区局台账2.xlsx", "mimeType": "application/octet-stream", "buffer": unit_file([row(案号="青政复〔2025〕9号")])}])  # fmt: skip
        page.get_by_role("button", name="开始导入").click()
        page.wait_for_url(re.compile(r"/import/jobs/\d+/$"))
        for _ in range(20):
            if "导入成功：1 条" in page.content():
                break
            page.wait_for_timeout(500)
            page.reload()
        assert "导入成功：1 条" in page.content()
        assert ReconsiderationCase.objects.count() == 4
    finally:
        context.close()
