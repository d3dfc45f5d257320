"""重大行政决策 on the jurisdiction's public portal (core/public.py): the published 决策事项目录, the matters open
for public comment (《重大行政决策程序暂行条例》第十四条至第十五条) with their drafts clause by clause and the comment
form (the portal throttles its posts per address), and, once published, the decisions. Only what the 条例 makes
public: no legality opinion, no dissent, no internal step; of a comment its text and the office's answer once
published, never who wrote it or how to reach them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone

from fazhi.core.params import year_param
from fazhi.core.public import PublicEntry, PublicSection, section_url

from . import rules, selectors, services
from .choices import CatalogStatus, Status
from .forms import PublicCommentForm
from .models import Decision, DecisionCatalog

KEY = "decisions"


def _public(org):
    return (
        Decision.objects.filter(
            catalog__org__path__startswith=org.path, catalog__status=CatalogStatus.PUBLISHED
        )
        .exclude(status=Status.WITHDRAWN)
        .select_related("sponsor", "catalog")
    )


def open_for_comment(org, today=None):
    today = today or timezone.localdate()
    return (
        _public(org)
        .filter(
            status=Status.IN_PROGRESS, needs_public=True, comment_start__lte=today, comment_end__gte=today
        )
        .order_by("comment_end", "id")
    )


def entries(org):
    out = []
    for d in _public(org).order_by("-listed_on", "-id"):
        on = d.published_on or d.comment_start or d.catalog.published_on or d.listed_on
        summary = f"{d.sponsor.name}　{d.get_status_display()}"
        text = d.decision_text if d.status == Status.PUBLISHED and d.published_on else ""
        out.append(PublicEntry(d.title, section_url(org, KEY, d.pk), on, summary, text))
    return sorted(out, key=lambda e: e.on, reverse=True)


def open_entries(org):
    return [
        PublicEntry(
            d.title,
            section_url(org, KEY, d.pk),
            d.comment_start,
            f"{d.sponsor.name}　征求意见截止 {d.comment_end:%Y-%m-%d}",
        )
        for d in open_for_comment(org)
    ]


def page(request, org):
    catalogs = list(DecisionCatalog.objects.filter(org=org, status=CatalogStatus.PUBLISHED).order_by("-year"))
    year = year_param(request.GET)
    catalog = (
        next((c for c in catalogs if c.year == year), None) if year else (catalogs[0] if catalogs else None)
    )
    items = _public(org).filter(catalog=catalog).order_by("number") if catalog else Decision.objects.none()
    return {
        "catalogs": catalogs,
        "catalog": catalog,
        "items": items,
        "open": open_for_comment(org),
    }


def detail(request, org, pk: int):
    d = _public(org).filter(pk=pk).first()
    if d is None:
        raise Http404("决策事项不存在或尚未公布")
    today = timezone.localdate()
    is_open = bool(
        d.status == Status.IN_PROGRESS
        and d.needs_public
        and d.comment_start
        and d.comment_end
        and d.comment_start <= today <= d.comment_end
    )
    clauses = list(d.clauses.all())
    form = None
    if clauses:
        form = PublicCommentForm(request.POST or None, clauses=clauses)
    closed = rules.comment_closed_reason(d, today) if clauses else ""
    if request.method == "POST":
        if form is None:
            closed = "该决策事项没有公布征求意见稿，不接受意见。"
        elif not closed and form.is_valid():
            v = form.cleaned_data
            try:
                services.submit_comment(
                    decision=d, clause_id=v["clause"], text=v["text"], name=v["name"], contact=v["contact"]
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, messages in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
                else:
                    closed = "；".join(exc.messages)
            else:
                return HttpResponseRedirect(section_url(org, KEY, d.pk) + "?submitted=1#comment-form")
    shown: dict[int, list] = {}
    for c in selectors.published_comments(d):
        shown.setdefault(c.clause_id, []).append(c)
    return {
        "d": d,
        "item_title": d.title,
        "is_open": is_open and bool(clauses),
        "in_period": is_open,
        "published": d.status == Status.PUBLISHED and d.published_on,
        "clauses": [(c, shown.get(c.pk, [])) for c in clauses],
        "form": form,
        "closed": closed,
        "submitted": request.GET.get("submitted") == "1",
        "tally": selectors.comment_tally(d),
        "comment_max": rules.COMMENT_MAX,
    }


SECTION = PublicSection(
    key=KEY,
    title="重大行政决策",
    order=30,
    intro="经同级党委同意后向社会公布的重大行政决策事项目录，正在公开征求意见的决策草案，以及已公布的决策。",
    entries=entries,
    page=page,
    template="decisions/portal/list.html",
    detail=detail,
    detail_template="decisions/portal/detail.html",
    highlight=open_entries,
    highlight_title="正在征求意见",
    detail_accepts_post=True,
    changes_with=("decisions.Decision", "decisions.DecisionCatalog"),
)
