"""core.numbering: one NumberSequence per org, app and year (案号规则, editable by the office) numbers the
records: 青府复〔2025〕1号, 2号 …; concurrent registrations get distinct numbers; bulk paths reserve blocks and
imports with their own numbers move the counter past them."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from fazhi.core import numbering
from fazhi.core.models import NumberSequence
from tests import factories

APP = "reconsideration"
D = date


def test_numbers_count_per_org_app_and_year(tree):
    assert numbering.next_number(tree.city, APP, 2025) == (1, "青府复〔2025〕1号")
    assert numbering.next_number(tree.city, APP, 2025) == (2, "青府复〔2025〕2号")
    assert numbering.next_number(tree.county, APP, 2025) == (1, "青县府复〔2025〕1号")
    assert numbering.next_number(tree.city, APP, 2024) == (1, "青府复〔2024〕1号")
    # Another app of the same org counts on its own (its prefix: the short name and the app's suffix).
    assert numbering.next_number(tree.city, "litigation", 2025)[0] == 1
    rows = NumberSequence.objects.filter(org=tree.city, app=APP, year__in=[2024, 2025]).order_by("year")
    assert [(r.year, r.prefix, r.last) for r in rows] == [(2024, "青府复", 1), (2025, "青府复", 2)]


def test_a_new_year_takes_the_prefix_and_pattern_the_office_set_last(tree):
    NumberSequence.objects.filter(org=tree.city, app=APP).update(
        prefix="青城府复", pattern="{prefix}〔{year}〕第{seq}号"
    )
    assert numbering.next_number(tree.city, APP, 2031) == (1, "青城府复〔2031〕第1号")
    assert numbering.prefix(tree.city, APP) == "青城府复"
    # No prefix: the org's short name and the app's suffix (DomainAppConfig.number_suffix).
    NumberSequence.objects.filter(org=tree.county, app=APP).update(prefix="")
    assert numbering.next_number(tree.county, APP, 2031)[1] == "青城县复〔2031〕1号"


def test_the_pattern_is_checked_when_the_office_edits_it(tree):
    row = NumberSequence.objects.filter(org=tree.city, app=APP).first()
    for bad in ("{prefix}〔{year}〕号", "{prefix}{month}{seq}", "{0}{seq}"):
        row.pattern = bad
        with pytest.raises(ValidationError):
            row.full_clean()
    row.pattern = "{prefix}〔{year}〕{seq}号"
    row.full_clean()


def test_reserve_takes_a_block_in_one_update_and_claim_moves_the_counter_past_given_numbers(tree):
    row, first = numbering.reserve(tree.city, APP, 2025, 50)
    assert first == 1 and numbering.format_number(row, tree.city, 50) == "青府复〔2025〕50号"
    assert numbering.next_number(tree.city, APP, 2025)[0] == 51
    numbering.claim(tree.city, APP, 2025, 80)
    numbering.claim(tree.city, APP, 2025, 10)  # never backwards
    assert numbering.next_number(tree.city, APP, 2025)[0] == 81


def test_an_imported_number_is_not_handed_out_again(tree, office):
    from tests.reconsideration.test_importers import row, run

    result = run([row(案号="青府复〔2025〕7号")], office)
    assert not result.errors
    case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 3, 4))
    assert case.number == "青府复〔2025〕8号"


@pytest.mark.django_db(transaction=True)  # each thread has its own connection: it sees committed rows only
def test_concurrent_registrations_get_distinct_numbers(tree):
    """PostgreSQL: the two transactions run at once and the row lock orders them. SQLite has one writer at a
    time, so there the two threads run one after the other (serialised)."""
    numbering.next_number(tree.city, APP, 2025)  # the row exists; both threads contend for its lock
    concurrent = connection.vendor == "postgresql"
    barrier = threading.Barrier(2) if concurrent else None
    got: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def take():
        try:
            with transaction.atomic():
                if barrier:
                    barrier.wait(timeout=10)
                got.append(numbering.next_number(tree.city, APP, 2025))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(2)]
    if concurrent:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    else:
        for t in threads:
            t.start()
            t.join(30)
    assert not errors
    assert sorted(got) == [(2, "青府复〔2025〕2号"), (3, "青府复〔2025〕3号")]
    assert NumberSequence.objects.get(org=tree.city, app=APP, year=2025).last == 3


@pytest.mark.django_db(transaction=True)
def test_the_importers_sequence_is_read_outside_a_transaction(tree):
    """An import validates outside any transaction (a worker process, not a test's wrapping transaction): the
    sequence must be readable there; PostgreSQL refused the SELECT … FOR UPDATE it used to be."""
    assert not connection.in_atomic_block
    row = numbering.sequence(tree.city, "reconsideration", 2026)
    assert row.last == 0 and NumberSequence.objects.filter(pk=row.pk).exists()
