"""`fazhi deadlines`: list the statutory periods, or compute one due date with its explanation.

fazhi deadlines --list
fazhi deadlines reconsideration.decision_ordinary 2025-03-03 --pause 2025-03-10:2025-03-19 --extension 30
fazhi deadlines reconsideration.acceptance_review 2025-01-06 --fact corrected_on=2025-01-24 --json
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.params import DATE_MAX, DATE_MIN
from fazhi.law.deadlines import RULES, DeadlineError, Pause, compute


def _parse_date(raw: str, label: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise CommandError(f"{label}“{raw}”不是有效日期，请使用 YYYY-MM-DD 格式，例如 2025-01-24") from None
    if not DATE_MIN <= day <= DATE_MAX:  # a deadline counted from 9999-12-31 overflows
        raise CommandError(f"{label}“{raw}”超出范围：应在 {DATE_MIN} 至 {DATE_MAX} 之间")
    return day


def _parse_pause(raw: str) -> Pause:
    """START:END[:原因] or START: (still suspended)."""
    parts = raw.split(":", 2)
    if len(parts) < 2:
        raise CommandError(f"中止期间“{raw}”格式应为 开始日期:恢复日期[:原因]，尚未恢复的写作 开始日期:")
    start = _parse_date(parts[0], "中止开始日期")
    end = _parse_date(parts[1], "恢复日期") if parts[1].strip() else None
    reason = parts[2].strip() if len(parts) == 3 and parts[2].strip() else "中止"
    return Pause(start, end, reason)


def _parse_fact(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        raise CommandError(f"案件事实“{raw}”格式应为 名称=值，例如 corrected_on=2025-01-24")
    key, value = (s.strip() for s in raw.split("=", 1))
    try:
        return key, dt.date.fromisoformat(value)
    except ValueError:
        return key, value


class Command(BaseCommand):
    help = "列出法定期限规则，或计算某一规则的期限届满日并说明理由。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="规则名，如 reconsideration.acceptance_review")
        parser.add_argument("start_date", nargs="?", help="起算日期 YYYY-MM-DD（该日不计入期间）")
        parser.add_argument("--list", action="store_true", help="列出全部规则及其法律依据")
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="START:END[:原因]",
            help="中止期间（含两端不计入）；尚未恢复的写作 START:；可重复",
        )
        parser.add_argument("--extension", default="0", metavar="DAYS", help="延长天数（按规则的计日方式）")
        parser.add_argument(
            "--fact",
            action="append",
            default=[],
            metavar="名称=值",
            help="案件事实，如 corrected_on=2025-01-24",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for rule in RULES.values():
                self.stdout.write(f"{rule.name}\t{rule.title}\t{rule.citation}\t{rule.period}")
            return
        name, raw_start = options["rule"], options["start_date"]
        if not name or not raw_start:
            raise CommandError(
                "请给出规则名和起算日期，例如：fazhi deadlines litigation.answer 2025-09-16；或使用 --list"
            )
        if name not in RULES:
            raise CommandError(f"未知的期限规则：{name}。用 fazhi deadlines --list 查看全部规则")
        start = _parse_date(raw_start, "起算日期")
        pauses = [_parse_pause(p) for p in options["pause"]]
        try:
            extension = int(str(options["extension"]).strip())
        except ValueError:
            raise CommandError(f"延长天数“{options['extension']}”不是整数") from None
        facts = dict(_parse_fact(f) for f in options["fact"])
        try:
            deadline = compute(name, start, pauses=pauses, extension_days=extension, **facts)
        except DeadlineError as exc:
            raise CommandError(str(exc)) from None

        if options["json"]:
            self.stdout.write(json.dumps(deadline.as_dict(), ensure_ascii=False))
            return
        rule = deadline.rule
        self.stdout.write(f"{rule.title}（{rule.name}）")
        self.stdout.write(f"依据：{rule.citation}")
        self.stdout.write(f"起算日：{deadline.start.isoformat()}")
        self.stdout.write(
            f"{'最早日期' if rule.after else '期限届满日'}："
            f"{deadline.due.isoformat() if deadline.due else '暂停计算（中止期间）'}"
        )
        self.stdout.write(f"说明：{deadline.explanation}")
        for warning in deadline.warnings:
            self.stdout.write(self.style.WARNING(f"提示：{warning}"))
