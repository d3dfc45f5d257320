"""Formula injection: a value someone typed — on a page, through the API, in an imported CSV or xlsx — is written
to every workbook the system produces as text, never as a formula (fazhi.core.xlsx), and re-imports unchanged.

Each workbook is read back with openpyxl: the cell's data_type must be "s" (a formula is "f"), and the sheet
XML must hold no <f> element."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.exporting import export_bytes
from fazhi.core.importing import error_workbook, import_file
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories
from tests.core.test_importing import HEADERS, SHEET, row, xlsx

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1+1", " =1"]


def cells_by_value(data: bytes, sheet: str) -> dict:
    ws = load_workbook(io.BytesIO(data))[sheet]
    return {c.value: c for r in ws.iter_rows() for c in r if c.value is not None}


def assert_no_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(?:\w+:)?f[\s>/]", zf.read(name)), name


def assert_text(data: bytes, sheet: str, values) -> None:
    cells = cells_by_value(data, sheet)
    for value in values:
        assert value in cells, value
        assert cells[value].data_type == "s", (value, cells[value].data_type)
    assert_no_formulas(data)


def test_values_typed_through_the_service_are_exported_as_text(tree, office):
    for i, payload in enumerate(PAYLOADS):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 3, 3 + i),
            act_description=payload, applicant=payload,
        )  # fmt: skip
    data, count = export_bytes(office, "reconsideration")
    assert count == len(PAYLOADS)
    assert_text(data, SHEET, PAYLOADS)


def test_the_export_reimports_the_same_text(tree, office):
    for i, payload in enumerate(PAYLOADS):
        factories.register_case(
            office,
            org=tree.city,
            respondent=tree.unit_a,
            received_on=date(2025, 3, 3 + i),
            act_description=payload,
        )
    data, _ = export_bytes(office, "reconsideration")
    before = sorted(ReconsiderationCase.objects.values_list("act_description", flat=True))
    ReconsiderationCase.objects.all().delete()
    result = import_file("reconsideration", data, user=office, filename="export.xlsx")
    assert result.ok, result.messages()
    after = sorted(ReconsiderationCase.objects.values_list("act_description", flat=True))
    # The import strips surrounding whitespace from every cell, xlsx or CSV, as for any text.
    assert after == sorted(p.strip() for p in before)


def csv_bytes(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS)
    for r in rows:
        w.writerow(["" if r.get(h) is None else r.get(h) for h in HEADERS])
    return buf.getvalue().encode("utf-8-sig")


def as_text_cells(ws) -> None:
    for r in ws.iter_rows():
        for c in r:
            if isinstance(c.value, str) and c.data_type == "f":
                c.data_type = "s"


def test_a_csv_import_stores_them_as_text_like_an_xlsx_text_cell_and_re_exports_safe(tree, office):
    rows = [row(被申请复议的行政行为=p, 收到申请日期="2025-03-03") for p in PAYLOADS]
    from_csv = import_file("reconsideration", csv_bytes(rows), user=office, filename="c.csv")
    assert from_csv.ok, from_csv.messages()
    csv_values = sorted(ReconsiderationCase.objects.values_list("act_description", flat=True))
    ReconsiderationCase.objects.all().delete()
    # The same values typed into Excel as text ('=…): string cells, which the xlsx path stores as they are.
    from_xlsx = import_file("reconsideration", xlsx(rows, edit=as_text_cells), user=office)
    assert from_xlsx.ok, from_xlsx.messages()
    assert sorted(ReconsiderationCase.objects.values_list("act_description", flat=True)) == csv_values
    assert csv_values == sorted(p.strip() for p in PAYLOADS)
    data, _ = export_bytes(office, "reconsideration")
    assert_text(data, SHEET, csv_values)


def test_the_error_workbook_writes_the_uploaded_cells_as_text(tree, office):
    rows = [row(被申请复议的行政行为=p, 收到申请日期="2025-03-03") for p in PAYLOADS]
    rows.append(row(申请人="=1+2", 行为类别="=BAD()", 收到申请日期="2025-03-03"))
    result = import_file("reconsideration", csv_bytes(rows), user=office, filename="c.csv")
    assert not result.ok
    data = error_workbook(result)
    assert_text(data, SHEET, [*PAYLOADS, "=1+2", "=BAD()"])  # the cells as uploaded


@pytest.mark.parametrize("app", ["reconsideration", "litigation"])
def test_templates_write_org_names_as_text(tree, office, app):
    from fazhi.core.importing import template_workbook

    factories.make_org("990199", '=HYPERLINK("http://x","机构")', "unit", parent=tree.city)
    assert_text(template_workbook(app, user=None), "机构", ['=HYPERLINK("http://x","机构")'])
