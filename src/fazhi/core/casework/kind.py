"""`CaseKind`: the declaration of one record type, from which the generic pages and API are built.

An app writes it once, in its `casework.py`, e.g.

    class Litigation(CaseKind):
        app = "litigation"
        date_field = "complaint_received_on"
        related = ("org", "defendant", "reconsideration")
        selectors = selectors  # CaseFilters, visible_cases, filtered_cases
        rules = rules  # WORKFLOW
        actions = ACTIONS
        create_form = forms.RegisterForm

        def create(self, actor, form): ...  # the app's create service with the form's cleaned data

    KIND = Litigation()

`actions` is the ACTIONS table: action name -> (form class, service). The page's action forms and the API's
action endpoint both validate with the form and call the service (core.web.apply_action)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from fazhi.core.pagination import Page, keyset_page
from fazhi.core.permissions import can_any, require
from fazhi.core.workflow import Transition

M = TypeVar("M", bound=Model)


def get_visible(qs: QuerySet[M], pk: int, *, user: Any, related: tuple[str, ...] = ()) -> M:
    """One record of `qs` (already scoped to `user`); another org's record is a 404, as if it did not exist."""
    record = qs.select_related(*related).filter(pk=pk).first()
    if record is None:
        if not user.is_authenticated:
            raise PermissionDenied
        raise Http404("案件不存在或无权查看")
    return record


def search(qs: QuerySet[M], text: str, fields: tuple[str, ...]) -> QuerySet[M]:
    """Rows of `qs` whose `fields` contain `text` (case-insensitive); blank text keeps every row."""
    if not text:
        return qs
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__icontains": text})
    return qs.filter(q)


def exact(qs: QuerySet[M], f: Any, lookups: dict[str, str]) -> QuerySet[M]:
    """Filter `qs` by each filter attribute that is set: {"status": "status", "respondent": "respondent_id"}."""
    for attr, lookup in lookups.items():
        value = getattr(f, attr)
        if value:
            qs = qs.filter(**{lookup: value})
    return qs


