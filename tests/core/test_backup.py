"""`fazhi backup` / `fazhi restore`: a generated demo (cases with their history, users, login logs, an uploaded
attachment) round-trips into an empty database with every table's content unchanged, on the engine the suite
runs on (SQLite, or PostgreSQL when FAZHI_DATABASE_URL points to one); a restore refuses a non-empty database,
a non-empty media directory, a damaged backup and a backup of the other engine; checksums are in the manifest."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core import attachments, backup
from fazhi.core.backup import BackupError, table_digests
from fazhi.demo import city as demo
from fazhi.demo import generator
from fazhi.reconsideration.models import ReconsiderationCase

pytestmark = pytest.mark.django_db(transaction=True)

ON_PG = connection.vendor == "postgresql"


@pytest.fixture
def office_data(settings, tmp_path):
    """The demo city's org tree and users, an uploaded attachment and a login log row."""
    settings.MEDIA_ROOT = tmp_path / "media"
    demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    AccessLog.objects.create(username="fzb", ip_address="10.0.0.1", user_agent="test")


def attach_one() -> None:
    case = ReconsiderationCase.objects.order_by("pk").first()
    office = get_user_model().objects.get(username="fzb")
    attachments.attach(
        actor=office, record=case, upload=SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test\n" * 50)
    )


@pytest.fixture
def demo_data(office_data):
    """A small generated demo: three years of cases written through the services (with their history)."""
    generator.generate(scale=0.03, seed=5, today=dt.date(2026, 11, 20))
    attach_one()


@pytest.fixture
def small_data(office_data):
    generator.generate(scale=0.003, seed=5, today=dt.date(2026, 11, 20))
    attach_one()


@pytest.fixture
def empty_target(tmp_path):
    """An empty database of the suite's engine: a SQLite file path, or a new PostgreSQL database."""
    src = connection.settings_dict
    if not ON_PG:
        yield {"ENGINE": src["ENGINE"], "NAME": str(tmp_path / "restored" / "fazhi.sqlite3")}
        return
    name = f"{src['NAME']}_restore"[:63]
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**src, "NAME": name}
    finally:
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_every_table_and_file_unchanged(demo_data, empty_target, tmp_path):
    before = table_digests(connection.settings_dict)
    assert before["reconsideration_reconsiderationcase"][0] > 10
    assert before["reconsideration_historicalreconsiderationcase"][0] > 10  # the history came along
    assert before["axes_accesslog"][0] == 1

    out = StringIO()
    call_command("backup", "--out", str(tmp_path / "bk"), stdout=out)
    assert "备份完成" in out.getvalue()
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["app_version"] and manifest["created_at"]
    assert ["reconsideration", "0001_initial"] in manifest["migrations"]
    assert manifest["row_counts"] == {t: n for t, (n, _) in before.items()}
    files = {f["path"]: f for f in manifest["files"]}
    assert manifest["database"]["file"] in files
    (media_entry,) = [f for p, f in files.items() if p.startswith("media/attachments/")]
    assert len(media_entry["sha256"]) == 64

    media2 = tmp_path / "media2"
    result = backup.restore(tmp_path / "bk", db=empty_target, media_root=media2)
    assert result.files == 1 and result.missing_migrations == []
    assert backup.verify(tmp_path / "bk")  # restoring left the backup as it was (no -wal/-shm beside it)
    after = table_digests(empty_target)
    assert after == before  # every table, every row
    rel = media_entry["path"].removeprefix("media/")
    assert (media2 / rel).read_bytes() == (tmp_path / "media" / rel).read_bytes()
    if not ON_PG:  # the online backup's copy is a sound database file
        copy = sqlite3.connect(tmp_path / "bk" / "database.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copy.close()

    # A second restore into the now filled database is refused, and nothing is touched.
    with pytest.raises(BackupError, match="目标数据库不为空"):
        backup.restore(tmp_path / "bk", db=empty_target, media_root=tmp_path / "media3")


def test_restore_refuses_a_damaged_backup_before_touching_anything(small_data, empty_target, tmp_path):
    call_command("backup", "--out", str(tmp_path / "bk"), stdout=StringIO())
    attachment = next((tmp_path / "bk" / "media").rglob("*.pdf"))
    attachment.write_bytes(attachment.read_bytes()[:-1] + b"X")  # same size, other content
    (tmp_path / "bk" / "extra.txt").write_text("?")
    with pytest.raises(CommandError) as exc:
        call_command("restore", str(tmp_path / "bk"), "--check", stdout=StringIO())
    message = str(exc.value)
    assert (
        "备份校验失败" in message
        and "SHA-256 校验和不符" in message
        and "extra.txt：清单中没有此文件" in message
    )
    with pytest.raises(BackupError, match="备份校验失败"):
        backup.restore(tmp_path / "bk", db=empty_target, media_root=tmp_path / "media2")
    # Nothing was restored.
    assert table_digests(empty_target) == {} if ON_PG else not Path(empty_target["NAME"]).exists()
    assert not (tmp_path / "media2").exists()


def test_restore_refuses_a_non_empty_database_or_media_directory(small_data, empty_target, tmp_path):
    call_command("backup", "--out", str(tmp_path / "bk"), stdout=StringIO())
    with pytest.raises(CommandError, match="目标数据库不为空.*恢复只能写入空数据库"):
        call_command("restore", str(tmp_path / "bk"), stdout=StringIO())  # the suite's own, filled database
    media = tmp_path / "media-used"
    (media / "x").mkdir(parents=True)
    (media / "x" / "a.txt").write_text("a")
    with pytest.raises(BackupError, match="上传文件目录 .* 不为空"):
        backup.restore(tmp_path / "bk", db=empty_target, media_root=media)


def test_backup_refuses_a_non_empty_directory_and_restore_another_engine(small_data, tmp_path):
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "old").write_text("x")
    with pytest.raises(CommandError, match="已存在且不为空"):
        call_command("backup", "--out", str(tmp_path / "bk"), stdout=StringIO())
    call_command("backup", "--out", str(tmp_path / "bk2"), stdout=StringIO())
    other = (
        {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")}
        if ON_PG
        else {**connection.settings_dict, "ENGINE": "django.db.backends.postgresql", "NAME": "nowhere"}
    )
    with pytest.raises(BackupError, match="只能恢复到同一种数据库"):
        backup.restore(tmp_path / "bk2", db=other, media_root=tmp_path / "m")


def test_restore_refuses_a_backup_from_a_newer_version(small_data, empty_target, tmp_path):
    call_command("backup", "--out", str(tmp_path / "bk"), stdout=StringIO())
    path = tmp_path / "bk" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["migrations"].append(["core", "9999_from_the_future"])
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupError, match="备份来自更新的版本.*core.9999_from_the_future"):
        backup.restore(tmp_path / "bk", db=empty_target, media_root=tmp_path / "m")
