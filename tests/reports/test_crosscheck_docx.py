"""Issue 16 §3 end to end: the annual report the builder generates, rewritten by its author in Word (python-docx
here), uploaded back through the reviewer's page. The check lists exactly the figure the author changed and the
文号 no record carries, each difference with the link to its records; what the author only reworded, split over
runs, put in a table, a header or a comment changes nothing. The same file as a PDF gives the same check; a file
that cannot be read is refused with a Chinese reason."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from docx import Document

from fazhi.plans.models import WorkPlan
from fazhi.reports.builder.render_pdf import docx_to_pdf, soffice_path
from fazhi.reports.builder.services import draft_content, render
from fazhi.reviewer.crosscheck import cross_check
from fazhi.reviewer.models import ReviewedReport

from .helpers import pdf_bytes
from .test_builder import YEAR, build_world

PLAN_NUMBER = "青政办〔2025〕12号"
UNKNOWN_NUMBER = "青政发〔2025〕7号"


@pytest.fixture
def world(db):
    w = build_world()
    WorkPlan.objects.create(
        org=w.city, year=YEAR, title="青川市2025年法治政府建设工作要点", doc_number=PLAN_NUMBER
    )
    return w


def generated(world) -> bytes:
    content, _ = draft_content(world.city, YEAR)
    return render(content, "docx")


def _paragraph(doc, starts: str):
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def _set_runs(paragraph, parts: list[tuple[str, bool]]) -> None:
    """Replace the paragraph's text by runs (text, bold), keeping its style."""
    for r in list(paragraph.runs):
        r._r.getparent().remove(r._r)
    for text, bold in parts:
        paragraph.add_run(text).bold = bold or None


