"""`fazhi remind`: reminders of every due and overdue obligation of every app (the due-date protocol,
core/due.py: an in-app notice to each responsible user and an e-mail when configured, core/notices.py) and the
催报 of late 统计填报 tasks; meant to run daily from cron or a systemd timer.

Due-date reminders are claimed per (user, source, record, due date, kind, day), so a second run on the same day
sends nothing.

Safe to run twice, and from several machines at once: each late task is claimed with a conditional update
before its reminder is written (healthchecks' sendreports), so a task gets one reminder per period of
`--every` days however many runs there are. `--loop` keeps running, checking every `--interval` seconds,
and stops cleanly on SIGTERM/SIGINT between checks. `--enqueue` hands the run to the task queue
(fazhi.collection.tasks.remind) and returns at once: the daily timer does this, a worker sends them."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from fazhi.collection.tasks import remind, send_reminders


class Command(BaseCommand):
    help = "期限提醒：为各业务即将到期、已逾期的事项向责任人发送站内消息和邮件，并为逾期未报送的统计填报任务催报（可重复运行，同一事项同一天只提醒一次）"

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=1, help="同一任务两次催报至少间隔的天数（默认 1）")
        parser.add_argument("--loop", action="store_true", help="持续运行，每隔 --interval 秒检查一次")
        parser.add_argument(
            "--enqueue", action="store_true", help="交给后台任务队列执行（由 fazhi worker 发送），立即返回"
        )
        parser.add_argument(
            "--wait",
            type=int,
            default=0,
            metavar="SECONDS",
            help="与 --enqueue 同用：等待任务完成（最多 SECONDS 秒）并显示结果；失败或超时则以非零状态退出",
        )
        parser.add_argument(
            "--interval", type=int, default=3600, help="--loop 时两次检查的间隔秒数（默认 3600）"
        )

    def handle(self, *args, **opts):
        self.stopping = False
        if opts["enqueue"]:
            if opts["loop"]:
                raise CommandError("--enqueue 与 --loop 不能同时使用")
            result = remind.enqueue(opts["every"])
            self.stdout.write(f"已加入后台任务队列：期限提醒和催报（任务 {result.id}）")
            if opts["wait"] > 0:
                self._wait(result, opts["wait"])
            return

        def stop(signum, frame):
            self.stopping = True

        if opts["loop"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while True:
            self.stdout.write(report(send_reminders(every_days=opts["every"])))
            if not opts["loop"]:
                return
            waited = 0
            while waited < opts["interval"] and not self.stopping:
                time.sleep(1)
                waited += 1
            if self.stopping:
                self.stdout.write("收到停止信号，退出")
                return

    def _wait(self, result, seconds: int) -> None:
        """Poll the task until it finishes: the timer's service then fails visibly (systemctl status) when the
        worker is down or the reminders fail, while the work itself runs on the queue."""
        from django_tasks.base import TaskResultStatus

        deadline = time.monotonic() + seconds
        while not result.is_finished:
            if time.monotonic() >= deadline:
                raise CommandError(
                    f"任务 {result.id} 在 {seconds} 秒内未完成：请检查 fazhi worker 是否在运行"
                )
            time.sleep(1)
            result.refresh()
        if result.status == TaskResultStatus.FAILED:
            last = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else ""
            raise CommandError(f"任务 {result.id} 执行失败：{last}")
        self.stdout.write(report(result.return_value))


def report(done: dict) -> str:
    """What one run did, in the words the timer's log has always shown."""
    lines = [f"催报 {line}" for line in done["late"]]
    lines.append(f"本次催报 {len(done['late'])} 条")
    lines.append(
        f"期限提醒：到期/逾期事项 {done['obligations']} 件，新发站内消息 {done['notices']} 条，邮件 {done['emailed']} 封"
    )
    return "\n".join(lines)
