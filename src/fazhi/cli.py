"""The `fazhi` command: every sub-command is a Django management command of one of the apps
(`fazhi demo`, `fazhi serve`, `fazhi import`, `fazhi indicators`, `fazhi deadlines`, `fazhi review`, ...)."""

from __future__ import annotations

import os
import sys

NOT_MIGRATED = (
    "数据库尚未初始化（{detail}）：请先运行 fazhi migrate 建立数据表，或运行 fazhi demo 载入演示数据。"
)
DB_FAILED = (
    "数据库访问失败：{detail}。请检查 FAZHI_DATABASE_URL 和数据库服务；加 --traceback 可查看详细信息。"
)


def _unapplied_migrations() -> bool | None:
    """True when the database lacks migrations (a fresh install), None when that cannot be read either."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return None


# Sub-commands spelled with a hyphen on the command line; Django's command modules are Python names.
ALIASES = {"archive-logs": "archive_logs", "reindex-portal": "reindex_portal"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["fazhi", *args])
    except DatabaseError as exc:
        # A new user's first command on a fresh install (no tables yet) or a database that cannot be reached:
        # say what to do instead of a traceback (which --traceback still shows).
        if "--traceback" in args:
            raise
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = NOT_MIGRATED if _unapplied_migrations() is not False else DB_FAILED
        print(message.format(detail=detail), file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
