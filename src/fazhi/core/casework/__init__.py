"""The casework kit: what every domain app's records share (DESIGN.md, "the casework kit").

- `kind.CaseKind`: one declaration per record type (selectors, filters, actions, create form and service,
  templates, URL names), written by each app in its `casework.py`;
- `views`: the generic list / detail / create / action pages and `urls(kind)`, built from a CaseKind;
- `transitions.Transitions`: the envelope of every workflow action of a record type (transaction, row lock,
  capability, workflow check, audited save, timeline entry), declared once in the app's `services.py`;
- `api`: the generic django-ninja router (list, detail, create, action) built from a CaseKind and the app's
  schemas, so the page and the API go through the same forms and services."""
