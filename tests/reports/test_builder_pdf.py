"""The report as PDF through LibreOffice headless, with Chinese fonts embedded.

Needs soffice (scripts/install-office installs Debian's libreoffice-writer-nogui and fonts-noto-cjk). A missing
soffice fails these tests with that instruction; they are skipped only when FAZHI_SKIP_PDF=1 is set on purpose."""

from __future__ import annotations

import io
import os
import re

import pdfplumber
import pytest

from fazhi.reports.builder.placeholders import FigureSource
from fazhi.reports.builder.render_pdf import docx_to_pdf, soffice_path
from fazhi.reports.builder.services import draft_content, render

from .test_builder import YEAR, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def soffice():
    if os.environ.get("FAZHI_SKIP_PDF") == "1":
        pytest.skip("FAZHI_SKIP_PDF=1: PDF rendering not tested on request")
    path = soffice_path()
    if path is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: run scripts/install-office "
            "(or set FAZHI_SKIP_PDF=1 to skip the PDF tests on purpose)"
        )
    return path


def _pdf_text(data: bytes) -> tuple[str, list, set[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        sizes = [(round(p.width), round(p.height)) for p in pdf.pages]
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    # Page numbers ("— 3 —") lie between the last line of a page and the first of the next: the text without them.
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text)), sizes, fonts


def test_pdf_of_the_demo_style_report_shows_chinese_text_and_figures():
    w = build_world()
    source = FigureSource.for_year(w.city, YEAR, links=False)
    content, _ = draft_content(w.city, YEAR, source)
    data = render(content, "pdf", source)
    assert data[:5] == b"%PDF-"
    text, sizes, fonts = _pdf_text(data)
    assert set(sizes) == {(595, 842)}  # A4 portrait
    assert "青川市人民政府文件" in text
    assert "青川市人民政府关于2025年度法治政府建设情况的报告" in text
    for heading in (
        "一、2025年度法治政府建设主要举措和成效",
        "二、存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2026年度推进法治政府建设主要安排",
        "五、其他需要报告的情况",
    ):
        assert heading in text
    assert "审结行政复议案件10件，其中纠错4件、纠错率40.0%" in text
    assert "\ufffd" not in text
    # The free SC faces standing in for 仿宋_GB2312 and 黑体 are the ones embedded (tests/reports/test_gongwen.py).
    assert any("FandolFang" in f for f in fonts) and any("FandolHei" in f for f in fonts), fonts


def test_each_conversion_uses_its_own_profile_and_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    from docx import Document

    doc = Document()
    doc.add_paragraph("法治政府建设年度报告")
    buf = io.BytesIO()
    doc.save(buf)
    assert docx_to_pdf(buf.getvalue())[:5] == b"%PDF-"
    assert docx_to_pdf(buf.getvalue())[:5] == b"%PDF-"
    assert list(tmp_path.iterdir()) == []
