"""Backup and restore of a whole installation (`fazhi backup`, `fazhi restore`), and the table digests that prove a
restore gave back what was saved.

A backup is a directory:

    manifest.json       format, app version, time, database vendor and server version, applied migrations,
                        row count of every table, and the size and SHA-256 of every other file
    database.sqlite3    SQLite: a consistent copy made with SQLite's online backup API (while the app runs)
    database.dump       PostgreSQL: `pg_dump --format=custom` by the pg_dump of the server's major version
    media/...           the uploaded files (attachments, reports, import uploads) under FAZHI_VAR_DIR/media

A restore goes only into an empty database (no table at all: a fresh `createdb`, or no SQLite file) and an empty
media directory, after every checksum has been verified; afterwards every table's row count is compared with
the manifest. The database engine must be the one the backup was taken from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

import fazhi

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the user (Chinese)."""


# -- helpers ------------------------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def _vendor(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"不支持的数据库类型：{engine}（支持 SQLite 和 PostgreSQL）")


def _pg_env(db: dict) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    pairs = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db.get("NAME") or "",
    }
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        pairs["PGSSLMODE"] = sslmode
    env.update({k: v for k, v in pairs.items() if v})
    return env


def _major(version_text: str) -> int:
    m = re.search(r"(\d+)(?:\.\d+)?", version_text)
    if not m:
        raise BackupError(f"无法识别 PostgreSQL 版本：{version_text}")
    return int(m.group(1))


