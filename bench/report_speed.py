"""The annual report of the demo city's year, timed: .docx (target ≤ 3 s) and .pdf (target ≤ 15 s), each from
scratch as `fazhi report` does it (indicator engine → draft or saved report → docxtpl → LibreOffice).

    fazhi demo --no-serve            # or any database FAZHI_DATABASE_URL names
    python bench/report_speed.py [--org CODE] [--year YYYY] [--repeat N]

Prints the figures the report states (name, printed text, formula) and the timings."""

from __future__ import annotations

import argparse
import shutil

from _setup import summary, timed
from django.db import connection
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.reports.builder import services
from fazhi.reports.builder.placeholders import FigureSource
from fazhi.reports.builder.render_docx import render_content
from fazhi.reports.builder.render_pdf import soffice_path
from fazhi.reports.builder.selectors import top_jurisdiction
from fazhi.reports.models import AnnualReport

DOCX_TARGET_MS = 3_000
PDF_TARGET_MS = 15_000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--org", help="机构代码（默认：最上级行政区划）")
    ap.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    org = Org.objects.get(code=args.org) if args.org else top_jurisdiction()
    if org is None:
        raise SystemExit("no org in the database: run `fazhi demo --no-serve` first")
    saved = AnnualReport.objects.filter(org=org, year=args.year).first()

    def content_and_source():
        source = FigureSource.for_year(org, args.year, links=False)
        if saved is not None:
            return services.content_of(saved), source
        return services.draft_content(org, args.year, source)[0], source

    content, source = content_and_source()
    rendered = render_content(content, source)
    print(
        f"database: {connection.vendor}; {org.name} ({org.code}) {args.year}; "
        f"{'saved report' if saved else 'draft generated on the fly'}"
    )
    print(f"figures in the report: {len(rendered.figures)} ({len(rendered.missing)} without data)")
    for f in rendered.figures:
        print(f"  {f.name:<34} {f.text:>10}   {f.formula}")

    def docx():
        c, s = content_and_source()
        return services.render(c, "docx", s)

    def pdf():
        c, s = content_and_source()
        return services.render(c, "pdf", s)

    size = len(docx())
    print(summary(f"docx ({size:,} bytes)", timed(docx, args.repeat), DOCX_TARGET_MS))
    if soffice_path() is None or shutil.which("fc-list") is None:
        print("pdf: LibreOffice not installed — run scripts/install-office")
        return
    size = len(pdf())
    print(
        summary(
            f"pdf ({size:,} bytes, fresh LibreOffice profile each)",
            timed(pdf, max(1, args.repeat // 2 + 1)),
            PDF_TARGET_MS,
        )
    )


if __name__ == "__main__":
    main()
