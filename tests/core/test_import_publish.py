"""The write phase of an import on SQLite (importing.write_all_or_nothing): rows staged in TEMP tables, then
published in chunks of short transactions into id ranges reserved up front; all rows or none, also when a
chunk fails (the published ones are deleted again) and when the process dies half-way (the batch it leaves
is discarded by the worker's sweep once its heartbeat is stale)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from fazhi.core import importing
from fazhi.core.importing import discard_stale_batches, import_file
from fazhi.core.models import ImportBatch
from fazhi.reconsideration.models import Applicant, CaseEvent, ReconsiderationCase
from tests.core.test_importing import row, xlsx

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="staging is the SQLite write path"),
]

ROWS = [row(申请人=f"申请人{i}、共同申请人{i}", 受理日期="2025-03-05") for i in range(7)]


def counts() -> tuple[int, ...]:
    return (
        ReconsiderationCase.objects.count(),
        ReconsiderationCase.history.count(),
        Applicant.objects.count(),
        Applicant.history.count(),
        CaseEvent.objects.count(),
    )


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importing.bulk, "PUBLISH_CHUNK", 3)
    original = importing._Stage.publish
    monkeypatch.setattr(importing._Stage, "publish", lambda self, app="": original(self, app=app, chunk=3))


def test_published_in_chunks_every_row_lands_with_its_history_applicants_and_events(
    tree, office, small_chunks
):
    existing = import_file("reconsideration", xlsx([row(申请人="已有")]), user=office, filename="a.xlsx")
    assert existing.ok
    result = import_file("reconsideration", xlsx(ROWS), user=office, filename="b.xlsx")
    assert result.ok and result.created == 7
    assert counts() == (8, 8, 15, 15, CaseEvent.objects.count())
    assert not ImportBatch.objects.exists()
    for case in ReconsiderationCase.objects.exclude(applicant_summary="已有"):
        names = sorted(case.applicants.values_list("name", flat=True))
        assert names == sorted(case.applicant_summary.split("、"))  # foreign keys point at their own case
        assert case.history.get().history_change_reason == "导入"
        assert case.events.exists()
    # Ids continue past the existing rows and the sequence: the next hand-made record does not collide.
    ids = sorted(ReconsiderationCase.objects.values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + 8))


def fail_at_chunk(monkeypatch, n: int, message: str) -> None:
    """The n-th publishing transaction fails (a full disk, a killed process)."""
    calls = []
    original = importing._Stage._select

    def select(self, model, bases):
        calls.append(model)
        if len(calls) == n:
            raise DatabaseError(message)
        return original(self, model, bases)

    monkeypatch.setattr(importing._Stage, "_select", select)


def test_a_failing_chunk_takes_back_the_chunks_already_published(tree, office, small_chunks, monkeypatch):
    fail_at_chunk(monkeypatch, 3, "disk I/O error")
    result = import_file("reconsideration", xlsx(ROWS), user=office, filename="b.xlsx")
    assert not result.ok and "未导入任何记录" in str(result.errors[0])
    assert counts() == (0, 0, 0, 0, 0)
    assert not ImportBatch.objects.exists()


def test_an_import_that_died_half_published_is_discarded_by_the_sweep(
    tree, office, small_chunks, monkeypatch
):
    # The process "dies" after two chunks: nothing takes the published rows back.
    fail_at_chunk(monkeypatch, 3, "killed")
    monkeypatch.setattr(importing.bulk, "discard_batch", lambda batch, using="default": None)
    import_file("reconsideration", xlsx(ROWS), user=office, filename="b.xlsx")
    assert ReconsiderationCase.objects.count() == 6
    batch = ImportBatch.objects.get()

    monkeypatch.undo()
    assert discard_stale_batches() == 0  # its heartbeat is fresh: it could still be running
    ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=121))
    assert discard_stale_batches() == 1
    assert counts() == (0, 0, 0, 0, 0)
    assert not ImportBatch.objects.exists()


def test_the_next_import_discards_a_stale_batch_first(tree, office, monkeypatch):
    fail_at_chunk(monkeypatch, 1, "killed")  # the reserving transaction commits, the first chunk does not
    monkeypatch.setattr(importing.bulk, "discard_batch", lambda batch, using="default": None)
    import_file("reconsideration", xlsx(ROWS), user=office, filename="b.xlsx")
    ImportBatch.objects.update(heartbeat_at=timezone.now() - dt.timedelta(seconds=121))
    monkeypatch.undo()
    assert import_file("reconsideration", xlsx([row()]), user=office, filename="c.xlsx").ok
    assert not ImportBatch.objects.exists() and ReconsiderationCase.objects.count() == 1
