"""The `fazhi` command: every sub-command is a Django management command of one of the apps
(`fazhi demo`, `fazhi serve`, `fazhi import`, `fazhi indicators`, `fazhi deadlines`, `fazhi review`, ...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fazhi", *args])


if __name__ == "__main__":
    main()
