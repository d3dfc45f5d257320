"""`fazhi remind`: reminders of every due and overdue obligation of every app (the due-date protocol,
core/due.py: an in-app notice to each responsible user and an e-mail when configured, core/notices.py) and the
催报 of late 统计填报 tasks; meant to run daily from cron or a systemd timer.

Due-date reminders are claimed per (user, source, record, due date, kind, day), so a second run on the same day
sends nothing.

Safe to run twice, and from several machines at once: each late task is claimed with a conditional update
before its reminder is written (healthchecks' sendreports), so a task gets one reminder per period of
`--every` days however many runs there are. `--loop` keeps running, checking every `--interval` seconds,
and stops cleanly on SIGTERM/SIGINT between checks."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand

from fazhi.core.notices import send_due_reminders
from fazhi.indicators.collection import send_late_reminders


class Command(BaseCommand):
    help = "期限提醒：为各业务即将到期、已逾期的事项向责任人发送站内消息和邮件，并为逾期未报送的统计填报任务催报（可重复运行，同一事项同一天只提醒一次）"

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=1, help="同一任务两次催报至少间隔的天数（默认 1）")
        parser.add_argument("--loop", action="store_true", help="持续运行，每隔 --interval 秒检查一次")
        parser.add_argument(
            "--interval", type=int, default=3600, help="--loop 时两次检查的间隔秒数（默认 3600）"
        )

    def handle(self, *args, **opts):
        self.stopping = False

        def stop(signum, frame):
            self.stopping = True

        if opts["loop"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while True:
            sent = send_late_reminders(every_days=opts["every"])
            for r in sent:
                self.stdout.write(f"催报 {r.task.org.name}：{r.message}")
            self.stdout.write(f"本次催报 {len(sent)} 条")
            due = send_due_reminders()
            self.stdout.write(
                f"期限提醒：到期/逾期事项 {due.obligations} 件，新发站内消息 {len(due.notices)} 条，邮件 {due.emailed} 封"
            )
            if not opts["loop"]:
                return
            waited = 0
            while waited < opts["interval"] and not self.stopping:
                time.sleep(1)
                waited += 1
            if self.stopping:
                self.stdout.write("收到停止信号，退出")
                return
