"""In-app notices: the bell's unread count, the list page, mark read / mark all read, only the own notices."""

from __future__ import annotations

import re

from django.urls import reverse

from fazhi.core import notices
from fazhi.core.models import Notice


def bell(client) -> int:
    html = client.get(reverse("core-due")).content.decode()
    assert 'id="notice-bell"' in html
    m = re.search(r'id="notice-count">(\d+)<', html)
    return int(m.group(1)) if m else 0


def test_bell_counts_unread_and_the_list_marks_read(office, clerk_a, login):
    for i in range(3):
        notices.claim_notice(recipient=office, key=f"k{i}", title=f"提醒{i}", body="正文", url="/due/")
    notices.claim_notice(recipient=clerk_a, key="k0", title="别人的提醒")
    client = login(office)
    assert bell(client) == 3
    html = client.get(reverse("core-notices")).content.decode()
    assert html.count('class="list-group-item notice-row notice-unread"') == 3 and "别人的提醒" not in html
    one = Notice.objects.get(recipient=office, key="k1")
    response = client.post(reverse("core-notice-read", args=[one.pk]), {"go": "1"})
    assert response.status_code == 302 and response["Location"] == "/due/"
    assert bell(client) == 2
    assert client.get(reverse("core-notices") + "?unread=1").content.decode().count("notice-row") == 2
    client.post(reverse("core-notices-read-all"))
    assert bell(client) == 0
    assert Notice.objects.filter(recipient=clerk_a, read_at__isnull=True).count() == 1


def test_another_users_notice_is_a_404(office, clerk_a, login):
    theirs = notices.claim_notice(recipient=clerk_a, key="k", title="别人的提醒")
    client = login(office)
    assert client.post(reverse("core-notice-read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("core-notice-read", args=[theirs.pk])).status_code == 405
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_the_same_key_is_one_notice(office):
    assert notices.claim_notice(recipient=office, key="same", title="a") is not None
    assert notices.claim_notice(recipient=office, key="same", title="b") is None
    assert Notice.objects.filter(recipient=office).count() == 1


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("core-notices")).status_code == 302