def pg_tool(name: str, server_major: int) -> str:
    """The pg_dump/pg_restore of the server's major version (Debian: /usr/lib/postgresql/N/bin), else the
    newest installed one that is not older than the server (pg_dump reads older servers, never newer ones)."""
    candidates: list[tuple[int, str]] = []
    for path in Path("/usr/lib/postgresql").glob(f"*/bin/{name}"):
        try:
            candidates.append((int(path.parent.parent.name), str(path)))
        except ValueError:
            continue
    on_path = shutil.which(name)
    if on_path and not on_path.startswith("/usr/bin/"):  # /usr/bin/pg_dump on Debian is pg_wrapper
        out = subprocess.run([on_path, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
        try:
            candidates.append((_major(out), on_path))
        except BackupError:
            pass
    for major, path in sorted(candidates):
        if major == server_major:
            return path
    newer = [c for c in sorted(candidates) if c[0] > server_major]
    if newer:
        return newer[-1][1]
    raise BackupError(
        f"找不到与数据库服务器版本 {server_major} 匹配的 {name}：请安装 postgresql-client-{server_major}"
        f"（Debian：apt-get install postgresql-client-{server_major}）"
    )


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise BackupError(f"{what}失败（退出码 {proc.returncode}）：{' / '.join(detail[-5:])}")


def _pg_connect(db: dict):
    import psycopg

    kwargs = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "dbname": db["NAME"],
    }
    return psycopg.connect(**{k: v for k, v in kwargs.items() if v is not None}, autocommit=True)


def _open(db: dict):
    """A plain DB-API connection to `db` (a DATABASES entry), outside Django's connection handling."""
    if _vendor(db) == "sqlite":
        name = str(db["NAME"])  # tests: "file:memorydb_default?mode=memory&cache=shared"
        return sqlite3.connect(name, uri=name.startswith("file:"))
    return _pg_connect(db)


def _tables(conn, vendor: str) -> list[str]:
    cur = conn.cursor()
    if vendor == "sqlite":
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
    return sorted(r[0] for r in cur.fetchall())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_digests(db: dict) -> dict[str, tuple[int, str]]:
    """Every table of database `db`: (row count, SHA-256 of its content). The content hash does not depend on
    row order (each row is hashed, the sorted row hashes are hashed), so a restored table whose rows come back
    in another physical order has the same digest."""
    vendor = _vendor(db)
    conn = _open(db)
    try:
        out: dict[str, tuple[int, str]] = {}
        for table in _tables(conn, vendor):
            cur = conn.cursor()
            cur.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608 - a table name from the catalog, quoted
            rows = sorted(hashlib.sha256(repr(tuple(r)).encode()).hexdigest() for r in cur.fetchall())
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return out
    finally:
        conn.close()


def row_counts(db: dict) -> dict[str, int]:
    vendor = _vendor(db)
    conn = _open(db)
    try:
        counts = {}
        for table in _tables(conn, vendor):
            cur = conn.cursor()
            cur.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - catalog name, quoted
            counts[table] = cur.fetchone()[0]
        return counts
    finally:
        conn.close()


def _files_under(root: Path) -> Iterable[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _applied_migrations() -> list[list[str]]:
    cur = connection.cursor()
    cur.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [[app, name] for app, name in cur.fetchall()]


# -- backup -------------------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]


def backup(out: Path, *, media_root: Path | None = None) -> BackupResult:
    """Back up the default database and the uploaded files into the new or empty directory `out`."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"备份目录 {out} 已存在且不为空：请指定一个新的目录")
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    db = connection.settings_dict
    vendor = _vendor(db)
    connection.ensure_connection()
    migrations = _applied_migrations()
    out.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    try:
        if vendor == "sqlite":
            server_version = sqlite3.sqlite_version
            target = sqlite3.connect(str(out / SQLITE_FILE))
            try:
                # The online backup API: a consistent copy while other processes keep writing.
                connection.connection.backup(target)
                # The copy keeps the source's WAL mode, and opening a WAL file creates -wal/-shm beside it (files
                # the manifest does not list): the backup is a plain rollback-journal database.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
            db_file = SQLITE_FILE
            counts = row_counts({"ENGINE": db["ENGINE"], "NAME": str(out / SQLITE_FILE)})
        else:
            server_major = connection.pg_version // 10000
            server_version = str(connection.pg_version)
            dump = pg_tool("pg_dump", server_major)
            # The row counts and the dump see one snapshot: a REPEATABLE READ transaction exports its snapshot,
            # counts the rows in it, and pg_dump dumps that same snapshot while the transaction stays open.
            holder = _pg_connect(db)
            try:
                holder.autocommit = False
                cur = holder.cursor()
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cur.execute("SELECT pg_export_snapshot()")
                snapshot = cur.fetchone()[0]
                counts = {}
                for table in _tables(holder, "postgresql"):
                    cur.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - catalog name, quoted
                    counts[table] = cur.fetchone()[0]
                _run(
                    [
                        dump,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={out / PG_FILE}",
                    ],
                    _pg_env(db),
                    "pg_dump 备份数据库",
                )
                holder.rollback()
            finally:
                holder.close()
            db_file = PG_FILE
        files = []
        for path in _files_under(media):
            rel = path.relative_to(media)
            dest = out / MEDIA_DIR / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
        for path in _files_under(out):
            files.append(
                {
                    "path": path.relative_to(out).as_posix(),
                    "size": path.stat().st_size,
                    "sha256": sha256_file(path),
                }
            )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "app": "fazhi",
            "app_version": fazhi.__version__,
            "created_at": started.isoformat(timespec="seconds"),
            "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "server_version": server_version, "file": db_file},
            "migrations": migrations,
            "row_counts": counts,
            "files": files,
        }
        (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # never leave a half backup that looks like a whole one
        raise
    return BackupResult(out, manifest)


# -- restore ------------------------------------------------------------------------------------------------


def read_manifest(src: Path) -> dict[str, Any]:
    path = Path(src) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{src} 不是 fazhi 备份目录：缺少 {MANIFEST}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{MANIFEST} 无法读取：{exc}") from None
    if manifest.get("app") != "fazhi" or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} 不是本系统可识别的备份格式（format={manifest.get('format')!r}）")
    return manifest


def verify(src: Path) -> dict[str, Any]:
    """Check every file of the backup against the manifest (present, same size, same SHA-256, nothing extra).
    Returns the manifest; raises BackupError listing every problem."""
    src = Path(src)
    manifest = read_manifest(src)
    problems = []
    listed = set()
    for entry in manifest.get("files", []):
        rel = entry["path"]
        listed.add(rel)
        path = src / rel
        if not path.is_file():
            problems.append(f"{rel}：文件缺失")
        elif path.stat().st_size != entry["size"]:
            problems.append(f"{rel}：大小不符（应为 {entry['size']} 字节，实为 {path.stat().st_size} 字节）")
        elif sha256_file(path) != entry["sha256"]:
            problems.append(f"{rel}：SHA-256 校验和不符")
    for path in _files_under(src):
        rel = path.relative_to(src).as_posix()
        if rel != MANIFEST and rel not in listed:
            problems.append(f"{rel}：清单中没有此文件")
    if manifest["database"]["file"] not in listed:
        problems.append(f"{manifest['database']['file']}：数据库文件不在清单中")
    if problems:
        raise BackupError("备份校验失败，未做任何恢复：\n" + "\n".join(f"  - {p}" for p in problems))
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> list[list[str]]:
    """Migrations of the backup that this code does not know (a backup from a newer version) stop the restore;
    returns the code's migrations the backup lacks (run `fazhi migrate` afterwards)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {list_key for list_key in loader.disk_migrations}
    saved = {(app, name) for app, name in manifest.get("migrations", [])}
    unknown = sorted(saved - known)
    if unknown:
        names = "、".join(f"{a}.{n}" for a, n in unknown[:5])
        raise BackupError(
            f"备份来自更新的版本（{manifest.get('app_version')}），含本程序没有的数据库迁移：{names}"
            f"{' 等' if len(unknown) > 5 else ''}。请先升级本程序再恢复。"
        )
    return [[a, n] for a, n in sorted(known - saved)]


def _ensure_empty(db: dict, media: Path) -> None:
    vendor = _vendor(db)
    if vendor == "sqlite":
        path = Path(str(db["NAME"]))
        if path.exists() and path.stat().st_size > 0:
            tables = _tables(sqlite3.connect(str(path)), "sqlite")
            if tables:
                raise BackupError(
                    f"目标数据库不为空（{path} 已有 {len(tables)} 张数据表）：恢复只能写入空数据库。"
                    "请换一个 FAZHI_VAR_DIR，或先把现有数据库文件移走（不要删除，除非已有备份）。"
                )
    else:
        conn = _pg_connect(db)
        try:
            tables = _tables(conn, "postgresql")
        finally:
            conn.close()
        if tables:
            raise BackupError(
                f"目标数据库不为空（{db['NAME']} 已有 {len(tables)} 张数据表）：恢复只能写入空数据库。"
                f"请新建一个空数据库（createdb）并让 FAZHI_DATABASE_URL 指向它。"
            )
    if any(_files_under(media)):
        raise BackupError(
            f"上传文件目录 {media} 不为空：恢复只能写入空目录。请换一个 FAZHI_VAR_DIR，或先把该目录移走。"
        )


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    missing_migrations: list[list[str]]
    files: int


def restore(src: Path, *, db: dict | None = None, media_root: Path | None = None) -> RestoreResult:
    """Restore backup `src` into the empty database `db` (a DATABASES entry; default: the default database)
    and the empty media directory. Verifies checksums first and row counts after."""
    src = Path(src)
    manifest = verify(src)
    db = dict(db if db is not None else connection.settings_dict)
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    vendor = _vendor(db)
    saved_vendor = manifest["database"]["vendor"]
    if saved_vendor != vendor:
        raise BackupError(
            f"备份取自 {saved_vendor} 数据库，当前数据库是 {vendor}：只能恢复到同一种数据库"
            "（跨数据库迁移请用 fazhi export / fazhi import）"
        )
    missing = _check_migrations(manifest)
    _ensure_empty(db, media)
    db_path = src / manifest["database"]["file"]
    if vendor == "sqlite":
        connection.close()
        target = Path(str(db["NAME"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Into a temporary file beside the target, then renamed: a restore that fails leaves no half database.
        fd, tmp = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=target.parent)
        os.close(fd)
        try:
            source = sqlite3.connect(
                f"file:{db_path}?mode=ro&immutable=1", uri=True
            )  # writes nothing beside it
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=WAL")
            finally:
                source.close()
                dest.close()
            counts = row_counts({"ENGINE": db["ENGINE"], "NAME": tmp})
            _compare_counts(manifest.get("row_counts"), counts)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    else:
        conn = _pg_connect(db)
        try:
            server_major = conn.info.server_version // 10000
        finally:
            conn.close()
        _run(
            [
                pg_tool("pg_restore", server_major),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={db['NAME']}",
                str(db_path),
            ],
            _pg_env(db),
            "pg_restore 恢复数据库",
        )
        _compare_counts(manifest.get("row_counts"), row_counts(db))
    copied = 0
    media_prefix = MEDIA_DIR + "/"
    for entry in manifest["files"]:
        rel = entry["path"]
        if rel.startswith(media_prefix):
            dest = media / rel[len(media_prefix) :]
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / rel, dest)
            copied += 1
    return RestoreResult(manifest, missing, copied)


def _compare_counts(saved: dict[str, int] | None, restored: dict[str, int]) -> None:
    if saved is None:
        return
    diffs = [
        f"{t}：备份 {saved.get(t)} 行，恢复后 {restored.get(t)} 行"
        for t in sorted(set(saved) | set(restored))
        if saved.get(t) != restored.get(t)
    ]
    if diffs:
        raise BackupError("恢复后的行数与备份清单不符：\n" + "\n".join(f"  - {d}" for d in diffs[:20]))
