"""The due-date protocol (core/due.py): sources declared by the apps, counts per kind, lists by due date, scope."""

from __future__ import annotations

from fazhi.core.contract import domain_apps


def test_the_domain_apps_declarations_are_the_installed_app_configs():
    # apps.py importing DomainAppConfig by name made Django see two AppConfig classes and fall back to a plain
    # AppConfig, so no declaration of the app was read.
    assert {cfg.label for cfg in domain_apps()} >= {"reconsideration", "litigation"}
