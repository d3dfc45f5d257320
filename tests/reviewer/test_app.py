"""The reviewer is its own app (DESIGN.md floors: reports, reviewer) and kept the tables, URLs and capability it had
inside the reports app, so a database made before the move migrates without touching its rows."""

from django.apps import apps
from django.urls import reverse

from fazhi.core.capabilities import all_capabilities
from fazhi.reviewer.models import ExtractedFigure, ReviewBatch, ReviewedReport, ReviewFinding


def test_reviewer_models_belong_to_the_reviewer_app_and_keep_their_tables():
    for model in (ReviewBatch, ReviewedReport, ExtractedFigure, ReviewFinding):
        assert model._meta.app_label == "reviewer"
        assert model._meta.db_table == f"reports_{model._meta.model_name}"
        assert model.history.model._meta.db_table == f"reports_historical{model._meta.model_name}"
    assert not [m for m in apps.get_app_config("reports").get_models() if "review" in m._meta.model_name]


def test_reviewer_urls_and_capability_are_unchanged():
    assert reverse("reviewer:review_list") == "/reports/review/"
    assert reverse("reviewer:review_detail", args=[3]) == "/reports/review/3/"
    assert reverse("reviewer:review_compare") == "/reports/review/compare/"
    assert reverse("reports:index") == "/reports/"
    assert "reports.review" in all_capabilities()
