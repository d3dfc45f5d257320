"""`fazhi review FILE... [--json] [--save] [--plan PLAN]`: review annual reports from the command line.

Each file is reviewed on its own, so one unreadable file does not stop the batch. `--json` prints a list
with one object per file (the contract other tools rely on, see fazhi.reviewer.ReviewResult.as_dict);
the exit status is non-zero only when no file could be read at all.

`--enqueue` hands the batch to the task queue instead (fazhi.reviewer.tasks.run_review_batch, as a web upload):
the files are copied into storage, so a worker on another machine can read them, and the command prints the
batch's number and page; the results are saved as with --save."""

from __future__ import annotations

import hashlib
import json
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.reviewer import (
    SECTION_KEYS,
    SECTION_LABELS,
    ReviewError,
    ReviewResult,
    plan_expectations,
    review_file,
)
from fazhi.reviewer.numbers import as_plain_number
from fazhi.reviewer.text import DEFAULT_MAX_BYTES, load_path, normalise

SUFFIXES = {".txt", ".docx", ".pdf"}


class Command(BaseCommand):
    help = "审阅法治政府建设年度报告（.txt、.docx、文字版 .pdf）：法定内容、指标数字、一致性问题"
    # Other tools call this for every batch: it reads files and (with --save) writes its own tables only,
    # so it does not wait for, or fail on, the whole project's system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="报告文件；目录则审阅其中的 .txt/.docx/.pdf"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（每个文件一个对象）")
        parser.add_argument("--save", action="store_true", help="将结果存入数据库，可在网页上查看")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="交给后台任务队列审阅（由 fazhi worker 执行，结果存入数据库），立即返回批次编号",
        )
        parser.add_argument(
            "--plan", metavar="PLAN", help="工作要点文件：核对报告是否载明其中提出的指标及目标"
        )
        parser.add_argument(
            "--max-mb",
            type=float,
            default=DEFAULT_MAX_BYTES / 1024 / 1024,
            help="单个文件大小上限（MB），默认 %(default)s",
        )

    def handle(self, *args, **opts):
        max_bytes = int(opts["max_mb"] * 1024 * 1024)
        if opts["enqueue"]:
            return self._enqueue(opts, max_bytes)
        plan = None
        if opts["plan"]:
            try:
                plan = plan_expectations(normalise(load_path(opts["plan"], max_bytes=max_bytes)))
            except ReviewError as exc:
                raise CommandError(f"无法读取工作要点 {opts['plan']}：{exc}") from None

        paths = _expand(opts["files"])
        if not paths:
            raise CommandError("没有找到要审阅的文件（.txt、.docx 或 .pdf）", returncode=1)
        results: list[ReviewResult] = [review_file(path, max_bytes=max_bytes, plan=plan) for path in paths]

        if opts["save"]:
            self._save(results)
        if opts["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        else:
            for r in results:
                self.stdout.write(_summary(r))
        readable = sum(1 for r in results if r.ok)
        if not opts["json"]:
            self.stdout.write(
                f"共 {len(results)} 个文件，审阅 {readable} 个，无法读取 {len(results) - readable} 个。"
            )
        if results and readable == 0:
            raise CommandError("没有能够读取的文件", returncode=1)

    def _enqueue(self, opts, max_bytes: int) -> None:
        from django.urls import reverse

        from fazhi.reviewer.models import ReviewSource
        from fazhi.reviewer.tasks import enqueue, submit

        if opts["json"]:
            raise CommandError("--enqueue 与 --json 不能同时使用：结果在后台产生，请在网页或数据库中查看")
        paths = _expand(opts["files"])
        if not paths:
            raise CommandError("没有找到要审阅的文件（.txt、.docx 或 .pdf）", returncode=1)
        missing = [p for p in paths + ([opts["plan"]] if opts["plan"] else []) if not Path(p).is_file()]
        if missing:
            raise CommandError("找不到文件：" + "、".join(missing), returncode=1)
        with ExitStack() as stack:
            files = [_submitted(stack, p) for p in paths]
            plan = _submitted(stack, opts["plan"]) if opts["plan"] else None
            batch = submit(files=files, plan=plan, actor=None, source=ReviewSource.CLI, max_bytes=max_bytes)
        enqueue(batch)
        url = reverse("reviewer:review_batch", args=[batch.pk])
        self.stdout.write(f"已加入后台任务队列：审阅批次 {batch.pk}，{len(files)} 个文件；进度和结果见 {url}")

    def _save(self, results: list[ReviewResult]) -> None:
        from fazhi.reviewer.models import ReviewSource, create_batch, record_review

        batch = create_batch(actor=None, source=ReviewSource.CLI)
        for r in results:
            p = Path(r.file)
            try:
                data = p.read_bytes() if p.is_file() and p.stat().st_size <= 512 * 1024 * 1024 else b""
            except OSError:
                data = b""
            record_review(
                result=r, batch=batch, actor=None, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
            )


def _submitted(stack: ExitStack, path: str):
    from django.core.files import File

    from fazhi.reviewer.tasks import Submitted

    p = Path(path)
    return Submitted(p.name, p.stat().st_size, File(stack.enter_context(p.open("rb")), name=p.name))


def _expand(paths: list[str]) -> list[str]:
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.iterdir()) if f.suffix.lower() in SUFFIXES and f.is_file())
        else:
            out.append(p)
    return out


def _summary(r: ReviewResult) -> str:
    lines = [f"【{r.file}】"]
    if r.error:
        lines.append(f"  无法审阅：{r.error}")
        return "\n".join(lines) + "\n"
    md = r.metadata
    lines.append(
        f"  地区：{md.jurisdiction or '未识别'}  年度：{md.year or '未识别'}  发文机关：{md.authority or '—'}  "
        f"文号：{md.doc_number or '—'}  主送：{md.addressee or '—'}  日期：{md.date or '—'}"
    )
    marks = "  ".join(f"{'✓' if r.sections.get(k) else '✗'}{SECTION_LABELS[k]}" for k in SECTION_KEYS)
    lines.append(f"  法定内容：{marks}")
    lines.append(f"  指标数字（{len(r.figures)} 项）：")
    for f in r.figures.values():
        value = as_plain_number(f.value)
        lines.append(f"    {f.label}：{value}{f.unit}　“{f.evidence}”")
    if r.findings:
        lines.append(f"  发现的问题（{len(r.findings)} 项）：")
        for fd in r.findings:
            quote = f"　“{fd.evidence}”" if fd.evidence else ""
            lines.append(f"    [{fd.kind}] {fd.message}{quote}")
    return "\n".join(lines) + "\n"
