"""The reviewer reproduces the hand-checked labels of the seed reports (shared/indicators/gold, copied to
tests/reports/data): sections, figures with their quotes, and the known inconsistencies."""

import re
import unicodedata

import pytest
import yaml

from fazhi.reviewer import SECTION_KEYS, review_bytes, review_file, review_text

from .helpers import DATA, GOLD, GOLD_SEEDS, SEEDS, pdf_bytes, wrapped


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def load(name: str):
    return review_file(SEEDS / f"{name}.txt"), yaml.safe_load(
        (GOLD / f"{name}.yaml").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("name", GOLD_SEEDS)
def test_metadata_and_sections(name):
    result, gold = load(name)
    got = result.as_dict()
    assert (got["jurisdiction"], got["year"]) == (gold["jurisdiction"], gold["year"])
    assert got["sections"] == {k: bool(gold["sections"][k]) for k in SECTION_KEYS}


@pytest.mark.parametrize("name", GOLD_SEEDS)
def test_figures_and_their_quotes(name):
    result, gold = load(name)
    got = result.as_dict()["indicators"]
    assert set(got) == set(gold["indicators"])
    for key, value in gold["indicators"].items():
        assert got[key]["value"] == pytest.approx(value, rel=0.01), key
        mine, theirs = squash(got[key]["evidence"]), squash(gold["evidence"][key])
        assert mine in theirs or theirs in mine, (key, got[key]["evidence"], gold["evidence"][key])


@pytest.mark.parametrize("name", GOLD_SEEDS)
def test_known_inconsistencies(name):
    result, gold = load(name)
    flagged = {f.key: f for f in result.findings if f.kind in {"rate_mismatch", "count_exceeds_total"}}
    assert set(flagged) == {i["key"] for i in gold["inconsistencies"] or []}
    for item in gold["inconsistencies"] or []:
        assert squash(item["quote"]) in squash(flagged[item["key"]].evidence)


def test_evidence_offsets_point_into_the_stored_text():
    result, _ = load("004_2a0a36ba8a6511d2")
    for f in result.figures.values():
        assert result.text[f.start : f.end] == f.evidence
        assert f.start <= f.number_start < f.number_end <= f.end


def test_the_work_plan_is_not_a_report():
    result = review_file(SEEDS / "002_c60f17a457bdc50d.txt")
    assert result.figures == {}
    assert [f.kind for f in result.findings] == ["not_annual_report"]


def test_a_report_not_seen_before():
    """A made-up county report in phrasings the seeds do not use (full-width digits, 收到 before 受理,
    figures of a department, of the county's own level, of one town, over three years, and targets)."""
    result = review_file(DATA / "synthetic_county.txt")
    gold = yaml.safe_load((DATA / "synthetic_county.yaml").read_text(encoding="utf-8"))
    got = result.as_dict()
    assert (got["jurisdiction"], got["year"]) == (gold["jurisdiction"], gold["year"])
    assert got["sections"] == gold["sections"]
    assert {k: v["value"] for k, v in got["indicators"].items()} == pytest.approx(
        gold["indicators"], rel=0.01
    )
    assert [f for f in result.findings if f.kind in {"rate_mismatch", "count_exceeds_total"}] == []


@pytest.mark.parametrize("name", GOLD_SEEDS)
def test_the_same_report_as_a_pdf_reads_the_same(name):
    """Wrapped lines, page breaks and spaced-out characters, through the PDF reader."""
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    as_text = review_text(text, "a.txt").as_dict()
    as_pdf = review_bytes(pdf_bytes(wrapped(text)), "a.pdf").as_dict()
    assert as_pdf["error"] is None
    assert (as_pdf["jurisdiction"], as_pdf["year"], as_pdf["sections"]) == (
        as_text["jurisdiction"],
        as_text["year"],
        as_text["sections"],
    )
    assert {k: v["value"] for k, v in as_pdf["indicators"].items()} == {
        k: v["value"] for k, v in as_text["indicators"].items()
    }
