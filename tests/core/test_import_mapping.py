"""Import with column mapping (fazhi.core.importing.mapping): suggestions by name, the mapping form, saved
mappings per importer and unit (audited), the mapped job and the CLI; the 行政复议 sheet is the vehicle."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.importing import import_file
from fazhi.core.importing.cells import Column
from fazhi.core.importing.mapping import check_mapping, matches_template, save_mapping, suggest
from fazhi.core.models import ImportJob, ImportMapping
from fazhi.core.tasks import cleanup_import_files
from fazhi.reconsideration.importers import ReconsiderationImporter
from fazhi.reconsideration.models import Applicant, ReconsiderationCase

from .test_importing import HEADERS, URLS, messages, nothing_written, row, upload, xlsx

COLUMNS = ReconsiderationImporter.columns

# A unit's own ledger: other words for the same columns, another order, an extra column, another sheet name.
UNIT_HEADERS = {
    "序号": None,
    "申请人姓名": "申请人",
    "案件编号": "案号",
    "复议机关名称": "复议机关",
    "被申请人": "被申请人",
    "行为类型": "行为类别",
    "被申请复议的具体行政行为": "被申请复议的行政行为",
    "收到申请时间": "收到申请日期",
    "备注": None,
}


def unit_file(rows: list[dict], sheet: str = "Sheet1") -> bytes:
    """The rows (by template header) written with the unit's headers."""
    unit_rows = []
    for n, r in enumerate(rows, 1):
        unit_rows.append(
            {h: (n if h == "序号" else "无" if h == "备注" else r.get(t)) for h, t in UNIT_HEADERS.items()}
        )
    return xlsx(unit_rows, headers=list(UNIT_HEADERS), sheet=sheet)


EXPECTED = {
    "number": "案件编号",
    "org": "复议机关名称",
    "respondent": "被申请人",
    "act_type": "行为类型",
    "act_description": "被申请复议的具体行政行为",
    "applicant_summary": "申请人姓名",
    "received_on": "收到申请时间",
}


def rows3() -> list[dict]:
    return [
        row(案号=f"青政复〔2025〕{i}号", 申请人=f"申请人{i}", 收到申请日期=date(2025, 3, i))
        for i in (1, 2, 3)
    ]


# -- suggestions ------------------------------------------------------------------------------------------


def test_suggestions_pair_realistic_variant_headers():
    assert suggest(COLUMNS, list(UNIT_HEADERS)) == EXPECTED  # 序号 and 备注 stay unmapped


def test_suggestions_prefer_the_closest_header_and_use_each_header_once():
    columns = (
        Column("applicant", "申请人", required=True),
        Column("applicant_kind", "申请人类型"),
        Column("number", "案号"),
        Column("received_on", "收到申请日期"),
        Column("closed_on", "结案日期"),
    )
    got = suggest(columns, ["申请人姓名", "申请人类别", "案件号", "申请时间", "办结时间", "联系电话"])
    assert got == {
        "applicant": "申请人姓名",
        "applicant_kind": "申请人类别",
        "number": "案件号",
        "received_on": "申请时间",
        "closed_on": "办结时间",  # 结案日期 ≈ 办结时间: suggested, the user confirms
    }


def test_an_importer_declares_its_own_synonyms():
    columns = (Column("party", "当事人", aliases=("相对人", "行政相对人")),)
    assert suggest(columns, ["行政相对人", "备注"]) == {"party": "行政相对人"}
    assert suggest((Column("party", "当事人"),), ["行政相对人", "备注"]) == {}


def test_the_template_file_needs_no_mapping():
    assert matches_template(COLUMNS, HEADERS)
    assert matches_template(COLUMNS, [*HEADERS, "错误原因"])  # a corrected error workbook
    assert not matches_template(COLUMNS, list(UNIT_HEADERS))
    assert not matches_template(COLUMNS, [h for h in HEADERS if h != "复议机关"])  # a required column missing


def test_check_mapping_refuses_an_unmapped_required_field_a_header_twice_and_an_absent_header():
    chosen = {**EXPECTED, "org": "", "respondent": "复议机关名称", "decision": "复议决定书"}
    problems = check_mapping(COLUMNS, list(UNIT_HEADERS), chosen)
    assert "「复议机关」为必填项，请选择文件中对应的列" in problems
    assert "「复议决定」对应的列「复议决定书」在文件中不存在" in problems
    assert check_mapping(COLUMNS, list(UNIT_HEADERS), {**EXPECTED, "act_field": "复议机关名称"}) == [
        "文件中的列「复议机关名称」同时对应了「复议机关」、「管理领域」，每列只能对应一项"
    ]
    assert check_mapping(COLUMNS, list(UNIT_HEADERS), EXPECTED) == []


# -- the mapped import ------------------------------------------------------------------------------------


