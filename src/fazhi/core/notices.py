"""In-app notices (the bell) and the reminders of due and overdue obligations (`fazhi remind`).

Every reminder is claimed before it is sent, healthchecks-style: the claim is the INSERT of a `Notice` whose
(recipient, key) is unique, key = source + record + due date + kind + day. A second run on the same day, or a
second worker at the same moment, finds the claim taken (IntegrityError inside a savepoint) and sends nothing;
the e-mail goes out only after a successful claim, and `emailed_at` is set by a conditional update so a mail is
never sent twice for one notice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import due as due_protocol
from .choices import Role
from .models import Membership, Notice, Org

log = logging.getLogger("fazhi.remind")

# Who answers for an org's obligations: the writers of the org itself (its clerks, or the office staff and
# reviewers of a jurisdiction) and, for a unit, the office staff and reviewers of its jurisdiction, who
# supervise it. Administrators (system accounts) and leaders (read-only) are not reminded; nor are offices
# further up, who would otherwise get every reminder of the province.
UNIT_ROLES = (Role.CLERK, Role.OFFICE, Role.REVIEWER)
SUPERVISOR_ROLES = (Role.OFFICE, Role.REVIEWER)


def responsible_users(org: Org) -> QuerySet:
    from django.db.models import Q

    q = Q(org=org, role__in=UNIT_ROLES)
    if not org.is_jurisdiction:
        q |= Q(org=org.jurisdiction(), role__in=SUPERVISOR_ROLES)
    user_ids = Membership.objects.filter(q).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notice_id: int | None = None) -> int:
    """Mark one notice (or, without `notice_id`, all) of `user` read; returns how many changed."""
    qs = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if notice_id is not None:
        qs = qs.filter(pk=notice_id)
    return qs.update(read_at=timezone.now())


def claim_notice(*, recipient, key: str, title: str, body: str = "", url: str = "") -> Notice | None:
    """Write the notice unless (recipient, key) was claimed before; None when it was."""
    try:
        with transaction.atomic():
            return Notice.objects.create(
                recipient=recipient, key=key[:200], title=title[:200], body=body, url=url[:300]
            )
    except IntegrityError:
        return None


def email_notice(notice: Notice) -> bool:
    """Mail the notice to its recipient once (when e-mail is enabled and the user has an address)."""
    if not settings.FAZHI_EMAIL_ENABLED or not notice.recipient.email:
        return False
    claimed = Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    body = notice.body
    if notice.url:
        body += f"\n\n{settings.FAZHI_BASE_URL}{notice.url}"
    try:
        send_mail(f"【法治】{notice.title}", body, None, [notice.recipient.email])
    except Exception:  # the notice stands; a failed mail is logged and retried by nobody (no second mail)
        log.exception("reminder mail to %s failed", notice.recipient.email)
        return False
    return True


@dataclass
class RemindResult:
    notices: list[Notice] = field(default_factory=list)
    emailed: int = 0
    obligations: int = 0


def _text(item: due_protocol.Due) -> tuple[str, str]:
    if item.overdue:
        state = f"已逾期{-item.days_left}天"
    elif item.days_left == 0:
        state = "今日到期"
    else:
        state = f"{item.days_left}天后到期"
    title = f"{item.source_label}：{item.title} {state}"
    org = item.org.name if item.org else ""
    body = f"{item.title}\n期限：{item.rule}\n到期日：{item.due_on:%Y年%m月%d日}（{state}）\n责任单位：{org}"
    return title, body


def send_due_reminders(*, today: date | None = None) -> RemindResult:
    """One notice per responsible user per due/overdue obligation per day, and its e-mail; safe to run twice."""
    today = today or timezone.localdate()
    result = RemindResult()
    recipients: dict[int, list] = {}
    for kind in (due_protocol.OVERDUE, due_protocol.SOON):
        for item in due_protocol.iter_due(kind, today):
            result.obligations += 1
            if item.org is None:
                continue
            if item.org.pk not in recipients:
                recipients[item.org.pk] = list(responsible_users(item.org))
            users = recipients[item.org.pk]
            if item.person is not None and item.person not in users:
                users = [item.person, *users]
            title, body = _text(item)
            key = f"due:{item.source}:{item.record.pk}:{item.due_on:%Y%m%d}:{kind}:{today:%Y%m%d}"
            for user in users:
                notice = claim_notice(recipient=user, key=key, title=title, body=body, url=item.url)
                if notice is None:
                    continue
                result.notices.append(notice)
                if email_notice(notice):
                    result.emailed += 1
    return result
