"""The report reviewer: reads a 法治政府建设年度报告 and says what it contains.

Pure Python (no Django), so it is fast and testable on its own; `fazhi.reports.models` stores its results.

    result = review_file("临汾市2024年度报告.pdf")
    result.as_dict()   # the `fazhi review --json` contract

Pipeline: text.load_* → text.normalise → metadata → sections → figures → checks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .checks import (
    Expectation,
    Finding,
    check_missing,
    check_rates,
    check_totals,
    plan_expectations,
)
from .figures import Candidate, Figure, catalog, choose, find_candidates
from .metadata import Metadata, extract_metadata
from .numbers import as_plain_number
from .sections import SECTION_KEYS, SECTION_LABELS, Sections, detect_sections
from .text import DEFAULT_MAX_BYTES, ReviewError, load_bytes, load_path, normalise

logger = logging.getLogger(__name__)

__all__ = [
    "SECTION_KEYS",
    "SECTION_LABELS",
    "Expectation",
    "Figure",
    "Finding",
    "Metadata",
    "ReviewError",
    "ReviewResult",
    "catalog",
    "plan_expectations",
    "review_bytes",
    "review_file",
    "review_text",
]


@dataclass
class ReviewResult:
    file: str
    text: str = ""  # the normalised text; figure and finding offsets point into it
    metadata: Metadata = field(default_factory=Metadata)
    sections: dict[str, bool] = field(default_factory=lambda: {k: False for k in SECTION_KEYS})
    section_headings: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # for diagnosis: every reading, kept or not
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict:
        """Exactly the `fazhi review --json` object of one file."""
        return {
            "file": self.file,
            "jurisdiction": self.metadata.jurisdiction or None,
            "year": self.metadata.year,
            "sections": {k: bool(self.sections.get(k)) for k in SECTION_KEYS},
            "indicators": {
                key: {"value": as_plain_number(f.value), "evidence": f.evidence}
                for key, f in self.figures.items()
            },
            "findings": [f.as_dict() for f in self.findings],
            "error": self.error,
        }


def review_text(
    text: str, filename: str = "", *, plan: str | list[Expectation] | None = None
) -> ReviewResult:
    """Review the text of one report (raw or already normalised). `plan`: a work plan's text, or its
    expectations, whose figures the report should carry."""
    clean = normalise(text)
    md = extract_metadata(clean)
    sections: Sections = detect_sections(clean, md.year, is_report=md.is_annual_report)
    candidates = find_candidates(
        clean,
        report_year=md.year,
        excluded_spans=sections.spans["next_year_plan"],
        reporter=md.authority,
        jurisdiction=md.jurisdiction,
    )
    figures = choose(candidates)
    expectations = plan_expectations(normalise(plan)) if isinstance(plan, str) else list(plan or [])
    findings: list[Finding] = []
    if not md.is_annual_report:
        findings.append(
            Finding(
                "not_annual_report",
                "该文件不是法治政府建设年度报告（标题为计划、要点或通知），结构与数字仅供参考",
                md.title,
            )
        )
    findings += check_rates(clean, figures)
    findings += check_totals(clean, figures)
    if md.is_annual_report:
        spans = sections.spans.get("measures_and_results") or []
        measures = (spans[0][0], spans[-1][1]) if spans else None
        findings += check_missing(clean, figures, expectations, measures)
    headings = {}
    for key in SECTION_KEYS:
        h = sections.heading_for(key)
        if h is not None:
            headings[key] = h.title
    return ReviewResult(
        file=filename,
        text=clean,
        metadata=md,
        sections=sections.present,
        section_headings=headings,
        figures=figures,
        findings=findings,
        candidates=candidates,
    )


def review_bytes(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES, plan=None
) -> ReviewResult:
    """Review an uploaded file; a file that cannot be read gives a result with `error` set."""
    return _guarded(filename, lambda: load_bytes(data, filename, max_bytes=max_bytes), plan)


def review_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, plan=None) -> ReviewResult:
    """Review a file on disk; a file that cannot be read gives a result with `error` set."""
    return _guarded(str(path), lambda: load_path(path, max_bytes=max_bytes), plan)


def _guarded(name: str, load, plan) -> ReviewResult:
    # One file never stops a batch: a file we cannot read, or a fault of ours, is that file's error.
    try:
        raw = load()
    except ReviewError as exc:
        return ReviewResult(file=name, error=str(exc))
    except RecursionError:
        return ReviewResult(file=name, error="文件结构过于复杂，无法读取（文件可能已损坏）")
    except Exception:  # noqa: BLE001 - a parser fault on a malformed file
        logger.exception("reading %s failed", name)
        return ReviewResult(file=name, error="无法读取该文件（文件可能已损坏）")
    try:
        return review_text(raw, name, plan=plan)
    except Exception:  # noqa: BLE001 - logged with the traceback; the batch goes on
        logger.exception("reviewing %s failed", name)
        return ReviewResult(file=name, error="审阅该文件时出错（已记录日志），请联系系统管理员")
