"""Reviews of uploaded reports run in the background (issue 16 §4): the upload stores the files and enqueues the
batch; its page shows the progress (htmx, or a refresh with JavaScript off), each file's outcome, or why it failed;
`fazhi review --enqueue` submits the same way from the command line."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fazhi.reviewer import tasks
from fazhi.reviewer.models import ReviewBatch, ReviewBatchState, ReviewedReport, ReviewSource

from .helpers import GOLD_SEEDS, SEEDS

pytestmark = [pytest.mark.django_db, pytest.mark.tasks]

PASSWORD = "Fz-test-2025!"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def admin_client(client, admin_user, media):
    client.force_login(admin_user)
    return client


def seed_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.txt", (SEEDS / f"{name}.txt").read_bytes(), content_type="text/plain")


def upload(client, *files, **extra):
    return client.post(reverse("reviewer:review_upload"), {"files": list(files), **extra})


def stored_files(media: Path) -> list[Path]:
    root = media / tasks.UPLOAD_DIR
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_upload_is_reviewed_by_the_task_and_its_page_shows_each_outcome(admin_client, media):
    response = upload(admin_client, seed_file(GOLD_SEEDS[3]), SimpleUploadedFile("empty.txt", b""))
    batch = ReviewBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviewer:review_batch", args=[batch.pk])
    assert (batch.status, batch.source, batch.total, batch.file_count, batch.failed_count) == (
        ReviewBatchState.DONE,
        ReviewSource.WEB,
        2,
        2,
        1,
    )
    assert batch.finished_at is not None and batch.pending == {}
    assert stored_files(media) == []  # the uploads are deleted once reviewed

    html = admin_client.get(response["Location"]).content.decode()
    assert "审阅完成：已审阅 1 份报告，1 份无法读取" in html
    assert "empty.txt：文件为空" in html
    assert 'http-equiv="refresh"' not in html and "hx-trigger" not in html  # finished: no more polling
    report = ReviewedReport.objects.get(error="")
    assert reverse("reviewer:review_detail", args=[report.pk]) in html

    state = admin_client.get(response["Location"], {"format": "json"}).json()
    assert state["status"] == "done" and state["finished"] and (state["done"], state["total"]) == (2, 2)
    assert [r["file"] for r in state["reports"]] == [f"{GOLD_SEEDS[3]}.txt", "empty.txt"]


def test_a_waiting_batch_refreshes_itself_without_javascript(admin_client, admin_user, media):
    batch = tasks.submit(
        files=[tasks.content_file((SEEDS / f"{GOLD_SEEDS[0]}.txt").read_bytes(), "a.txt")],
        plan=None,
        actor=admin_user,
        source=ReviewSource.WEB,
        max_bytes=1024 * 1024,
    )
    assert batch.status == ReviewBatchState.PENDING and len(stored_files(media)) == 1
    url = reverse("reviewer:review_batch", args=[batch.pk])
    html = admin_client.get(url).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert "排队中，等待后台审阅" in html and f'<a class="ms-2" href="{url}">刷新</a>' in html
    fragment = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="review-batch"') and 'hx-trigger="every 1s"' in fragment

    tasks.run_review_batch.call(batch.pk)  # the worker's turn
    html = admin_client.get(url).content.decode()
    assert "审阅完成：已审阅 1 份报告" in html and stored_files(media) == []


def test_a_failed_review_says_why_in_chinese(admin_client, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(tasks, "review_bytes", broken)
    response = upload(admin_client, seed_file(GOLD_SEEDS[0]))
    batch = ReviewBatch.objects.get()
    assert batch.status == ReviewBatchState.FAILED and batch.notes == ["审阅出错：磁盘已满"]
    assert stored_files(media) == []
    html = admin_client.get(response["Location"]).content.decode()
    assert "审阅出错：磁盘已满" in html and 'http-equiv="refresh"' not in html


def test_a_batch_whose_worker_died_is_marked_failed_when_its_page_is_read(
    admin_client, admin_user, media, settings
):
    batch = tasks.submit(
        files=[tasks.content_file(b"x", "a.txt")],
        plan=None,
        actor=admin_user,
        source=ReviewSource.WEB,
        max_bytes=1024,
    )
    long_ago = timezone.now() - dt.timedelta(seconds=settings.FAZHI_JOB_STALE_SECONDS + 5)
    ReviewBatch.objects.filter(pk=batch.pk).update(status=ReviewBatchState.RUNNING, heartbeat_at=long_ago)
    html = admin_client.get(reverse("reviewer:review_batch", args=[batch.pk])).content.decode()
    batch.refresh_from_db()
    assert batch.status == ReviewBatchState.FAILED and tasks.STALE_REASON in html
    assert stored_files(media) == []


def test_another_users_batch_is_not_found(client, admin_client, media):
    upload(admin_client, seed_file(GOLD_SEEDS[0]))
    batch = ReviewBatch.objects.get()
    other = get_user_model().objects.create_user("other", password=PASSWORD)
    client.force_login(other)
    assert client.get(reverse("reviewer:review_batch", args=[batch.pk])).status_code == 404


def test_a_work_plan_that_cannot_be_read_is_noted_and_the_reports_still_reviewed(admin_client, media):
    upload(admin_client, seed_file(GOLD_SEEDS[2]), plan=SimpleUploadedFile("plan.txt", b""))
    batch = ReviewBatch.objects.get()
    assert batch.status == ReviewBatchState.DONE and batch.notes == ["工作要点 plan.txt：文件为空"]
    assert ReviewedReport.objects.get().error == ""


def test_the_command_line_enqueues_a_batch(media, tmp_path, db):
    a = tmp_path / "a.txt"
    a.write_bytes((SEEDS / f"{GOLD_SEEDS[3]}.txt").read_bytes())
    out = io.StringIO()
    call_command("review", str(a), "--enqueue", stdout=out)
    batch = ReviewBatch.objects.get()
    assert batch.source == ReviewSource.CLI and batch.status == ReviewBatchState.DONE
    assert f"已加入后台任务队列：审阅批次 {batch.pk}，1 个文件" in out.getvalue()
    assert reverse("reviewer:review_batch", args=[batch.pk]) in out.getvalue()
    assert ReviewedReport.objects.get().figures.exists()
    assert a.exists() and stored_files(media) == []  # the original stays; the queued copy is gone