def edited(data: bytes) -> bytes:
    """The generated report as an author leaves it: a paragraph rewritten, one figure changed (审结 10 → 13), a
    figure split over runs with its digits in bold, a table of figures, a 规定 cited by a 文号 no record carries,
    a header and a footer, and comments (one with a figure in it)."""
    doc = Document(io.BytesIO(data))
    # Rewritten in the author's words; the plan's 文号 kept, the gaps written.
    first = _paragraph(doc, "一是压紧压实法治建设责任")
    _set_runs(
        first,
        [
            (
                "一是压紧压实法治建设责任。市政府印发《青川市2025年法治政府建设工作要点》（青政办〔2025〕12号），"
                "并制定《青川市重大行政决策程序规定》（青政发〔2025〕7号），",
                False,
            ),
            ("推动各项任务落地见效。", True),
        ],
    )
    recon = _paragraph(doc, "全年，全市各级行政复议机关")
    text = recon.text
    assert "新收行政复议申请12件" in text and "审结行政复议案件10件" in text
    head, tail = text.split("新收行政复议申请12件")
    tail = tail.replace("审结行政复议案件10件", "审结行政复议案件13件")
    # "12件" typed as "1" + bold "2" + "件": three runs, one figure.
    _set_runs(recon, [(head + "新收行政复议申请1", False), ("2", True), ("件" + tail, False)])
    comment_on = recon.runs[1]
    # A table of figures the records bear out, after the litigation paragraph.
    lit = _paragraph(doc, "全年，全市行政机关新收一审行政诉讼案件")
    table = doc.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows,
        [("项目", "2025年"), ("新收行政复议申请（件）", "12"), ("新收一审行政诉讼案件（件）", "4")],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    lit._p.addnext(table._tbl)
    # Header and footer of the body's section.
    section = doc.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "青川市人民政府 2025年度法治政府建设情况报告（送审稿）"
    section.first_page_footer.paragraphs[0].text = "内部审阅稿 第1稿"
    # Comments: the author's notes, not the report's statements (one quotes a wrong figure).
    doc.add_comment(comment_on, text="请复核：统计口径为新收申请，曾报99件", author="王科员", initials="王")
    doc.add_comment(first.runs[0], text="规定已由市政府常务会议审议通过", author="李科长", initials="李")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(client, name: str, data: bytes) -> ReviewedReport:
    response = client.post(reverse("reviewer:review_upload"), {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 302
    return ReviewedReport.objects.latest("pk")


def assert_exactly_the_changes(world, client, report: ReviewedReport) -> None:
    assert report.error == "", report.error
    check = cross_check(report, world.office)
    assert (check.org, check.year) == (world.city, YEAR)
    [diff] = check.differences
    assert (diff.key, diff.stated, diff.computed) == ("reconsideration.concluded", 13, 10)
    assert diff.url and "indicator=reconsideration.concluded" in diff.url
    assert [r.number for r in check.missing_records] == [UNKNOWN_NUMBER]
    assert check.cited == 2  # the plan's 文号 is on record
    assert check.agreeing >= 8 and check.uncomputed == []
    html = client.get(reverse("reviewer:review_detail", args=[report.pk])).content.decode()
    assert "1 个数字与本系统记录不一致" in html
    assert f'<a href="{diff.url.replace("&", "&amp;")}">查看记录</a>' in html
    assert "引用了本系统中没有记录的文号（1）" in html and UNKNOWN_NUMBER in html


def test_generated_report_uploaded_unchanged_agrees_with_the_records(world, client):
    client.force_login(world.office)
    report = upload(client, "年度报告.docx", generated(world))
    check = cross_check(report, world.office)
    assert check.differences == [] and check.missing_records == [] and check.cited == 1
    assert check.agreeing >= 8


def test_edited_docx_lists_the_changed_figure_and_the_unknown_doc_number(world, client):
    client.force_login(world.office)
    data = edited(generated(world))
    report = upload(client, "年度报告（修改稿）.docx", data)
    assert_exactly_the_changes(world, client, report)
    # The comments and the header are not the report's text; the bold-split figure and the table are read.
    assert "99件" not in report.text and "送审稿" not in report.text
    assert "新收行政复议申请12件" in report.text
    assert re.search(r"新收行政复议申请\(件\)\t12", report.text)
    # The batch page links to the review.
    batch = report.batch
    page = client.get(reverse("reviewer:review_batch", args=[batch.pk])).content.decode()
    assert reverse("reviewer:review_detail", args=[report.pk]) in page


@pytest.fixture
def office_pdf():
    if os.environ.get("FAZHI_SKIP_PDF") == "1":
        pytest.skip("FAZHI_SKIP_PDF=1: PDF rendering not tested on request")
    if soffice_path() is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/install-office")
    return docx_to_pdf


def test_edited_report_saved_as_pdf_gives_the_same_check(world, client, office_pdf):
    client.force_login(world.office)
    report = upload(client, "年度报告（修改稿）.pdf", office_pdf(edited(generated(world))))
    assert_exactly_the_changes(world, client, report)


def _encrypted_docx() -> bytes:
    """What Word saves for a .docx with an opening password: an OLE compound file holding EncryptionInfo and
    EncryptedPackage streams (the directory entries' names in UTF-16), not a zip."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = b"".join(
        n.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        for n in ("EncryptionInfo", "EncryptedPackage")
    )
    return header + names + b"\x00" * 2048


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("报告.docx", lambda g: _truncated(g), "无法打开 Word 文档（文件已损坏）"),
        (
            "报告.docx",
            lambda g: _encrypted_docx(),
            "Word 文档已加密（设有打开密码），无法读取；请提交未加密的文件",
        ),
        (
            "报告.pdf",
            lambda g: pdf_bytes(["法治政府建设年度报告"] * 40, encrypt_with="secret"),
            "PDF 文件已加密",
        ),
        ("报告.pdf", lambda g: b"%PDF-1.7\n" + g[:4000], "无法打开 PDF 文件（文件已损坏或不是有效的 PDF）"),
        ("报告.xlsx", lambda g: _xlsx(), "这是 Excel 文件，不是报告"),
        ("报告.png", lambda g: b"\x89PNG\r\n\x1a\n" + b"\x00" * 4000, "文件内容不是文本"),
    ],
    ids=["corrupt-docx", "encrypted-docx", "encrypted-pdf", "corrupt-pdf", "xlsx", "image"],
)
def test_a_file_that_cannot_be_read_is_refused_in_chinese(world, client, name, make, message):
    client.force_login(world.office)
    report = upload(client, name, make(generated(world)))
    assert message in report.error
    page = client.get(reverse("reviewer:review_batch", args=[report.batch_id])).content.decode()
    assert message in page


@override_settings(FAZHI_MAX_UPLOAD_BYTES=20 * 1024)
def test_an_oversized_report_is_refused_naming_the_limit(world, client):
    client.force_login(world.office)
    report = upload(client, "报告.docx", edited(generated(world)))
    assert report.error.startswith("文件过大（") and "超过 20 KB 的上限" in report.error
