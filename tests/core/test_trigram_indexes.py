"""List-page text search (issue 17): the pg_trgm GIN indexes of the `*_trgm_search` migrations (fazhi.core.trigram)
exist on PostgreSQL, match the SQL the list searches write (so the planner can use them), and are absent on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q

from fazhi.core.casework.kind import search
from fazhi.enforcement.models import EnforcementCase
from fazhi.hotline.models import Ticket
from fazhi.legality.models import ReviewRequest
from fazhi.litigation.models import LitigationCase
from fazhi.mediation.models import Dispute
from fazhi.normative.models import NormativeDocument
from fazhi.petitions.models import Petition
from fazhi.reconsideration.models import ReconsiderationCase

pytestmark = pytest.mark.django_db

SEARCHES = [
    (EnforcementCase, "enforcement_enforcementcase", ("case_number", "party", "facts")),
    (
        ReconsiderationCase,
        "reconsideration_reconsiderationcase",
        ("number", "applicant_summary", "act_description"),
    ),
    (LitigationCase, "litigation_litigationcase", ("case_number", "plaintiff", "act_description")),
    (ReviewRequest, "legality_reviewrequest", ("number", "title", "subject_ref")),
    (NormativeDocument, "normative_normativedocument", ("title", "doc_number", "registration_number")),
    (Dispute, "mediation_dispute", ("number", "parties", "summary", "committee")),
    (Petition, "petitions_petition", ("number", "petitioner", "subject")),
]


def _trgm_indexes() -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_trgm'")
        else:
            cur.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        return {r[0] for r in cur.fetchall()}


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        # tiny test tables: ask whether the index CAN serve it (no sequential scan, no full scan of another index)
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute("EXPLAIN " + sql, params)
        return "\n".join(r[0] for r in cur.fetchall())


def test_trigram_indexes_serve_the_list_searches_on_postgresql_only():
    names = _trgm_indexes()
    if connection.vendor == "sqlite":
        assert names == set()
        return
    expected = {f"{table}_{col}_trgm" for _, table, cols in SEARCHES for col in cols}
    expected |= {"hotline_ticket_caller_trgm", "hotline_ticket_location_trgm", "portal_search_doc_trgm"}
    assert expected <= names
    for model, table, cols in SEARCHES:
        plan = _plan(search(model._base_manager.all(), "欧阳明远", cols))  # no partial-index predicate
        assert all(f"{table}_{col}_trgm" in plan for col in cols), plan
    plan = _plan(
        Ticket._base_manager.filter(Q(caller__contains="欧阳明远") | Q(location__contains="欧阳明远"))
    )
    # the ticket table is partitioned by year (hotline 0008): each partition is searched by its own copy of the index
    for name in ("hotline_ticket_caller_trgm", "hotline_ticket_location_trgm"):
        assert all(index in plan for index in _on_partitions(name)), plan


def _on_partitions(index: str) -> set[str]:
    """The index's copies on the partitions of a partitioned table, or the index itself on a plain one."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
            [index],
        )
        return {name for (name,) in cur.fetchall()} or {index}
