"""Reading files: every kind of bad input gives a clear Chinese error, good files give their text."""

import os

import pytest

from fazhi.reviewer import review_bytes, review_file
from fazhi.reviewer.text import ReviewError, load_bytes, load_path, normalise

from .helpers import REPORT_LINES, docx_bytes, pdf_bytes

REPORT_TEXT = "\n".join(REPORT_LINES)


def error_of(data: bytes, name: str, **kw) -> str:
    with pytest.raises(ReviewError) as exc:
        load_bytes(data, name, **kw)
    return str(exc.value)


def test_text_file_in_utf8_and_gbk():
    assert "行政复议" in load_bytes(REPORT_TEXT.encode("utf-8"), "a.txt")
    assert "行政复议" in load_bytes(REPORT_TEXT.encode("gb18030"), "a.txt")
    assert "行政复议" in load_bytes(REPORT_TEXT.encode("utf-16"), "a.txt")


def test_empty_file():
    assert error_of(b"", "a.txt") == "文件为空"


def test_binary_junk():
    junk = os.urandom(4096)
    assert "不是文本" in error_of(junk, "junk.txt") or "编码" in error_of(junk, "junk.txt")
    assert "二进制" in error_of(b"\x00\x01\x02" * 100, "junk.bin")


def test_report_in_another_language():
    english = "Annual report on building a law-based government. " * 50
    assert "不是中文报告" in error_of(english.encode(), "report.txt")


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    with pytest.raises(ReviewError) as exc:
        load_path(big, max_bytes=1024)
    assert "文件过大" in str(exc.value) and "上限" in str(exc.value)
    assert review_file(big, max_bytes=1024).error.startswith("文件过大")


def test_text_pdf():
    text = load_bytes(pdf_bytes(REPORT_LINES), "report.pdf")
    assert "受理行政复议案件206件" in normalise(text)


def test_encrypted_pdf():
    message = error_of(pdf_bytes(REPORT_LINES, encrypt_with="secret"), "locked.pdf")
    assert "加密" in message


def test_scanned_pdf_without_text():
    message = error_of(pdf_bytes([]), "scan.pdf")
    assert "没有可提取的文字" in message and "OCR" in message


def test_broken_pdf():
    assert "PDF" in error_of(b"%PDF-1.4\nthis is not really a pdf", "broken.pdf")


def test_docx_with_text_and_tables():
    data = docx_bytes(REPORT_LINES, table=[["指标", "数值"], ["行政复议纠错率", "15.8%"]])
    text = load_bytes(data, "report.docx")
    assert "纠错率15.8%" in text and "行政复议纠错率\t15.8%" in text


def test_docx_without_text():
    assert "没有文字" in error_of(docx_bytes([]), "empty.docx")


def test_old_word_format():
    assert ".doc" in error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")


def test_extension_that_lies():
    assert "不是有效的" in error_of("这不是PDF".encode() * 50, "fake.pdf")


def test_a_batch_goes_on_after_a_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT_TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = [review_file(p) for p in (empty, good)]
    assert results[0].error == "文件为空" and results[0].as_dict()["indicators"] == {}
    assert results[1].error is None and results[1].figures["reconsideration.received"].value == 206


def test_review_bytes_reads_a_pdf_like_a_text():
    result = review_bytes(pdf_bytes(REPORT_LINES), "report.pdf")
    assert result.error is None
    assert result.as_dict()["indicators"]["reconsideration.correction_rate"]["value"] == 15.8


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("关于2023年度法治政府建设情况的 报 告", "关于2023年度法治政府建设情况的报告\n"),
        ("共办理行政处罚案件 2.3 万余件", "共办理行政处罚案件2.3万余件\n"),
        ("纠错率 15.8 %", "纠错率15.8%\n"),
        ("受理案件２０６件，纠错率１５．８％", "受理案件206件,纠错率15.8%\n"),
        ("## 二、存在的不足", "二、存在的不足\n"),
        ("**四是注重发挥行政复议作用。**持续深化", "四是注重发挥行政复议作用。持续深化\n"),
    ],
)
def test_normalise(raw, clean):
    assert normalise(raw) == clean


def test_normalise_joins_wrapped_sentences_but_not_headings():
    raw = (
        "2024年以来，共对77件市政府行政规范性文件、重大行政决策和涉法事务进行了合法性审核，共对77件市\n\n"
        "政府行政规范性文件进行审查。\n"
        "二、2023年度推进法治政府建设存在的不足\n"
        "和原因\n"
        "(一)思想意识有待增强\n"
        "个别单位重视不够。\n"
        "- 3 -\n"
    )
    lines = normalise(raw).split("\n\n")
    assert lines[0].endswith("共对77件市政府行政规范性文件进行审查。")
    assert lines[1] == "二、2023年度推进法治政府建设存在的不足和原因"
    assert lines[2] == "(一)思想意识有待增强"
    assert "- 3 -" not in normalise(raw)


def test_a_fault_of_the_reviewer_is_that_files_error(monkeypatch, tmp_path):
    import fazhi.reviewer as reviewer

    def broken(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr(reviewer, "review_text", broken)
    path = tmp_path / "a.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    assert "出错" in review_file(path).error
