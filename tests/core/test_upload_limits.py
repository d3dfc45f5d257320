"""Uploads are inspected before any reader opens them (fazhi.core.uploads): a zip bomb (.xlsx, .docx) is refused
with a Chinese message and nothing is written, through every path that reads a file — import_file, the upload
page, `fazhi import`, the reviewer page and `fazhi review`; a PDF is bounded by its pages and by the size of
its decoded streams; real files still pass.

The bombs are made here: a member of 100 MB of one repeated byte deflates to about 100 KB (1000:1)."""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from fazhi.core.importing import import_file
from fazhi.core.models import ImportJob
from fazhi.core.uploads import FileRejected, open_zip
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reviewer.models import ReviewedReport
from fazhi.reviewer.text import ReviewError, load_bytes
from tests import factories
from tests.core.test_importing import row, xlsx
from tests.reports.helpers import REPORT_LINES, pdf_bytes, pdf_from_objects

BOMB = "可能是压缩炸弹，已拒绝"
MB = 1024 * 1024


def with_member(base: bytes, member: str, size: int, *, byte: bytes = b"A", around: bytes = b"") -> bytes:
    """The zip `base` with `member` replaced (or added) by `size` bytes of `byte`, deflated; with `around`
    (b"head|tail") the bytes stand between head and tail."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info.filename))
        head, _, tail = around.partition(b"|")
        with dst.open(member, "w") as fh:
            fh.write(head)
            chunk = byte * MB
            for _ in range(size // MB):
                fh.write(chunk)
            fh.write(tail)
    return out.getvalue()


SHEET_XML = "xl/worksheets/sheet1.xml"


@functools.cache
def bomb_xlsx() -> bytes:
    """A valid one-row import file whose applicant cell holds 100 MB of text (the sheet XML stays valid)."""
    base = xlsx([row(申请人="BOMB")])
    head, tail = zipfile.ZipFile(io.BytesIO(base)).read(SHEET_XML).split(b"BOMB")
    return with_member(base, SHEET_XML, 100 * MB, around=head + b"|" + tail)


def docx_bytes(text: str = "法治政府建设年度报告") -> bytes:
    import docx

    document = docx.Document()
    for line in [text, *REPORT_LINES]:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@functools.cache
def bomb_docx() -> bytes:
    return with_member(docx_bytes(), "word/media/image1.emf", 100 * MB)


def nothing_imported() -> bool:
    return not ReconsiderationCase.objects.exists()


# -- the inspector -----------------------------------------------------------------------------------------


def test_the_bomb_is_refused_by_its_ratio_without_expanding_it():
    with pytest.raises(FileRejected) as exc:
        open_zip(bomb_xlsx())
    assert re.fullmatch(
        r"文件解压后过大（「xl/worksheets/sheet1.xml」的压缩比为 \d+:1，上限 100:1），可能是压缩炸弹，已拒绝",
        str(exc.value),
    )


def test_the_unzipped_total_and_the_member_count_are_limited(settings):
    legit = xlsx([row()])
    open_zip(legit)
    settings.FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = 10_000
    with pytest.raises(FileRejected, match=r"文件解压后过大（超过 0\.0 MB 的上限），可能是压缩炸弹，已拒绝"):
        open_zip(legit)
    settings.FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = 300 * MB
    settings.FAZHI_UPLOAD_MAX_MEMBERS = 5
    with pytest.raises(FileRejected, match=r"文件中的条目过多（\d+ 个，上限 5 个），可能是压缩炸弹，已拒绝"):
        open_zip(legit)


def lying_directory(base: bytes, member: str, declared: int) -> bytes:
    """`base` with the central directory declaring `declared` bytes for `member` (what the readers trust)."""
    data = bytearray(base)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack("<H", data[pos + 28 : pos + 30])[0]
        if data[pos + 46 : pos + 46 + name_len].decode() == member:
            data[pos + 24 : pos + 28] = struct.pack("<I", declared)
            return bytes(data)
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(member)


def test_a_member_larger_than_its_declared_size_is_refused(tree, office):
    # 4 MB declared as 1000 bytes: under every directory limit, caught by the counting pass.
    data = lying_directory(
        with_member(xlsx([row()]), "xl/sharedStrings.xml", 4 * MB), "xl/sharedStrings.xml", 1000
    )
    with pytest.raises(FileRejected, match="「xl/sharedStrings.xml」解压后超过其声明的大小"):
        open_zip(data)
    result = import_file("reconsideration", data, user=office)
    assert BOMB in result.messages()[0] and nothing_imported()


def test_real_files_pass_a_workbook_of_repetitive_rows_too(tree, office):
    # 3000 identical rows compress far better than real data, and still pass.
    result = import_file("reconsideration", xlsx([row()] * 3000), user=office)
    assert result.ok, result.messages()[:3]
    assert ReconsiderationCase.objects.count() == 3000


# -- every path that reads an import file ------------------------------------------------------------------


def test_import_file_refuses_the_bomb_and_writes_nothing(tree, office):
    result = import_file("reconsideration", bomb_xlsx(), user=office, filename="cases.xlsx")
    assert len(result.errors) == 1 and BOMB in result.messages()[0]
    assert result.created == 0 and nothing_imported()


@pytest.mark.usefixtures("tree", "media")
def test_the_upload_page_refuses_the_bomb_on_the_form(login, office):
    response = factories.post_import(login(office), "reconsideration", bomb_xlsx())
    assert response.status_code == 400 and BOMB in response.content.decode()
    assert not ImportJob.objects.exists() and nothing_imported()


@pytest.mark.usefixtures("tree", "office")
def test_the_cli_refuses_the_bomb(tmp_path):
    f = tmp_path / "cases.xlsx"
    f.write_bytes(bomb_xlsx())
    err = io.StringIO()
    with pytest.raises(CommandError, match="导入失败：共 1 处错误，未写入任何记录"):
        call_command("import", "reconsideration", str(f), user="office", stdout=io.StringIO(), stderr=err)
    assert BOMB in err.getvalue() and nothing_imported()


# -- the report reviewer -----------------------------------------------------------------------------------


def test_the_reviewer_refuses_a_bomb_docx_and_reads_a_real_one():
    with pytest.raises(ReviewError, match=BOMB):
        load_bytes(bomb_docx(), "报告.docx")
    assert "法治政府建设年度报告" in load_bytes(docx_bytes(), "报告.docx")


def test_the_review_page_and_cli_refuse_the_bomb(client, db, tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "Fz-test-2025!"))
    f = SimpleUploadedFile("报告.docx", bomb_docx())
    assert client.post(reverse("reviewer:review_upload"), {"files": [f]}).status_code == 302
    assert BOMB in ReviewedReport.objects.get(file_name="报告.docx").error
    path = tmp_path / "报告.docx"
    path.write_bytes(bomb_docx())
    out = io.StringIO()
    with pytest.raises(CommandError, match="没有能够读取的文件"):
        call_command("review", str(path), stdout=out)
    assert BOMB in out.getvalue()


def flate_stream(raw: bytes) -> bytes:
    stream = zlib.compress(raw, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"


def pdf_with_stream(raw: bytes, *, extra: bytes | None = None) -> bytes:
    """A one-page PDF whose content stream is `raw`, Flate-compressed (and an `extra` stream object that no
    page uses, as a font program or an image would be)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        flate_stream(raw),
    ]
    if extra is not None:
        objs.append(flate_stream(extra))
    return pdf_from_objects(objs)