def snapshot() -> list[tuple]:
    skip = {"id", "created_at", "updated_at", "case_id"}
    cases = [
        tuple(sorted((k, v) for k, v in c.items() if k not in skip))
        for c in ReconsiderationCase.objects.order_by("number").values()
    ]
    applicants = sorted(
        tuple(sorted((k, v) for k, v in a.items() if k not in skip)) for a in Applicant.objects.values()
    )
    return [*cases, *applicants]


class _Undo(Exception):
    pass


def test_the_mapped_import_equals_the_template_import(tree, office):
    try:
        with transaction.atomic():
            template = import_file("reconsideration", xlsx(rows3()), user=office, filename="a.xlsx")
            assert template.ok and template.created == 3, messages(template)
            expected = snapshot()
            raise _Undo
    except _Undo:
        pass
    assert nothing_written()
    mapped = import_file(
        "reconsideration", unit_file(rows3()), user=office, filename="b.xlsx", mapping={"columns": EXPECTED}
    )
    assert mapped.ok and mapped.created == 3, messages(mapped)
    assert snapshot() == expected and len(expected) == 6


def test_a_bad_row_after_mapping_writes_nothing_and_names_the_files_own_header(tree, office):
    rows = rows3()
    rows[1]["行为类别"] = "行政扣押"
    result = import_file(
        "reconsideration", unit_file(rows), user=office, filename="b.xlsx", mapping={"columns": EXPECTED}
    )
    assert not result.ok and nothing_written()
    assert len(result.errors) == 1 and messages(result)[0].startswith("第3行「行为类型」：")


def test_a_mapping_that_does_not_fit_the_file_is_refused(tree, office):
    result = import_file(
        "reconsideration",
        unit_file(rows3()),
        user=office,
        filename="b.xlsx",
        mapping={"columns": {**EXPECTED, "org": "复议机关全称"}},
    )
    assert not result.ok and nothing_written()
    assert "「复议机关」对应的列「复议机关全称」在文件中不存在" in messages(result)[0]


# -- the pages ----------------------------------------------------------------------------------------------


def form(chosen: dict[str, str], save_as: str = "") -> dict[str, str]:
    data = {f"col_{c.key}": chosen.get(c.key, "") for c in COLUMNS}
    data["save_as"] = save_as
    return data


def mapping_url(job) -> str:
    return reverse("core-import-mapping", kwargs={"pk": job.pk})


