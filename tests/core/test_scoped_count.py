"""A list's count over a scope of several org columns (core.permissions.scope_pieces / scoped_count, used by
core.web.count_rows): the disjoint pieces summed equal the count of the plain OR, over random records and
scopes, and the 12345 list page shows every persona the number of the tickets it lists."""

from __future__ import annotations

import random
from functools import reduce
from operator import or_

import pytest
from django.db.models import Q

from fazhi.core import web
from fazhi.core.models import Org
from fazhi.core.permissions import _org_in, disjoint_pieces, scope_for, scope_pieces, scoped_count
from fazhi.hotline import selectors
from fazhi.hotline.choices import Status
from fazhi.hotline.models import Ticket
from tests.hotline import factories

pytestmark = pytest.mark.django_db
FIELDS = ("org", "unit")


def plain(ids: frozenset[int]) -> Q:
    return reduce(or_, (Q(**{f"{name}_id__in": sorted(ids)}) for name in FIELDS))


def scatter(rng: random.Random, everything: list[int]) -> None:
    """Every ticket's hotline and unit point anywhere in the tree; a quarter have no unit."""
    for pk in Ticket.objects.values_list("pk", flat=True):
        unit = None if rng.random() < 0.25 else rng.choice(everything)
        Ticket.objects.filter(pk=pk).update(org_id=rng.choice(everything), unit_id=unit)


def test_pieces_sum_to_the_or_count_over_random_records_and_scopes(tree, office):
    for i in range(12):
        factories.ticket(office, tree.city, number=f"T{i:03d}")
    everything = list(Org.objects.values_list("id", flat=True))
    rng = random.Random(14)  # noqa: S311  # reproducible test data, not secrets
    n = len(everything)
    checked = 0
    for _ in range(6):
        scatter(rng, everything)
        for size in (0, 1, 2, n // 3, n // 2, n - 1, n):
            ids = frozenset(rng.sample(everything, size))
            outside = frozenset(everything) - ids
            want = Ticket.objects.filter(plain(ids)).count()
            pieces = disjoint_pieces(FIELDS, ids)
            # disjoint: no ticket is in two pieces
            assert sum(Ticket.objects.filter(p).count() for p in pieces) == want, ids
            # over the list's own filter (IN, or NOT IN for a wide scope on SQLite), and with a filter on top
            kit = reduce(or_, (_org_in(f, ids, outside) for f in FIELDS))
            assert scoped_count(Ticket.objects.filter(kit), pieces) == want, ids
            received = Ticket.objects.filter(kit, status=Status.RECEIVED)
            assert scoped_count(received, pieces) == received.count(), ids
            # counting stops past a limit, above it
            if want > 3:
                assert scoped_count(Ticket.objects.filter(kit), pieces, limit=3) > 3
            checked += want
    assert checked > 0


def test_every_persona_counts_what_it_lists(tree, personas, login):
    office = personas.office
    for i, unit in enumerate([tree.unit_a, tree.unit_b, tree.county_unit, tree.unit_a, None]):
        t = factories.ticket(office, tree.city, number=f"P{i:03d}")
        if unit is not None:
            Ticket.objects.filter(pk=t.pk).update(unit=unit)
    Ticket.objects.filter(number="P004").update(org=tree.county)  # the county's own hotline
    for name in ("office", "reviewer", "leader", "clerk_a", "clerk_b", "county_office"):
        user = getattr(personas, name)
        visible = selectors.visible_cases(user)
        pieces = selectors.count_pieces(user)
        # a scope of every org (the city office) counts its OR: nothing to split
        assert (pieces is None) == (not scope_for(user).outside("hotline.view")), name
        assert web.count_rows(visible, pieces) == (visible.count(), False), name
        page = login(user).get("/hotline/?size=100")
        assert page.status_code == 200
        assert page.context["total"] == visible.count() == len(page.context["page"].rows), name


def test_pieces_only_where_they_help(tree, personas, django_user_model):
    root = django_user_model.objects.create_superuser("root-14", password="x-Passw0rd-14")
    assert scope_pieces(root, Ticket, *FIELDS, capability="hotline.view") is None  # no filter to split
    county = personas.county_office
    assert scope_pieces(county, Ticket, *FIELDS, capability="hotline.view") is not None
    assert scope_pieces(county, Ticket, "org", capability="hotline.view") is None  # one column
    # a column that leads none of the model's declared indexes: a piece would be a scan
    assert scope_pieces(county, Ticket, "org", "merged_into", capability="hotline.view") is None
