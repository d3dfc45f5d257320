"""案卷评查 pages: the office organises a campaign (seed recorded, files drawn), the sampled files are listed, and
a file is scored: the machine items from the record, the reviewer's items entered, the grade recorded."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fazhi.enforcement.models import CaseFileReview, ReviewCampaign
from tests.enforcement.test_services import _decided

pytestmark = pytest.mark.django_db
D = date


def test_the_office_organises_a_campaign_and_scores_a_file(tree, office, login):
    _decided(office, tree.unit_a, 5)
    c = login(office)
    form = c.get("/enforcement/reviews/new/").content.decode()
    assert "随机种子" in form and "双随机" in form
    r = c.post(
        "/enforcement/reviews/new/",
        {"org": tree.city.pk, "name": "2025年度案卷评查", "year": 2025, "sample_size": 3, "seed": 42,
         "started_on": "2025-11-01"},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()
    campaign = ReviewCampaign.objects.get()
    assert (campaign.seed, campaign.sample_size, campaign.reviews.count()) == (42, 3, 3)
    listed = c.get(r["Location"]).content.decode()
    assert "2025年度案卷评查</a>（随机种子 42）" in listed and listed.count("评分</a>") == 3
    review = campaign.reviews.order_by("id").first()
    page = c.get(f"/enforcement/reviews/{review.pk}/score/").content.decode()
    assert "执法人员不少于两人且持有效执法证" in page and re.search(r"15 / 15分", page)
    assert "执法决定按时公示" in page and "0 / 10分" in page  # the factory's decisions are unpublished
    r = c.post(
        f"/enforcement/reviews/{review.pk}/score/",
        {"score_facts": 25, "score_procedure": 10, "score_documents": 10, "reviewed_on": "2025-11-05"},
    )
    assert (
        "0至20分" in r.content.decode() or "小于或等于 20" in r.content.decode() or "20" in r.content.decode()
    )
    assert CaseFileReview.objects.get(pk=review.pk).score is None
    r = c.post(
        f"/enforcement/reviews/{review.pk}/score/",
        {"score_facts": 20, "score_procedure": 10, "score_documents": 8, "reviewed_on": "2025-11-05",
         "problems": "未公示处罚决定", "rectify_due": "2025-12-05"},
    )  # fmt: skip
    assert r.status_code == 302
    review.refresh_from_db()
    assert (review.score, review.grade, review.rectify_due) == (88, "pass", D(2025, 12, 5))


def test_a_units_clerk_cannot_organise_a_campaign(tree, clerk_a, login):
    assert login(clerk_a).get("/enforcement/reviews/new/").status_code == 403
