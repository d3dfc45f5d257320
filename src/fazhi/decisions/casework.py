"""重大行政决策 declared for the casework kit: pages and API from KIND."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.casework.kind import CaseKind
from fazhi.core.permissions import can, visible_orgs

from . import forms, rules, selectors, services
from .choices import Status, Step

ACTIONS = {
    "draft": (forms.DraftForm, services.publish_draft),
    "comment": (forms.CommentForm, services.record_comment),
    "hearing": (forms.HearingForm, services.record_hearing),
    "expert": (forms.ExpertForm, services.record_expert),
    "risk": (forms.RiskForm, services.record_risk),
    "legality": (forms.LegalityForm, services.record_legality),
    "decide": (forms.DecideForm, services.record_decision),
    "publish": (forms.PublishForm, services.publish_decision),
    "archive": (forms.ArchiveForm, services.archive_decision),
    "evaluate": (forms.EvaluateForm, services.record_evaluation),
    "withdraw": (forms.WithdrawForm, services.withdraw_decision),
}


class Decisions(CaseKind):
    app = "decisions"
    date_field = "listed_on"
    related = ("org", "sponsor", "catalog")
    selectors = selectors
    rules = rules
    actions = ACTIONS
    create_form = forms.ListForm
    create_denied = "无权为该单位申报决策事项"
    edit_fields = ("title", "category", "needs_public", "needs_expert", "needs_risk", "needs_hearing")

    def require_handle(self, actor, record) -> None:
        services._require(actor, record.org, record.sponsor)

    def action_initial(self, record) -> dict:
        return {"draft": {"draft_text": record.draft_text}} if record.draft_text else {}

    def locked_fields(self, record) -> dict[str, str]:
        if record.status != Status.IN_PROGRESS:
            why = "已集体讨论决定：所需程序不能再修改"
            return {f: why for f in ("needs_public", "needs_expert", "needs_risk", "needs_hearing")}
        return {}

    def shown_actions(self, user, record) -> list[str]:
        if not (can(user, record.org, "decisions.handle") or can(user, record.sponsor, "decisions.handle")):
            return []
        return rules.allowed_actions(record)

    def create_initial(self) -> dict:
        today = timezone.localdate()
        return {"listed_on": today, "year": today.year, "needs_public": True}

    def create(self, actor, form):
        d = form.cleaned_data
        return services.list_decision(
            actor=actor,
            sponsor=d["sponsor"],
            title=d["title"],
            category=d["category"],
            year=d["year"],
            listed_on=d["listed_on"],
            needs_public=d["needs_public"],
            needs_expert=d["needs_expert"],
            needs_risk=d["needs_risk"],
            needs_hearing=d["needs_hearing"],
            adjustment_reason=d["adjustment_reason"],
        )

    def created_message(self, record) -> str:
        return f"已列入{record.catalog.year}年度决策事项目录，事项编号 {record.number}。"

    def list_context(self, request, ctx) -> dict:
        return {"statuses": Status.choices, "sponsors": visible_orgs(request.user).order_by("path")}

    def detail_context(self, request, record) -> dict:
        done = rules.steps_done(record)
        required = set(rules.required_steps(record)) | {Step.DISCUSSION, Step.PUBLICATION, Step.ARCHIVE}
        return {
            "steps": [(Step(s).label, rules.ARTICLES[Step(s)], done[s], s in required) for s in Step.values],
            "missing": rules.missing_before_decision(record) if record.status == Status.IN_PROGRESS else [],
            "comment": rules.comment_deadline(record),
            "tally": selectors.comment_tally(record),
            "clauses": record.clauses.all(),
            "public_comments": selectors.comments_of(record),
            "comment_open": rules.comment_open(record, timezone.localdate()),
            "moderate_form": forms.ModerateForm(),
            "answer_form": forms.AnswerForm(),
            "hearing": rules.hearing_deadline(record),
        }


KIND = Decisions()
