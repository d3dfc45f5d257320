"""`fazhi precheck FILE [--json]`: the pre-check of a draft (.txt, .docx or text .pdf), clause by clause.

It helps the reviewer and never decides: each flag names the clause, the rule, its citation and the words that
triggered it (fazhi.legality.precheck)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.legality.precheck import precheck
from fazhi.reviewer.text import ReviewError, load_path


class Command(BaseCommand):
    help = "合法性审核草案预审：逐条标出可能设定许可、处罚、强制，增加条件或义务，限制竞争，以内设机构名义制发的条款"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="草案文件（.txt、.docx 或文字版 .pdf）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options) -> None:
        try:
            text = load_path(options["file"])
        except ReviewError as exc:
            raise CommandError(f"草案文件无法读取：{exc}") from None
        result = precheck(text)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        flags = result["flags"]
        self.stdout.write(
            f"共 {result['clauses']} 条（款、项），提示 {len(flags)} 处（仅供审核参考，不作结论）"
        )
        for f in flags:
            self.stdout.write(f"\n【{f['label']}】{f['rule']}：“{f['trigger']}”")
            self.stdout.write(f"  条文：{f['clause']}")
            self.stdout.write(f"  依据：{f['citation']}")
