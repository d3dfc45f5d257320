import os

os.environ.setdefault("FAZHI_ENV", "test")

import pytest  # noqa: E402
from django.test import Client  # noqa: E402

from tests import factories  # noqa: E402


@pytest.fixture
def tree(db) -> factories.Tree:
    """The org tree of tests/factories.py: a city with units A and B, and a county with its own unit."""
    return factories.build_org_tree()


@pytest.fixture
def personas(tree) -> factories.Personas:
    return factories.build_personas(tree)


@pytest.fixture
def office(personas):
    return personas.office


@pytest.fixture
def reviewer(personas):
    return personas.reviewer


@pytest.fixture
def clerk_a(personas):
    return personas.clerk_a


@pytest.fixture
def clerk_b(personas):
    return personas.clerk_b


@pytest.fixture
def leader(personas):
    return personas.leader


@pytest.fixture
def county_office(personas):
    return personas.county_office


@pytest.fixture
def sysadmin(personas):
    return personas.sysadmin


@pytest.fixture
def indicator_data(tree, office) -> dict:
    """The known dataset of factories.build_indicator_dataset (its docstring lists every case)."""
    return factories.build_indicator_dataset(tree, office)


@pytest.fixture
def login():
    """login(user) -> a test Client with that user's session (a fresh client per call)."""

    def _login(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return _login


@pytest.fixture
def media(settings, tmp_path):
    """Uploads (import jobs' files, error workbooks) under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
