"""`fazhi import APP FILE [--user USERNAME]`: all rows or none.

Every row is validated first; on any error the per-row list is printed, nothing is written and the exit
status is non-zero (`--errors OUT.xlsx` also writes the error workbook)."""

from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.core.importing import PHASES, error_workbook, import_file, importer_apps
from fazhi.core.importing.mapping import find_mapping


class TqdmProgress:
    """One tqdm bar per phase, on stderr."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.bars: dict[str, tqdm] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "read":
            return
        bar = self.bars.get(phase)
        if bar is None:
            bar = self.bars[phase] = tqdm(
                total=total,
                desc=PHASES.get(phase, phase),
                unit="行",
                file=self.stream,
                leave=True,
                dynamic_ncols=True,
            )
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def resolve_user(username: str | None, out):
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"用户「{username}」不存在或已停用")
        return user
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    if user is None:
        raise CommandError("系统中没有超级管理员，请用 --user 指定导入人")
    out.write(f"未指定 --user，以超级管理员「{user.username}」的身份操作")
    return user


def app_help() -> str:
    """The apps with an importer, for --help: "reconsideration（行政复议）或 litigation（行政应诉）"."""
    from fazhi.core.contract import domain_apps_by_area

    labels = importer_apps()
    return "或 ".join(
        f"{cfg.label}（{cfg.verbose_name}）" for cfg in domain_apps_by_area() if cfg.label in labels
    )


class Command(BaseCommand):
    help = "从 Excel/CSV 文件导入历史案件（全部校验通过才写入）"

    def add_arguments(self, parser):
        parser.add_argument("app", choices=importer_apps(), help=app_help())
        parser.add_argument("file", help=".xlsx / .xls / .ods / .csv 文件")
        parser.add_argument("--user", dest="username", help="导入人用户名（默认：第一个超级管理员）")
        parser.add_argument("--errors", dest="errors_out", help="有错误时把错误报告写入此 .xlsx 文件")
        parser.add_argument(
            "--mapping", dest="mapping_name", help="按已保存的列对应方案（名称）读取表头与模板不同的文件"
        )

    def handle(
        self,
        *args,
        app: str,
        file: str,
        username: str | None,
        errors_out: str | None,
        mapping_name: str | None = None,
        **options,
    ):
        user = resolve_user(username, self.stdout)
        mapping = None
        if mapping_name:
            saved = find_mapping(user, app, mapping_name)
            if saved is None:
                raise CommandError(f"没有名为「{mapping_name}」的{app}列对应方案（或无权使用）")
            mapping = {"columns": saved.columns}
        progress = TqdmProgress(getattr(self.stderr, "_out", sys.stderr))
        try:
            result = import_file(app, file, user=user, progress=progress, mapping=mapping)
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{file}") from None
        finally:
            progress.close()
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            if errors_out:
                with open(errors_out, "wb") as fh:
                    fh.write(error_workbook(result))
                self.stderr.write(f"错误报告已写入 {errors_out}")
            raise CommandError(f"导入失败：共 {len(result.errors)} 处错误，未写入任何记录")
        self.stdout.write(self.style.SUCCESS(f"导入成功：{result.created} 条"))
        self.stdout.write(
            f"用时 {result.seconds:.1f} 秒（{result.created / max(result.seconds, 1e-9):.0f} 行/秒）"
        )
