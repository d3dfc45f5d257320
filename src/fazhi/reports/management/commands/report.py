"""fazhi report [--org CODE] --year YYYY --format docx|pdf --out FILE

Prints the 法治政府建设年度报告 of an org (default: the top jurisdiction) on a year: the report the office saved
(as published, when it is public), or, when none was saved, a draft generated on the fly from the records."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Org
from fazhi.reports.builder import services
from fazhi.reports.builder.placeholders import FigureSource
from fazhi.reports.builder.render_docx import render_content
from fazhi.reports.builder.render_pdf import PdfError
from fazhi.reports.builder.selectors import top_jurisdiction
from fazhi.reports.models import AnnualReport


class Command(BaseCommand):
    help = "生成法治政府建设年度报告（.docx 或 .pdf）：fazhi report [--org CODE] --year YYYY --format docx|pdf --out FILE"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="机构代码（默认：最上级行政区划）")
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
        parser.add_argument("--format", choices=services.FORMATS, help="docx 或 pdf（默认按 --out 的扩展名）")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument("--draft", action="store_true", help="不用已保存的报告，按记录重新生成草稿")

    def handle(self, *args, **opts):
        out = Path(opts["out"])
        fmt = opts["format"] or out.suffix.lstrip(".").lower()
        if fmt not in services.FORMATS:
            raise CommandError("请用 --format docx 或 --format pdf 指定格式")
        if opts["org"]:
            org = Org.objects.filter(code=opts["org"]).first()
            if org is None:
                raise CommandError(f"机构代码 {opts['org']} 不存在")
        else:
            org = top_jurisdiction()
            if org is None:
                raise CommandError("数据库中没有任何机构：请先运行 fazhi demo 或导入组织机构")
        year = opts["year"]
        report = None if opts["draft"] else AnnualReport.objects.filter(org=org, year=year).first()
        try:
            if (
                report is not None
                and report.is_published
                and (report.pdf_file if fmt == "pdf" else report.docx_file)
            ):
                field = report.pdf_file if fmt == "pdf" else report.docx_file
                with field.open("rb") as fh:
                    data = fh.read()
                how, figures, missing, notes = f"已公开的报告（{report.published_on:%Y-%m-%d}）", None, [], []
            else:
                source = FigureSource.for_year(org, year, links=False)
                if report is not None:
                    content, notes = services.content_of(report), []
                    how = "已保存的报告（草稿）"
                else:
                    content, d = services.draft_content(org, year, source)
                    notes = d.notes
                    how = "按记录生成的草稿（未保存）"
                rendered = render_content(content, source)
                figures, missing = rendered.figures, rendered.missing
                data = services.render(content, fmt, source)
        except (ValidationError, ImproperlyConfigured, PdfError) as exc:
            msgs = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("；".join(msgs)) from exc
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.stdout.write(f"{org.name}{year}年度法治政府建设报告 → {out}（{fmt}，{len(data):,} 字节）")
        self.stdout.write(f"  来源：{how}")
        if figures is not None:
            self.stdout.write(f"  数字：{len(figures)} 个，其中无数据 {len(missing)} 个")
            gaps = services.gaps_of(content)
            if gaps:
                self.stdout.write(f"  待补充（记录中没有依据，留待撰写）：{len(gaps)} 处")
                for g in gaps:
                    self.stdout.write(f"    - {g.text}")
        for f in dict.fromkeys(f.name for f in missing):
            self.stderr.write(f"  无数据：{f}")
        if notes:
            more = "" if opts["verbosity"] >= 2 else "；加 -v 2 列出所缺数据"
            self.stdout.write(
                f"  草稿中因无数据未写入的语句：{len(notes)} 句（补录统计数据后即可写入{more}）"
            )
            if opts["verbosity"] >= 2:
                for n in notes:
                    self.stdout.write(f"    - 缺少 {'、'.join(n.missing)}")
