"""Background work of the collection app (django-tasks, DEP 14): the daily reminders of `fazhi remind`, so the
timer can hand them to the queue (`fazhi remind --enqueue`) and a worker on any machine sends them."""

from __future__ import annotations

from django_tasks import task


def send_reminders(*, every_days: int = 1) -> dict:
    """催报 of late 统计填报 tasks, then the due-date reminders of every app: what one `fazhi remind` run does.
    Safe to run twice (each reminder is claimed before it is written)."""
    from fazhi.collection.services import send_late_reminders
    from fazhi.core.notices import send_due_reminders

    late = send_late_reminders(every_days=every_days)
    due = send_due_reminders()
    return {
        "late": [f"{r.task.org.name}：{r.message}" for r in late],
        "obligations": due.obligations,
        "notices": len(due.notices),
        "emailed": due.emailed,
    }


@task()
def remind(every_days: int = 1) -> dict:
    return send_reminders(every_days=every_days)