class CaseKind:
    """One record type of a domain app, declared once by subclassing (see the module docstring).

    Class attributes say what the record is; the methods with a default may be overridden. By convention the
    app's `selectors` module defines `CaseFilters` (a dataclass with `from_params(params)`, parsing the page's
    query at the edge: a bad value is a 400 in Chinese), `visible_cases(user)` and `filtered_cases(user, f)`, and
    its `rules` module `WORKFLOW` (core.workflow.Workflow: action name -> Transition, with its Chinese label)."""

    #: the app label, also the URL namespace ("reconsideration" -> reconsideration:list/detail/create/action)
    app: str
    #: the record's date the lists page by (keyset: date desc, id desc)
    date_field: str
    #: select_related of the list, the API page and the detail
    related: tuple[str, ...] = ()
    #: the app's selectors and rules modules (see above)
    selectors: ModuleType
    rules: ModuleType
    #: the ACTIONS table: action name -> (form class, service(case=, actor=, **cleaned_data))
    actions: dict[str, tuple[type, Callable]]
    #: the registration form (takes `user=`), and what the page says when the service refuses without a message
    create_form: type
    create_denied: str = "无权登记该案件"
    #: templates, by default "<app>/list.html", "<app>/detail.html", "<app>/create.html"
    templates: dict[str, str] = {}
    #: the list's sortable columns besides its date, which always sorts (`?sort=name`, `-name`; core.web.list_order):
    #: parameter -> model field, e.g. {"due": "next_due"} for the 期限 column
    sorts: dict[str, str] = {}
    #: a list of few rows (the overdue ones, a unit's) is read by id and sorted on SQLite, not found by walking the
    #: date index (core.web.rows_by_id): for a high-volume table whose filters SQLite's statistics misjudge
    sorted_read: bool = False
    #: the fields of 修改基本信息 (model fields, in form order); empty: the record has no edit page
    #: (core.casework.editing; 作废 is offered for every kind)
    edit_fields: tuple[str, ...] = ()

    # -- to write in every kind
    def create(self, actor, form):
        """The new record from the valid registration form, through the app's create service."""
        raise NotImplementedError

    def created_message(self, record) -> str:
        """The message after a registration (number and first deadline)."""
        raise NotImplementedError

    # -- defaults
    def shown_actions(self, user, record) -> list[str]:
        """The names of the actions whose forms the detail page shows to `user` now."""
        return self.rules.WORKFLOW.allowed(record)

    def create_initial(self) -> dict:
        """The registration form's initial values (its date defaults to today)."""
        return {}

    def action_initial(self, record) -> dict:
        """Extra initial values of the action forms: {action: {field: value}}."""
        return {}

    def list_context(self, request, ctx: dict) -> dict:
        """Extra context of the list page (the choices of its filters)."""
        return {}

    def detail_context(self, request, record) -> dict:
        """Extra context of the detail page (deadlines, linked records, tabs of its own)."""
        return {}

    # -- 修改基本信息 and 作废 (core.casework.editing)
    def require_handle(self, actor, record) -> None:
        """Refuse (PermissionDenied, Chinese) unless `actor` may handle `record`; by default the app's handle
        capability in the record's org."""
        require(actor, record.org, f"{self.app}.handle")

    def can_handle(self, user, record) -> bool:
        try:
            self.require_handle(user, record)
        except PermissionDenied:
            return False
        return True

    def locked_fields(self, record) -> dict[str, str]:
        """Editable fields that the record's state fixes now: field -> why (shown next to the field)."""
        return {}

    def validate(self, record) -> dict[str, str]:
        """The app's `rules.validate(record)` after an edit ({} when the rules have none)."""
        check = getattr(self.rules, "validate", None)
        return check(record) if check else {}

    def after_edit(self, record, before: dict) -> None:
        """Recompute derived fields (deadlines) after an edit; `before` holds the changed fields' old values."""

    def edit_form(self, record, data=None):
        """The 修改基本信息 form: the edit fields (locked ones disabled, with the reason) and 修改原因."""
        from django import forms as djforms
        from django.forms import modelform_factory

        from fazhi.core.forms import StyledModelForm

        form_cls = modelform_factory(type(record), form=StyledModelForm, fields=list(self.edit_fields))
        form = form_cls(data, instance=record, auto_id="edit-%s")
        for name, why in self.locked_fields(record).items():
            if name in form.fields:
                form.fields[name].disabled = True
                form.fields[name].help_text = why
        form.fields["reason"] = djforms.CharField(
            label="修改原因", max_length=300, widget=djforms.TextInput(attrs={"class": "form-control"})
        )
        return form

    def can_create(self, user) -> bool:
        """Whether the list and the menu offer the user 新增 (the create service still checks the org)."""
        return can_any(user, f"{self.app}.handle")

    def can_import(self, user) -> bool:
        """Whether the list offers 导入 (the import page checks the same capability)."""
        return can_any(user, f"{self.app}.import")

    # -- derived
    @property
    def filters(self) -> type:
        return self.selectors.CaseFilters

    @property
    def transitions(self) -> dict[str, Transition]:
        return self.rules.WORKFLOW.transitions

    def visible(self, user) -> QuerySet:
        return self.selectors.visible_cases(user)

    def filtered(self, user, f) -> QuerySet:
        return self.selectors.filtered_cases(user, f)

    def count_pieces(self, user) -> list[Q] | None:
        """The list's scope as disjoint pieces for its count (core.web.count_rows), where the selectors say
        them (`count_pieces(user)`): records seen through several org columns."""
        pieces = getattr(self.selectors, "count_pieces", None)
        return pieces(user) if pieces else None

    def filtered_from(self, user, filters=None) -> QuerySet:
        """The visible records narrowed by `filters`: a filter object, query parameters (parsed at the edge,
        a bad value a 400 in Chinese) or None for all of them (the exports)."""
        if filters is None:
            filters = self.filters()
        elif not isinstance(filters, self.filters):
            filters = self.filters.from_params(filters)
        return self.filtered(user, filters)

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

    def record_urls(self, prefix: str, stem: str) -> list:
        """Only the record's pages (detail, action, edit, void) under `prefix` ("receptions/"), named
        `<stem>_<name>`: for a register whose list and registration form are its app's own pages (its
        `url_name` maps "list" and "create" to those)."""
        from django.urls import path

        wanted = {"detail", "action", "edit", "void"}
        return [
            path(f"{prefix}{p.pattern}", p.callback, name=f"{stem}_{p.name}")
            for p in self.urls()
            if p.name in wanted
        ]
