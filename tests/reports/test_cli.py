"""`fazhi review FILE... [--json]`: the contract other tools rely on."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.reviewer import SECTION_KEYS
from fazhi.reviewer.models import ReviewBatch, ReviewedReport

from .helpers import GOLD_SEEDS, REPORT_LINES, SEEDS, pdf_bytes


def run(*args) -> str:
    out = io.StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


def test_json_shape(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes(REPORT_LINES))
    files = [str(SEEDS / f"{GOLD_SEEDS[3]}.txt"), str(empty), str(pdf)]
    data = json.loads(run(*files, "--json"))
    assert [d["file"] for d in data] == files
    for item in data:
        assert set(item) == {"file", "jurisdiction", "year", "sections", "indicators", "findings", "error"}
        assert set(item["sections"]) == set(SECTION_KEYS)
        assert all(isinstance(v, bool) for v in item["sections"].values())
    linfen, bad, small = data
    assert linfen["error"] is None and linfen["jurisdiction"] == "临汾市" and linfen["year"] == 2024
    assert linfen["indicators"]["hotline.received"] == {
        "value": 823000,
        "evidence": "累计受理群众诉求82.3万件",
    }
    assert isinstance(linfen["indicators"]["hotline.received"]["value"], int)
    assert linfen["indicators"]["reconsideration.correction_rate"]["value"] == 15.8
    assert {"kind", "message", "evidence"} == set(linfen["findings"][0])
    assert bad["error"] == "文件为空" and bad["indicators"] == {} and bad["findings"] == []
    assert small["error"] is None and small["indicators"]["reconsideration.received"]["value"] == 206


def test_json_is_not_ascii_escaped():
    out = run(str(SEEDS / f"{GOLD_SEEDS[0]}.txt"), "--json")
    assert "临夏回族自治州" in out


def test_readable_summary_in_chinese():
    out = run(str(SEEDS / f"{GOLD_SEEDS[3]}.txt"))
    assert "地区：临汾市" in out and "行政复议纠错率：15.8%" in out and "rate_mismatch" in out


def test_exit_status_nonzero_only_when_nothing_could_be_read(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as exc:
        run(str(empty), str(tmp_path / "missing.pdf"))
    assert exc.value.returncode == 1
    run(str(empty), str(SEEDS / f"{GOLD_SEEDS[0]}.txt"))  # one readable file: no error


def test_directory_arguments_are_expanded(tmp_path):
    (tmp_path / "a.txt").write_text("\n".join(REPORT_LINES), encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    data = json.loads(run(str(tmp_path), "--json"))
    assert [d["file"].rsplit("/", 1)[-1] for d in data] == ["a.txt"]


@pytest.mark.django_db
def test_save_stores_the_batch():
    run(*(str(SEEDS / f"{n}.txt") for n in GOLD_SEEDS), "--save")
    batch = ReviewBatch.objects.get()
    assert (batch.source, batch.file_count, batch.failed_count) == ("cli", 4, 0)
    linfen = ReviewedReport.objects.get(jurisdiction="临汾市")
    assert linfen.figures.get(key="reconsideration.correction_rate").value == 15.8
    assert linfen.findings.filter(kind="rate_mismatch").count() == 2


def test_an_empty_directory_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        run(str(tmp_path))


def test_plan_option_checks_the_plans_figures():
    data = json.loads(
        run(str(SEEDS / f"{GOLD_SEEDS[2]}.txt"), "--plan", str(SEEDS / "002_c60f17a457bdc50d.txt"), "--json")
    )
    kinds = {(f["kind"], f["message"]) for f in data[0]["findings"]}
    assert any(kind == "missing_figure" and "工作要点" in message for kind, message in kinds)