@pytest.mark.urls(URLS)
def test_a_file_with_other_headers_shows_the_mapping_form_with_suggestions(login, office, media):
    client = login(office)
    response = upload(client, unit_file([row()]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.MAPPING and job.source
    assert response.status_code == 302 and response["Location"] == mapping_url(job)
    # the status page sends a waiting job back to its form
    assert client.get(reverse("core-import-status", kwargs={"pk": job.pk}))["Location"] == mapping_url(job)
    html = client.get(mapping_url(job)).content.decode()
    assert "表头与导入模板不同" in html and "工作表「Sheet1」" in html
    assert '<option value="申请人姓名" selected>申请人姓名</option>' in html
    assert '<label class="form-label mb-0 required" for="id_col_org">复议机关</label>' in html
    assert '<label class="form-label mb-0" for="id_col_number">案号</label>' in html


@pytest.mark.urls(URLS)
def test_an_unmapped_required_field_or_a_header_twice_is_refused_in_chinese(login, office, media):
    client = login(office)
    upload(client, unit_file(rows3()))
    job = ImportJob.objects.get()
    response = client.post(mapping_url(job), form({**EXPECTED, "org": ""}))
    assert response.status_code == 400
    assert "「复议机关」为必填项，请选择文件中对应的列" in response.content.decode()
    response = client.post(mapping_url(job), form({**EXPECTED, "decision_note": "被申请人"}))
    assert response.status_code == 400
    assert (
        "文件中的列「被申请人」同时对应了「被申请人」、「决定要旨」，每列只能对应一项"
        in response.content.decode()
    )
    job.refresh_from_db()
    assert job.status == ImportJob.State.MAPPING and nothing_written()
    assert not ImportMapping.objects.exists()


@pytest.mark.tasks
@pytest.mark.urls(URLS)
def test_map_save_import_then_the_saved_mapping_is_reused_and_audited(login, office, clerk_b, media):
    client = login(office)
    upload(client, unit_file(rows3()))
    job = ImportJob.objects.get()
    response = client.post(mapping_url(job), form(EXPECTED, save_as="区局台账"))
    assert response["Location"] == reverse("core-import-status", kwargs={"pk": job.pk})
    job.refresh_from_db()
    assert job.status == ImportJob.State.DONE and job.imported == 3, job.errors
    saved = ImportMapping.objects.get()
    assert (saved.app, saved.name, saved.org, saved.columns) == (
        "reconsideration",
        "区局台账",
        office.memberships.get().org,
        EXPECTED,
    )
    created = saved.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == (
        "+",
        office,
        "新建列对应方案",
    )

    # the next file of that layout goes straight to the job
    more = [row(案号="青政复〔2025〕9号", 申请人="孙七")]
    response = upload(client, unit_file(more))
    second = ImportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("core-import-status", kwargs={"pk": second.pk})
    assert second.status == ImportJob.State.DONE and second.imported == 1
    assert second.mapping["name"] == "区局台账" and ReconsiderationCase.objects.count() == 4

    # chosen explicitly on the upload form, it is listed there
    assert (
        "区局台账" in client.get(reverse("core-import", kwargs={"app": "reconsideration"})).content.decode()
    )

    # changing it is audited too
    save_mapping(office, "reconsideration", "区局台账", {**EXPECTED, "number": ""})
    changed = saved.history.order_by("-history_id").first()
    assert (changed.history_type, changed.history_change_reason) == ("~", "修改列对应方案")

    # another unit does not see it
    page = login(clerk_b).get(reverse("core-import", kwargs={"app": "reconsideration"})).content.decode()
    assert "区局台账" not in page


@pytest.mark.tasks
@pytest.mark.urls(URLS)
def test_a_chosen_mapping_that_does_not_fit_goes_to_the_form_with_the_reason(login, office, media):
    client = login(office)
    saved = ImportMapping.objects.create(app="reconsideration", name="旧格式", columns={**EXPECTED, "org": "复议机关全称"}, org=office.memberships.get().org)  # fmt: skip
    f = io.BytesIO(unit_file(rows3()))
    f.name = "b.xlsx"
    client.post(reverse("core-import", kwargs={"app": "reconsideration"}), {"file": f, "mapping": saved.pk})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.MAPPING
    html = client.get(mapping_url(job)).content.decode()
    assert (
        "文件的表头与方案「旧格式」不符" in html
        and "「复议机关」对应的列「复议机关全称」在文件中不存在" in html
    )
    assert '<option value="复议机关名称" selected>' in html  # the suggestion fills what the mapping lacks


@pytest.mark.tasks
@pytest.mark.urls(URLS)
def test_a_bad_row_after_mapping_fails_the_job_with_the_error_workbook_on_the_files_columns(
    login, office, media
):
    client = login(office)
    rows = rows3()
    rows[2]["收到申请日期"] = "去年"
    upload(client, unit_file(rows))
    job = ImportJob.objects.get()
    client.post(mapping_url(job), form(EXPECTED))
    job.refresh_from_db()
    assert job.status == ImportJob.State.FAILED and job.error_count == 1 and nothing_written()
    assert job.errors[0]["text"].startswith("第4行「收到申请时间」：日期格式不正确：去年")
    report = client.get(reverse("core-import-errors", kwargs={"pk": job.pk}))
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content)))["复议案件"]
    header = [c.value for c in ws[1]]
    assert header == [*UNIT_HEADERS, "错误原因"]
    bad = ws.cell(row=4, column=header.index("收到申请时间") + 1)
    assert bad.value == "去年" and bad.comment is not None


@pytest.mark.urls(URLS)
def test_the_template_file_still_goes_straight_to_the_job(login, office, media, monkeypatch):
    from fazhi.core import import_views

    monkeypatch.setattr(import_views, "run_import_job", SimpleNamespace(enqueue=lambda pk: None))
    client = login(office)
    response = upload(client, xlsx([row()]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.PENDING and job.mapping == {}
    assert response["Location"] == reverse("core-import-status", kwargs={"pk": job.pk})


@pytest.mark.urls(URLS)
def test_another_users_waiting_job_is_not_found(login, office, clerk_a, media):
    upload(login(office), unit_file(rows3()))
    job = ImportJob.objects.get()
    assert login(clerk_a).get(mapping_url(job)).status_code == 404


def test_a_job_left_waiting_for_its_mapping_is_given_up_and_its_file_deleted(tree, office, media, settings):
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    job = ImportJob(
        app="reconsideration", filename="b.xlsx", created_by=office, status=ImportJob.State.MAPPING
    )
    job.source.save("b.xlsx", ContentFile(b"x"), save=False)
    job.save()
    later = timezone.now() + dt.timedelta(days=settings.FAZHI_IMPORT_RETENTION_DAYS + 1)
    assert cleanup_import_files(now=later) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.State.FAILED and not job.source


# -- the CLI ------------------------------------------------------------------------------------------------


def test_cli_imports_with_a_saved_mapping_by_name(tree, office, tmp_path):
    save_mapping(office, "reconsideration", "区局台账", EXPECTED)
    f = tmp_path / "b.xlsx"
    f.write_bytes(unit_file(rows3()))
    out = io.StringIO()
    call_command("import", "reconsideration", str(f), user="office", mapping_name="区局台账", stdout=out, stderr=io.StringIO())  # fmt: skip
    assert "导入成功：3 条" in out.getvalue()
    with pytest.raises(CommandError, match="没有名为「别的」的reconsideration列对应方案"):
        call_command("import", "reconsideration", str(f), user="office", mapping_name="别的")
