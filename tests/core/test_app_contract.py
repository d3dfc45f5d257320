"""The app contract: central code finds the domain apps through their declarations and never names one.

Central = core, law, indicators, reports, api.py, urls.py (DESIGN.md: "Nothing in core, law, indicators, reports,
portal, api.py, urls.py names a domain app"). "Names" = imports it (absolute or relative, at any depth), or holds
its dotted module path ("fazhi.reconsideration.urls") or a URL name of its namespace ("reconsideration:list") in
a string. Catalog keys of figures ("reconsideration.received") and rule names are data, not app names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fazhi.core.areas import AREAS
from fazhi.core.contract import DomainAppConfig, domain_apps, resolve

SRC = Path(__file__).resolve().parents[2] / "src"
CENTRAL = [
    "fazhi/core",
    "fazhi/law",
    "fazhi/indicators",
    "fazhi/reports",
    "fazhi/portal",
    "fazhi/api.py",
    "fazhi/urls.py",
]

# PENDING: central code that still names a domain app, each owned by another part of issue 9. The list is meant to
# shrink to empty; an entry that no longer names a domain app fails test_the_allow_list_is_not_stale, so remove it.
# (module, top-level function/class or "<module>") -> why it is pending
PENDING = {}


def domain_names() -> set[str]:
    """The domain apps' names: every installed DomainAppConfig's (so a new app is covered) and the two of today."""
    names = {"reconsideration", "litigation"}
    for cfg in domain_apps():
        names |= {cfg.label, cfg.name.rsplit(".", 1)[-1]}
    return names


def central_modules() -> list[Path]:
    out = []
    for entry in CENTRAL:
        path = SRC / entry
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        out += [f for f in files if "migrations" not in f.relative_to(SRC).parts]
    return out


def _package(path: Path, root: Path) -> list[str]:
    """The package a module is in, as name parts: fazhi/core/web.py -> ["fazhi", "core"]."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1]


def namings(path: Path, names: set[str], root: Path = SRC) -> list[tuple[str, str, int, str]]:
    """(module, scope, line, what) for every place `path` names one of the domain apps `names`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = path.relative_to(root).as_posix()
    package = _package(path, root)
    found = []

    def named(dotted: str) -> str | None:
        parts = dotted.split(".")
        return parts[1] if len(parts) > 1 and parts[0] == "fazhi" and parts[1] in names else None

    def visit(node: ast.AST, scope: str) -> None:
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            if ":" in text and text.split(":", 1)[0] in names and " " not in text:
                found.append((module, scope, node.lineno, text))
            elif " " not in text and named(text.split(":", 1)[0]):
                found.append((module, scope, node.lineno, text))
        for t in targets:
            if named(t):
                found.append((module, scope, node.lineno, f"import {t}"))
                break
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    for top in tree.body:
        scope = (
            top.name if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else "<module>"
        )
        visit(top, scope)
    return found


def test_the_domain_apps_are_found_through_their_app_config():
    labels = [cfg.label for cfg in domain_apps()]
    assert "reconsideration" in labels and "litigation" in labels
    for cfg in domain_apps():
        assert isinstance(cfg, DomainAppConfig), cfg.label
        # an app of no area (统计填报 serves them all) has no `menu` to put under one
        assert cfg.area in AREAS or (cfg.area == "" and not cfg.menu), cfg.label


def test_central_code_names_no_domain_app():
    names = domain_names()
    offences = [
        f"{module}:{line} ({scope}) names a domain app: {what}"
        for path in central_modules()
        for module, scope, line, what in namings(path, names)
        if (module, scope) not in PENDING
    ]
    assert offences == []


def test_the_allow_list_is_not_stale():
    names = domain_names()
    seen = {(m, s) for path in central_modules() for m, s, _, _ in namings(path, names)}
    assert [entry for entry in PENDING if entry not in seen] == []


def test_the_scanner_catches_every_way_of_naming_an_app(tmp_path):
    """The test above proves something only if the scanner sees imports, relative imports and dotted strings."""
    pkg = tmp_path / "fazhi" / "core"
    pkg.mkdir(parents=True)
    sample = pkg / "sample.py"
    sample.write_text(
        "import fazhi.litigation.models\n"
        "from ..reconsideration import selectors\n"
        "from fazhi import reconsideration\n"
        "def f():\n"
        "    include('fazhi.litigation.urls')\n"
        "    reverse('reconsideration:list')\n"
        "    key = 'reconsideration.received'\n",
        encoding="utf-8",
    )
    found = [
        (scope, line) for _, scope, line, _ in namings(sample, {"reconsideration", "litigation"}, tmp_path)
    ]
    assert found == [("<module>", 1), ("<module>", 2), ("<module>", 3), ("f", 5), ("f", 6)]


@pytest.mark.parametrize("attr", ["api_router", "dashboard_charts", "importers"])
def test_every_declared_path_resolves(attr):
    for cfg in domain_apps():
        value = getattr(cfg, attr)
        for path in [value] if isinstance(value, str) else value:
            if path:
                assert resolve(path) if ":" in path else __import__(path), (cfg.label, path)
