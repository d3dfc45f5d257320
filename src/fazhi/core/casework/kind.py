"""`CaseKind`: the declaration of one record type, from which the generic pages and API are built.

An app writes it once, in its `casework.py` (next to nothing else), e.g.

    KIND = CaseKind(
        app="litigation", date_field="complaint_received_on", related=("org", "defendant", "reconsideration"),
        filters=selectors.CaseFilters, visible=selectors.visible_cases, filtered=selectors.filtered_cases,
        actions={"answer": (forms.AnswerForm, services.record_answer), ...}, transitions=rules.TRANSITIONS,
        ...)

`actions` is the ACTIONS table: action name -> (form class, service). The page's action forms and the API's
action endpoint both validate with the form and call the service (core.web.apply_action)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from fazhi.core.pagination import Page, keyset_page


def get_visible(qs: QuerySet, pk: int, *, user, related: tuple[str, ...] = ()) -> Model:
    """One record of `qs` (already scoped to `user`); another org's record is a 404, as if it did not exist."""
    record = qs.select_related(*related).filter(pk=pk).first()
    if record is None:
        if not user.is_authenticated:
            raise PermissionDenied
        raise Http404("案件不存在或无权查看")
    return record


def search(qs: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """Rows of `qs` whose `fields` contain `text` (case-insensitive); blank text keeps every row."""
    if not text:
        return qs
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__icontains": text})
    return qs.filter(q)


def exact(qs: QuerySet, f, lookups: dict[str, str]) -> QuerySet:
    """Filter `qs` by each filter attribute that is set: {"status": "status", "respondent": "respondent_id"}."""
    for attr, lookup in lookups.items():
        value = getattr(f, attr)
        if value:
            qs = qs.filter(**{lookup: value})
    return qs


@dataclass(frozen=True)
class CaseKind:
    """One record type of a domain app, declared once; see the module docstring."""

    #: the app label, also the URL namespace ("reconsideration" -> reconsideration:list/detail/create/action)
    app: str
    #: the record's date the lists page by (keyset: date desc, id desc)
    date_field: str
    #: select_related of the list, the API page and the detail
    related: tuple[str, ...]
    #: the filter dataclass; `from_params(request.GET)` parses the page's query at the edge (400 in Chinese)
    filters: type
    #: user -> queryset of the records the user may read
    visible: Callable[[Any], QuerySet]
    #: (user, filters) -> the visible records narrowed by the filters
    filtered: Callable[[Any, Any], QuerySet]
    #: the ACTIONS table: action name -> (form class, service(case=, actor=, **cleaned_data))
    actions: dict[str, tuple[type, Callable]]
    #: the workflow: action name -> (states it is allowed in, its Chinese label)
    transitions: dict[str, tuple[frozenset[str], str]]
    #: (user, record) -> the names of the actions whose forms the detail page shows to this user now
    shown_actions: Callable[[Any, Any], list[str]]
    #: the registration form (takes `user=`) and (actor, form) -> the new record through the app's service
    create_form: type
    create: Callable[[Any, Any], Any]
    #: the create form's initial values (dates default to today), the message after a registration, and the
    #: message when the service refuses for permission without one
    create_initial: Callable[[], dict]
    created_message: Callable[[Any], str]
    create_denied: str
    #: (request, ctx) -> extra context of the list page (choices of its filters) and of the detail page
    list_context: Callable[[Any, dict], dict] = lambda request, ctx: {}
    detail_context: Callable[[Any, Any], dict] = lambda request, case: {}
    #: extra initial values of an action's form: record -> {action: {field: value}}
    action_initial: Callable[[Any], dict] = lambda case: {}
    #: templates, by default "<app>/list.html", "<app>/detail.html", "<app>/create.html"
    templates: dict[str, str] = field(default_factory=dict)

    def template(self, name: str) -> str:
        return self.templates.get(name) or f"{self.app}/{name}.html"

    def url_name(self, name: str) -> str:
        return f"{self.app}:{name}"

    def get(self, user, pk: int):
        """One record the user may read (404 otherwise)."""
        return get_visible(self.visible(user), pk, user=user, related=self.related)

    def page(self, user, f, *, cursor: str | None = None, size: int = 50) -> Page:
        """One keyset page of the filtered records (the API's list)."""
        qs = self.filtered(user, f).select_related(*self.related)
        return keyset_page(qs, date_field=self.date_field, cursor=cursor, size=size)

    def urls(self) -> list:
        """The app's URL patterns: list, create, detail, action (names and paths the same for every app)."""
        from .views import urlpatterns

        return urlpatterns(self)
