"""The narrative of a section as the office writes it in the textarea, read into blocks for the preview and the
Word file.

- Each non-empty line is a paragraph (Chinese official documents indent every paragraph; no blank line needed).
- A line that starts with a sub-heading number "（一）" and has no full stop is a level-2 heading
  (二级标题, as in the seeds: "（二）提高行政效能，更好发挥了政府作用").
- `**…**` marks bold text ("**一是压实工作责任。**…", as seed 000 bolds its 一是/二是 phrases).
- `{{ key }}` placeholders become figures (placeholders.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .placeholders import Figure, FigureSource, segments

SUBHEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass
class Run:
    text: str
    bold: bool = False
    figure: Figure | None = None


@dataclass
class Block:
    kind: str  # "heading" | "para"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def is_subheading(line: str) -> bool:
    return bool(SUBHEADING_RE.match(line)) and "。" not in line and len(line) <= 60


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").replace("\r\n", "\n").split("\n") if ln.strip()]


def _runs(line: str, source: FigureSource) -> list[Run]:
    runs: list[Run] = []
    for i, chunk in enumerate(line.split("**")):
        bold = i % 2 == 1
        for seg in segments(chunk, source):
            if isinstance(seg, Figure):
                runs.append(Run(seg.text, bold, seg))
            elif seg:
                runs.append(Run(seg, bold))
    return runs


def blocks(text: str, source: FigureSource) -> list[Block]:
    out = []
    for line in lines(text):
        kind = "heading" if is_subheading(line) else "para"
        out.append(Block(kind, _runs(line.replace("**", "") if kind == "heading" else line, source)))
    return out


def figures(blocks_: list[Block]) -> list[Figure]:
    return [r.figure for b in blocks_ for r in b.runs if r.figure is not None]


def run_html(run: Run) -> SafeString:
    if run.figure is None:
        html = escape(run.text)
    elif run.figure.missing:
        html = format_html(
            '<span class="figure figure-missing" title="{}">{}</span>', run.figure.token, run.text
        )
    else:
        title = f"{run.figure.name}：{run.figure.formula}".rstrip("：")
        if run.figure.url:
            html = format_html(
                '<a class="figure" href="{}" title="{}" data-key="{}">{}</a>',
                run.figure.url,
                title,
                run.figure.token,
                run.text,
            )
        else:
            html = format_html(
                '<span class="figure" title="{}" data-key="{}">{}</span>', title, run.figure.token, run.text
            )
    return format_html("<strong>{}</strong>", html) if run.bold else html


def to_html(blocks_: list[Block]) -> SafeString:
    parts = []
    for b in blocks_:
        inner = mark_safe("".join(run_html(r) for r in b.runs))  # noqa: S308 - every run is escaped above
        if b.kind == "heading":
            parts.append(format_html('<p class="report-h2">{}</p>', inner))
        else:
            parts.append(format_html('<p class="report-p">{}</p>', inner))
    return mark_safe("\n".join(parts))  # noqa: S308 - built with format_html