def test_a_pdf_stream_bomb_is_refused_not_handed_to_the_fallback_reader(settings):
    with pytest.raises(ReviewError, match=BOMB):  # over pypdf's own bound of 75 MB a stream
        load_bytes(pdf_with_stream(b" " * (80 * MB)), "报告.pdf")
    settings.FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = 1 * MB  # the total of the pages' decoded content
    with pytest.raises(ReviewError, match=BOMB):
        load_bytes(pdf_with_stream(b" " * (2 * MB)), "报告.pdf")


def test_the_fallback_reader_gets_only_files_whose_streams_are_bounded(settings, monkeypatch):
    # When pypdf cannot extract the text, pdfplumber (pdfminer, which bounds nothing) reads the file: only
    # after every stream of it has been decoded once within the limit.
    from pypdf import PageObject

    def broken(self, *args, **kwargs):
        raise ValueError("broken content stream")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    assert "法治政府建设" in load_bytes(pdf_bytes(REPORT_LINES), "报告.pdf")  # read by the fallback
    settings.FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = 1 * MB
    with pytest.raises(ReviewError, match=BOMB):
        load_bytes(pdf_with_stream(b"BT ET", extra=b" " * (2 * MB)), "报告.pdf")


def test_the_pdf_page_limit_comes_from_settings(settings):
    data = pdf_bytes(REPORT_LINES, per_page=5)
    load_bytes(data, "报告.pdf")
    settings.FAZHI_UPLOAD_MAX_PDF_PAGES = 1
    with pytest.raises(ReviewError, match=r"PDF 共 \d+ 页，超过 1 页的上限"):
        load_bytes(data, "报告.pdf")
