"""The shared import machinery (fazhi.core.importing): file checks, parsing, all-or-nothing, error report,
template, the CLI, the upload page with its background job, and export.

Files are built in the test with openpyxl; the 行政复议 sheet is the vehicle (its own rules are in
tests/reconsideration/test_importers.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import include, path, reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.importing import (
    ERROR_COLUMN,
    RowError,
    error_workbook,
    import_file,
    parse_date,
    template_workbook,
)
from fazhi.core.models import ImportJob
from fazhi.reconsideration.importers import ReconsiderationImporter
from fazhi.reconsideration.models import Applicant, CaseEvent, ReconsiderationCase
from fazhi.urls import urlpatterns as project_urlpatterns

# The project includes fazhi.core.import_urls at "import/"; this urlconf makes the pages testable either way.
urlpatterns = [*project_urlpatterns, path("import/", include("fazhi.core.import_urls"))]
URLS = "tests.core.test_importing"

HEADERS = [c.header for c in ReconsiderationImporter.columns]
SHEET = ReconsiderationImporter.sheet_name


def row(**values) -> dict:
    """One valid 行政复议 row (a case still under acceptance review), overridden by header."""
    base = {
        "复议机关": "青城市人民政府",
        "被申请人": "青城市市场监督管理局",
        "行为类别": "行政处罚",
        "被申请复议的行政行为": "罚款二千元的行政处罚决定",
        "申请人": "张三",
        "收到申请日期": date(2025, 3, 3),
    }
    base.update(values)
    return base


def xlsx(rows: list[dict], *, headers: list[str] | None = None, sheet: str = SHEET, edit=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    headers = headers or HEADERS
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    if edit:
        edit(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def nothing_written() -> bool:
    return not (
        ReconsiderationCase.objects.exists() or Applicant.objects.exists() or CaseEvent.objects.exists()
    )


def messages(result) -> list[str]:
    return [str(e) for e in result.errors]


# -- the good path -------------------------------------------------------------------------------------


def test_good_file_imports_every_row_with_history(tree, office):
    rows = [row(申请人=f"申请人{i}", 收到申请日期=date(2025, 3, i + 1)) for i in range(5)]
    result = import_file("reconsideration", xlsx(rows), user=office, filename="cases.xlsx")
    assert result.ok, messages(result)
    assert result.created == 5 == ReconsiderationCase.objects.count()
    history = ReconsiderationCase.history.all()
    assert history.count() == 5
    assert {(h.history_type, h.history_user_id, h.history_change_reason) for h in history} == {
        ("+", office.pk, "导入")
    }
    assert Applicant.history.filter(history_user=office, history_change_reason="导入").count() == 5


def test_date_cells_and_the_three_text_formats_are_accepted(tree, office):
    rows = [
        row(收到申请日期=date(2025, 3, 3)),
        row(收到申请日期=datetime(2025, 3, 4, 0, 0)),  # noqa: DTZ001 - an Excel date-time cell is naive
        row(收到申请日期="2025-03-05"),
        row(收到申请日期="2025/3/6"),
        row(收到申请日期="2025年3月7日"),
    ]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert result.ok, messages(result)
    got = sorted(ReconsiderationCase.objects.values_list("received_on", flat=True))
    assert got == [date(2025, 3, d) for d in range(3, 8)]


def test_parse_date_rejects_serial_numbers_and_impossible_dates():
    assert parse_date("2024/2/29") == date(2024, 2, 29)
    with pytest.raises(ValueError, match="日期不存在"):
        parse_date("2025-02-30")
    with pytest.raises(ValueError, match="日期格式不正确"):
        parse_date(45000.0)
    with pytest.raises(ValueError, match="日期格式不正确"):
        parse_date("三月三日")


def test_csv_in_utf8_and_gbk(tree, office):
    for encoding, name in (("utf-8-sig", "张三"), ("gb18030", "李四")):
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(HEADERS)
        r = row(申请人=name, 收到申请日期="2025-03-03")
        w.writerow([r.get(h, "") for h in HEADERS])
        result = import_file(
            "reconsideration", buf.getvalue().encode(encoding), user=office, filename="c.csv"
        )
        assert result.ok, messages(result)
    assert sorted(ReconsiderationCase.objects.values_list("applicant_summary", flat=True)) == ["张三", "李四"]


def ods(rows: list[dict], *, formula_in: str | None = None) -> bytes:
    """A minimal OpenDocument spreadsheet (what LibreOffice writes, reduced to what readers need)."""

    def cell(value) -> str:
        if value is None:
            return "<table:table-cell/>"
        if formula_in is not None and value == formula_in:
            return (
                '<table:table-cell table:formula="of:=1+1" office:value-type="string">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in values) + "</table:table-row>"
        for values in [
            HEADERS,
            *[[None if r.get(h) is None else str(r.get(h)) for h in HEADERS] for r in rows],
        ]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{SHEET}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
            ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/"'
            ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        zf.writestr("content.xml", content)
    return buf.getvalue()


def test_ods_files_are_read_and_their_formulas_refused(tree, office):
    result = import_file("reconsideration", ods([row(申请人="王五")]), user=office, filename="c.ods")
    assert result.ok, messages(result)
    result = import_file(
        "reconsideration", ods([row(申请人="赵六")], formula_in="赵六"), user=office, filename="c.ods"
    )
    assert messages(result) == ["文件含有公式，请将公式转换为数值后再导入"]
    assert list(ReconsiderationCase.objects.values_list("applicant_summary", flat=True)) == ["王五"]


def test_blank_rows_are_skipped_and_row_numbers_stay_excel_numbers(tree, office):
    rows = [row(), {}, row(行为类别="不存在的类别")]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert messages(result) == [
        "第4行「行为类别」：「不存在的类别」不是可选的值；可选：行政处罚、行政许可、行政强制、征收征用及补偿、"
        "行政确认、不履行法定职责、政府信息公开、行政协议、其他"
    ]
    assert nothing_written()


def test_corrected_error_workbook_comes_back_with_its_reason_column(tree, office):
    data = xlsx([row()], headers=[*HEADERS, ERROR_COLUMN])
    result = import_file("reconsideration", data, user=office)
    assert result.ok, messages(result)


# -- bad files write nothing and say why ---------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_parsing(tree, office, settings, monkeypatch):
    settings.FAZHI_MAX_UPLOAD_BYTES = 1024  # stands for the 20 MB default; the file below is ~5 KB

    def boom(*args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("parsed an oversized file")

    monkeypatch.setattr("fazhi.core.importing.importer.read_table", boom)
    result = import_file("reconsideration", xlsx([row()]), user=office)
    assert len(result.errors) == 1
    assert "超过上限 0.0 MB" in str(result.errors[0]) or "超过上限" in str(result.errors[0])
    assert nothing_written()


def test_a_50_mb_file_is_refused_from_its_size_alone(tree, office, settings, tmp_path):
    settings.FAZHI_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:  # sparse: 50 MB on paper, nothing to parse
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"\0")
    result = import_file("reconsideration", big, user=office)
    assert messages(result) == ["文件大小 50.0 MB 超过上限 20.0 MB，请拆分为多个文件后再导入"]


def test_not_an_excel_file(tree, office):
    pdf = b"%PDF-1.7\n" + b"x" * 200
    result = import_file("reconsideration", pdf, user=office, filename="cases.xlsx")
    assert messages(result) == [
        "文件不是 Excel（.xlsx/.xls/.ods）或 CSV 文件，无法导入。请下载导入模板，填写后上传。"
    ]
    zip_without_sheets = io.BytesIO()
    with zipfile.ZipFile(zip_without_sheets, "w") as zf:
        zf.writestr("readme.txt", "hello")
    result = import_file("reconsideration", zip_without_sheets.getvalue(), user=office, filename="cases.xlsx")
    assert "不是 Excel 工作簿" in messages(result)[0]
    assert nothing_written()


def test_wrong_sheet(tree, office):
    result = import_file("reconsideration", xlsx([row()], sheet="Sheet1"), user=office)
    assert messages(result) == [
        "找不到工作表「复议案件」（文件中的工作表：「Sheet1」）。请使用导入模板，或把数据所在的工作表改名为「复议案件」"
    ]
    assert nothing_written()


def test_wrong_and_missing_headers(tree, office):
    headers = [h for h in HEADERS if h != "收到申请日期"] + ["备注"]
    result = import_file("reconsideration", xlsx([row()], headers=headers), user=office)
    assert messages(result) == [
        "工作表「复议案件」第1行表头不正确：缺少必填列「收到申请日期」；未知的列「备注」。请下载并使用「行政复议案件」导入模板。"
    ]
    assert nothing_written()


def test_bad_dates_name_row_column_and_reason(tree, office):
    rows = [
        row(),
        row(收到申请日期="2025-13-01"),
        row(收到申请日期="三月三日"),
        row(收到申请日期=45000),
        row(收到申请日期=None),
    ]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert messages(result) == [
        "第3行「收到申请日期」：日期不存在：2025-13-01",
        "第4行「收到申请日期」：日期格式不正确：三月三日（可用格式：2024-01-31、2024/1/31、2024年1月31日）",
        "第5行「收到申请日期」：日期格式不正确：45000（请使用日期单元格，或 2024-01-31 格式的文本）",
        "第6行「收到申请日期」：必填，不能为空",
    ]
    assert nothing_written()


def test_a_date_in_the_future_is_refused(tree, office):
    result = import_file("reconsideration", xlsx([row(收到申请日期="2099-01-01")]), user=office)
    assert messages(result) == ["第2行「收到申请日期」：日期 2099-01-01 晚于今天，历史记录的日期不能在将来"]


def test_unknown_choice_and_unknown_org(tree, office):
    rows = [row(审理程序="特别程序"), row(被申请人="不存在的局")]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert messages(result) == [
        "第2行「审理程序」：「特别程序」不是可选的值；可选：普通程序、简易程序",
        "第3行「被申请人」：未找到机构「不存在的局」，请填写系统中已有的机构名称或代码",
    ]
    assert nothing_written()


def test_orgs_resolve_by_code_and_by_short_name(tree, office):
    result = import_file(
        "reconsideration",
        xlsx([row(复议机关="990100", 被申请人="990100A"), row(复议机关="青城市")]),
        user=office,
    )
    assert result.ok, messages(result)
    assert set(ReconsiderationCase.objects.values_list("org__code", "respondent__code")) == {
        ("990100", "990100A")
    }


def test_text_longer_than_the_field(tree, office):
    result = import_file("reconsideration", xlsx([row(延期批准人="长" * 61)]), user=office)
    assert messages(result) == ["第2行「延期批准人」：超过60个字（现为61个字）"]


def test_a_code_list_column_takes_code_or_label_and_stores_the_code(tree, office):
    from fazhi.demo.city import load_dictionaries

    result = import_file("reconsideration", xlsx([row(管理领域="公安")]), user=office)
    assert messages(result) == [
        "第2行「管理领域」：「公安」不是可选的值：字典中还没有可选的条目，请先在字典管理中添加，或留空"
    ]
    load_dictionaries()
    assert import_file("reconsideration", xlsx([row(管理领域="公安", 申请渠道="邮寄")]), user=office).ok
    case = ReconsiderationCase.objects.get()
    assert (case.act_field, case.channel) == ("public_security", "mail")
    bad = import_file("reconsideration", xlsx([row(管理领域="警察")]), user=office)
    assert messages(bad)[0].startswith("第2行「管理领域」：「警察」不是可选的值；可选：公安、自然资源")


def test_duplicate_case_numbers_in_the_file_and_in_the_database(tree, office):
    first = import_file("reconsideration", xlsx([row(案号="青府复〔2025〕1号")]), user=office)
    assert first.ok
    rows = [row(案号="青府复〔2025〕1号"), row(案号="青府复〔2025〕7号"), row(案号="青府复〔2025〕7号")]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert messages(result) == [
        "第2行「案号」：案号「青府复〔2025〕1号」在「青城市人民政府」已存在",
        "第4行「案号」：案号「青府复〔2025〕7号」与第3行重复",
    ]
    assert ReconsiderationCase.objects.count() == 1


def test_formulas_are_found_in_the_sheet_xml(tree, office):
    def add_formula(ws):
        ws["N3"] = "=K3+5"  # 受理日期 of the second data row

    rows = [row(), row()]
    assert HEADERS[13] == "受理日期"
    result = import_file("reconsideration", xlsx(rows, edit=add_formula), user=office)
    assert messages(result) == ["第3行「受理日期」：单元格含有公式，请复制后「粘贴为数值」再导入"]
    assert nothing_written()


def test_merged_cells_are_refused(tree, office):
    def merge(ws):
        ws.merge_cells("B2:B3")

    result = import_file("reconsideration", xlsx([row(), row()], edit=merge), user=office)
    assert "第2行「复议机关」：含有合并单元格（B2:B3），请取消合并并逐行填写" in messages(result)
    assert nothing_written()


def test_one_bad_row_among_many_writes_nothing(tree, office):
    rows = [row(申请人=f"甲{i}") for i in range(50)] + [row(行为类别="?")]
    result = import_file("reconsideration", xlsx(rows), user=office)
    assert [e.row for e in result.errors] == [52]
    assert nothing_written()


# -- error workbook and template -----------------------------------------------------------------------


def test_error_workbook_marks_the_offending_cells(tree, office):
    rows = [row(), row(收到申请日期="2025-13-01", 行为类别="?")]
    result = import_file("reconsideration", xlsx(rows), user=office)
    wb = load_workbook(io.BytesIO(error_workbook(result)))
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    assert header == [*HEADERS, ERROR_COLUMN]
    assert ws.max_row == 3  # the uploaded rows, good and bad
    assert ws.cell(row=2, column=len(header)).value is None
    reason = ws.cell(row=3, column=len(header)).value
    assert "「行为类别」" in reason and "「收到申请日期」日期不存在" in reason
    bad = ws.cell(row=3, column=HEADERS.index("收到申请日期") + 1)
    assert bad.value == "2025-13-01"
    assert bad.fill.fgColor.rgb.endswith("FFC7CE")
    assert "日期不存在" in bad.comment.text
    good = ws.cell(row=3, column=HEADERS.index("申请人") + 1)
    assert good.comment is None


def test_error_workbook_for_a_file_level_error():
    result = import_file_result = RowError(None, "", "找不到工作表")
    from fazhi.core.importing import ImportResult

    result = ImportResult(app="reconsideration", errors=[import_file_result])
    wb = load_workbook(io.BytesIO(error_workbook(result)))
    assert [c.value for c in wb["文件错误"]["A"]] == [ERROR_COLUMN, "找不到工作表"]


def test_template_has_headers_help_sheet_and_dropdowns(tree, clerk_a):
    wb = load_workbook(io.BytesIO(template_workbook("reconsideration", user=clerk_a)))
    assert wb.sheetnames[:2] == [SHEET, "说明"]
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    act_col = HEADERS.index("行为类别")
    col = ws.cell(row=2, column=act_col + 1).column_letter
    assert lists[f"{col}2"].startswith("'选项'!$")
    options = [c.value for c in wb["选项"]["A"] if c.value][1:]
    assert options == [
        "行政处罚",
        "行政许可",
        "行政强制",
        "征收征用及补偿",
        "行政确认",
        "不履行法定职责",
        "政府信息公开",
        "行政协议",
        "其他",
    ]
    help_rows = [[c.value for c in r] for r in wb["说明"].iter_rows()]
    assert [
        "收到申请日期",
        "必填",
        "日期：日期单元格，或 2024-01-31、2024/1/31、2024年1月31日",
        None,
    ] in help_rows
    # The clerk's template lists only the orgs the clerk may import for.
    assert [c.value for c in wb["机构"]["A"]][1:] == ["青城市市场监督管理局"]


def test_the_template_imports_cleanly_once_filled(tree, office):
    wb = load_workbook(io.BytesIO(template_workbook("reconsideration", user=office)))
    ws = wb[SHEET]
    values = row()
    for i, h in enumerate(HEADERS, 1):
        ws.cell(row=2, column=i, value=values.get(h))
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file("reconsideration", buf.getvalue(), user=office)
    assert result.ok, messages(result)
    assert result.created == 1


# -- the CLI -------------------------------------------------------------------------------------------


def test_cli_imports_and_reports(tree, office, tmp_path, capsys):
    f = tmp_path / "cases.xlsx"
    f.write_bytes(xlsx([row(), row(申请人="李四")]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "reconsideration", str(f), user="office", stdout=out, stderr=err)
    assert "导入成功：2 条" in out.getvalue()
    assert "校验" in err.getvalue() and "写入" in err.getvalue()  # the tqdm bars
    assert ReconsiderationCase.objects.count() == 2


def test_cli_lists_row_errors_and_exits_non_zero(tree, office, tmp_path):
    f = tmp_path / "cases.xlsx"
    f.write_bytes(xlsx([row(), row(收到申请日期="昨天")]))
    report = tmp_path / "errors.xlsx"
    err = io.StringIO()
    with pytest.raises(CommandError, match="导入失败：共 1 处错误，未写入任何记录"):
        call_command("import", "reconsideration", str(f), user="office", errors_out=str(report), stderr=err)
    assert "第3行「收到申请日期」：日期格式不正确：昨天" in err.getvalue()
    assert load_workbook(report)[SHEET].max_row == 3
    assert nothing_written()


def test_cli_defaults_to_the_first_superuser_and_says_so(tree, tmp_path):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", "root@example.invalid", "x-Long-Password-1")
    f = tmp_path / "cases.xlsx"
    f.write_bytes(xlsx([row()]))
    out = io.StringIO()
    call_command("import", "reconsideration", str(f), stdout=out, stderr=io.StringIO())
    assert "以超级管理员「root」的身份操作" in out.getvalue()
    assert ReconsiderationCase.history.get().history_user.username == "root"


# -- the page, the job, the status endpoint ------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, data: bytes, name: str = "cases.xlsx", app: str = "reconsideration"):
    f = io.BytesIO(data)
    f.name = name
    return client.post(reverse("core-import", kwargs={"app": app}), {"file": f})


@pytest.mark.urls(URLS)
def test_page_requires_login(client, tree):
    response = client.get(reverse("core-import", kwargs={"app": "reconsideration"}))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.urls(URLS)
def test_page_refuses_a_user_without_write_scope(login, leader):
    assert login(leader).get(reverse("core-import", kwargs={"app": "reconsideration"})).status_code == 403


@pytest.mark.urls(URLS)
def test_page_shows_the_upload_form_and_template_link(login, office):
    response = login(office).get(reverse("core-import", kwargs={"app": "reconsideration"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "导入行政复议案件" in html
        and reverse("core-import-template", kwargs={"app": "reconsideration"}) in html
    )
    assert login(office).get(reverse("core-import", kwargs={"app": "nonexistent"})).status_code == 404


@pytest.mark.urls(URLS)
def test_template_download(login, office):
    response = login(office).get(reverse("core-import-template", kwargs={"app": "litigation"}))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[:2] == ["应诉案件", "说明"]


@pytest.mark.tasks
@pytest.mark.urls(URLS)
def test_upload_runs_the_job_and_the_page_shows_the_result(login, office, media):
    client = login(office)
    response = upload(client, xlsx([row(), row(申请人="李四")]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "core-import-status", kwargs={"pk": job.pk}
    )
    assert job.status == ImportJob.State.DONE and job.imported == 2 and job.total == 2
    assert not job.source  # the upload is deleted once read
    page = client.get(response["Location"]).content.decode()
    assert "导入成功：2 条" in page and 'class="progress' in page
    state = client.get(response["Location"] + "?format=json").json()
    assert state["status"] == "done" and state["percent"] == 100 and state["imported"] == 2


@pytest.mark.tasks
@pytest.mark.urls(URLS)
def test_failed_job_lists_errors_and_offers_the_error_workbook(login, office, media):
    client = login(office)
    response = upload(client, xlsx([row(), row(行为类别="?")]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED and job.error_count == 1
    page = client.get(response["Location"]).content.decode()
    assert "导入失败：共 1 处错误，未写入任何记录" in page and "第3行" in page and "行为类别" in page
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="import-job"')
    errors_url = reverse("core-import-errors", kwargs={"pk": job.pk})
    assert errors_url in page
    report = client.get(errors_url)
    assert report.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content)))[SHEET]
    assert ws.cell(row=1, column=len(HEADERS) + 1).value == ERROR_COLUMN
    assert nothing_written()


@pytest.mark.urls(URLS)
def test_progress_fragment_polls_while_the_job_runs(login, office):
    job = ImportJob.objects.create(
        app="reconsideration", filename="x.xlsx", created_by=office, status=ImportJob.State.RUNNING,
        phase="validate", total=200, done=50,
    )  # fmt: skip
    html = (
        login(office)
        .get(reverse("core-import-status", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'hx-trigger="every 1s"' in html and "width: 25%" in html and "正在校验：50 / 200 行" in html


@pytest.mark.urls(URLS)
def test_oversized_and_non_excel_uploads_are_refused_on_the_form(login, office, media, settings):
    client = login(office)
    response = upload(client, b"%PDF-1.4 not a workbook", name="cases.xlsx")
    assert response.status_code == 400 and "文件不是 Excel" in response.content.decode()
    settings.FAZHI_MAX_UPLOAD_BYTES = 1024
    response = upload(client, xlsx([row()]))
    assert response.status_code == 400 and "超过上限" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.urls(URLS)
def test_another_users_job_is_not_found(login, office, clerk_a):
    job = ImportJob.objects.create(app="reconsideration", filename="x.xlsx", created_by=office)
    assert login(clerk_a).get(reverse("core-import-status", kwargs={"pk": job.pk})).status_code == 404
    assert login(clerk_a).get(reverse("core-import-errors", kwargs={"pk": job.pk})).status_code == 404


# -- export --------------------------------------------------------------------------------------------


def exported_rows(data) -> list[list]:
    ws = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)[SHEET]
    return [[c.value for c in r] for r in ws.iter_rows()]


@pytest.mark.urls(URLS)
def test_export_page_follows_the_list_filters_and_the_read_scope(login, tree, office, clerk_a):
    rows = [
        row(申请人="甲"),
        row(申请人="乙", 被申请人="青城市公安局"),
        row(申请人="丙", 行为类别="行政许可"),
    ]
    assert import_file("reconsideration", xlsx(rows), user=office).ok
    url = reverse("core-export", kwargs={"app": "reconsideration"})
    everything = exported_rows(login(office).get(url).content)
    assert everything[0] == HEADERS and sorted(r[7] for r in everything[1:]) == ["丙", "乙", "甲"]
    licences = exported_rows(login(office).get(url + "?act_type=license").content)
    assert [r[7] for r in licences[1:]] == ["丙"]
    own_unit = exported_rows(login(clerk_a).get(url).content)
    assert sorted(r[7] for r in own_unit[1:]) == ["丙", "甲"]  # not unit B's case
    response = login(office).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]


def test_export_command_by_org_and_year(tree, office, tmp_path):
    rows = [row(申请人="甲"), row(申请人="乙", 复议机关="青城县人民政府", 被申请人="青城县市场监督管理局"),
            row(申请人="丙", 收到申请日期=date(2024, 5, 6))]  # fmt: skip
    assert import_file("reconsideration", xlsx(rows), user=office).ok
    out = tmp_path / "out.xlsx"
    stdout = io.StringIO()
    call_command("export", "reconsideration", out=str(out), org="990121", user="office", stdout=stdout)
    assert "导出完成：1 条" in stdout.getvalue()
    assert [r[7] for r in exported_rows(out)[1:]] == ["乙"]
    call_command("export", "reconsideration", out=str(out), year=2024, user="office", stdout=io.StringIO())
    assert [r[7] for r in exported_rows(out)[1:]] == ["丙"]
    with pytest.raises(CommandError, match="机构代码「nope」不存在"):
        call_command("export", "reconsideration", out=str(out), org="nope", user="office")


@pytest.mark.django_db
def test_bulk_insert_writes_the_value_of_a_db_default(tree, office):
    # A record built in Python holds DatabaseDefault() for OrgRecord.void_reason (db_default=""); the bulk insert
    # of an import writes "" instead of failing to bind the object.
    from fazhi.core.importing import bulk_create_audited
    from fazhi.litigation.models import LitigationCase

    case = LitigationCase(
        org=tree.city,
        defendant=tree.unit_a,
        court="青城市中级人民法院",
        case_number="（2025）青01行初77号",
        plaintiff="李四",
        act_type="penalty",
        act_description="罚款",
        complaint_received_on=date(2025, 4, 1),
    )
    bulk_create_audited(LitigationCase, [case], user=office)
    assert LitigationCase.objects.get(pk=case.pk).void_reason == ""


def test_a_dry_run_builds_every_row_and_writes_nothing(tree, office):
    importer = ReconsiderationImporter(office)
    result = importer.run(xlsx([row(), row(申请人="李四")]), dry_run=True)
    assert result.ok and result.created == 0 and len(importer.built) == 2
    assert not ReconsiderationCase.objects.exists()


def test_an_unstaged_write_is_one_transaction_on_sqlite_too(tree, office):
    """A write that saves existing records (staged=False) is taken back whole when it fails half way."""
    from django.db import DatabaseError

    from fazhi.core.importing.bulk import write_all_or_nothing

    def write() -> int:
        office.first_name = "改过"
        office.save()
        raise DatabaseError("boom")

    with pytest.raises(DatabaseError):
        write_all_or_nothing(write, staged=False)
    office.refresh_from_db()
    assert office.first_name != "改过"
