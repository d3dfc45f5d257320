"""Form helpers every app's forms.py uses: Tabler-styled widgets and the date input."""

from __future__ import annotations

from django import forms

# <input type="date"> only understands YYYY-MM-DD, whatever the locale's input format (zh-hans: 2025/01/24).
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


class StyledForm(forms.Form):
    """A form whose widgets carry Tabler's classes (form-select for choices, form-control for the rest)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            elif not isinstance(w, forms.CheckboxInput):
                w.attrs.setdefault("class", "form-control")
