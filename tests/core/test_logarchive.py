"""`fazhi archive-logs --before DATE`: login logs (and with --history the operation log) older than DATE move into a
.jsonl.gz fixture that loads back; nothing younger than 180 days (等保三级) is ever archived."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from io import StringIO

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from fazhi.cli import main
from fazhi.core.logarchive import RETENTION_DAYS, ArchiveError, archive_logs
from fazhi.core.models import Org

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)


def at(days_ago: int) -> dt.datetime:
    day = TODAY - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def login(days_ago: int, name: str = "fzb") -> AccessLog:
    row = AccessLog.objects.create(username=name, ip_address="10.0.0.1", user_agent="ua")
    AccessLog.objects.filter(pk=row.pk).update(attempt_time=at(days_ago))
    return row


def test_old_login_logs_move_to_an_archive_that_loads_back(tmp_path):
    old = [login(400, "old1"), login(200, "old2")]
    young = login(10, "young")
    failure = AccessFailureLog.objects.create(username="x", ip_address="10.0.0.2", user_agent="ua")
    AccessFailureLog.objects.filter(pk=failure.pk).update(attempt_time=at(365))

    result = archive_logs(TODAY - dt.timedelta(days=190), tmp_path, today=TODAY)

    assert result.counts == {"axes.AccessLog": 2, "axes.AccessFailureLog": 1}
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["young"]
    assert not AccessFailureLog.objects.exists()
    with gzip.open(result.path, "rt", encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh]
    assert {row["fields"]["username"] for row in lines} == {"old1", "old2", "x"}
    side = json.loads(result.path.with_name(result.path.name + ".json").read_text(encoding="utf-8"))
    assert side["sha256"] == result.sha256 and side["counts"] == result.counts

    call_command("loaddata", str(result.path), verbosity=0)  # the archive is a Django fixture
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {r.pk for r in [*old, young]}


def test_nothing_younger_than_180_days_is_archived(tmp_path):
    login(100)
    with pytest.raises(ArchiveError, match=f"至少保留 {RETENTION_DAYS} 天.*最晚为 2026-06-09"):
        archive_logs(TODAY - dt.timedelta(days=RETENTION_DAYS - 1), tmp_path, today=TODAY)
    # The limit itself is allowed, and takes only what is older.
    assert archive_logs(TODAY - dt.timedelta(days=RETENTION_DAYS), tmp_path, today=TODAY).path is None
    assert AccessLog.objects.count() == 1
    assert not list(tmp_path.iterdir())


def test_the_operation_log_only_with_history(tmp_path):
    org = Org.objects.create(code="990000", name="测试市", kind="city")
    hm = org.history.model
    hm.objects.filter(id=org.pk).update(history_date=at(300))
    assert archive_logs(TODAY - dt.timedelta(days=200), tmp_path, today=TODAY).path is None
    result = archive_logs(TODAY - dt.timedelta(days=200), tmp_path, today=TODAY, include_history=True)
    assert result.counts == {hm._meta.label: 1}
    assert not hm.objects.exists() and Org.objects.filter(pk=org.pk).exists()


def test_the_command_and_its_hyphenated_name(tmp_path, monkeypatch):
    login(400)
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("archive_logs", "--before", "2026-13-01", stdout=StringIO())
    young = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    with pytest.raises(CommandError, match="至少保留 180 天"):
        call_command("archive_logs", "--before", young, stdout=StringIO())
    before = (timezone.localdate() - dt.timedelta(days=200)).isoformat()
    out = StringIO()
    call_command("archive_logs", "--before", before, "--out", str(tmp_path), stdout=out)
    assert "已归档 1 条日志" in out.getvalue()
    assert not AccessLog.objects.exists()

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["archive-logs", "--before", before])  # the command line spells it with a hyphen
    assert seen == [["fazhi", "archive_logs", "--before", before]]
