"""The home page's figures are the apps' declared `home_indicators`, in area order."""

from __future__ import annotations

from fazhi.indicators.views import home_keys


def test_home_figures_come_from_the_apps_declarations_in_area_order():
    assert home_keys() == [
        "plans.task_completion_rate",
        "plans.overdue",
        "reconsideration.received",
        "reconsideration.concluded",
        "reconsideration.corrected",
        "reconsideration.correction_rate",
        "reconsideration.mediation_rate",
        "reconsideration.settled_rate",
        "litigation.cases",
        "litigation.head_appearance_rate",
        "litigation.loss_rate",
        "litigation.sued_after_reconsideration_rate",
        "litigation.after_reconsideration_loss_rate",
        "legality.reviews",
        "legality.opinions",
        "legality.review_points",
        "legality.review_on_time_rate",
        "counsel.participations",
        "legality.normative_docs_issued",
        "legality.normative_filing_timely_rate",
        "legality.major_decisions",
        "enforcement.penalty_cases",
        "enforcement.first_offense_cases",
        "enforcement.officers",
        "enforcement.case_file_excellent_rate",
        "enforcement.open_warnings",
        "mediation.disputes",
        "mediation.success_rate",
        "mediation.judicial_confirmations",
        "petitions.received",
        "petitions.notice_on_time_rate",
        "petitions.on_time_rate",
        "hotline.received",
        "hotline.closed",
        "hotline.on_time_rate",
        "hotline.satisfaction_rate",
        "supervision.problems_found",
        "supervision.problems_rectified",
        "supervision.rectification_rate",
        "supervision.rectification_overdue",
        "supervision.suggestions_received",
        "supervision.suggestion_on_time_rate",
        "disclosure.applications_received",
        "disclosure.on_time_rate",
        "study.leader_sessions",
        "study.lectures",
        "study.court_observations",
        "study.exams",
        "publicity.events",
    ]


def test_the_home_page_shows_them(login, office, tree, indicator_data):
    html = login(office).get(f"/?org={tree.city.pk}&year=2025").content.decode()
    assert "行政复议纠错率" in html and "负责人出庭应诉率" in html
