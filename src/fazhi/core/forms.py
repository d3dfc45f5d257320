"""Form helpers every app's forms.py uses: Tabler-styled widgets, the date input, no future event dates, 请选择."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

# <input type="date"> only understands YYYY-MM-DD, whatever the locale's input format (zh-hans: 2025/01/24).
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


def not_after_today(label: str):
    """A validator: the date records something that has happened, so it cannot be after today."""

    def check(value) -> None:
        today = timezone.localdate()
        if value and value > today:
            raise ValidationError(
                f"{label}不能晚于今天（{today:%Y-%m-%d}）：登记的是已经发生的事，请核对日期", code="future"
            )

    return check


class StyleMixin:
    """A form whose widgets carry Tabler's classes (form-select for choices, form-control for the rest), and the
    two rules every record form keeps:

    * a date records what has happened, so it cannot be after today, except the fields named in `future_fields`
      (a scheduled date, a deadline);
    * a required choice starts at 「请选择」: the form never decides for the user (a 复议决定 is chosen, not
      defaulted to its first option)."""

    #: date fields that may lie ahead (a scheduled hearing, a deadline set by the user)
    future_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]  # a mixin of forms.Form / ModelForm
        for name, f in self.fields.items():  # type: ignore[attr-defined]
            if isinstance(f, forms.DateField) and name not in self.future_fields:
                f.validators.append(not_after_today(str(f.label or name)))
            if isinstance(f, forms.ModelChoiceField):
                if f.empty_label is not None:
                    f.empty_label = "请选择"
            elif (
                isinstance(f, forms.ChoiceField)
                and f.required
                and not isinstance(f, forms.MultipleChoiceField)
            ):
                choices = [
                    (v, "请选择" if v == "" and str(label).startswith("---") else label)
                    for v, label in f.choices
                ]
                f.choices = choices if any(v == "" for v, _ in choices) else [("", "请选择"), *choices]
            w = f.widget
            if isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            elif not isinstance(w, forms.CheckboxInput):
                w.attrs.setdefault("class", "form-control")


class StyledForm(StyleMixin, forms.Form):
    """A record form (see StyleMixin)."""


class StyledModelForm(StyleMixin, forms.ModelForm):
    """A model form with the same rules (修改基本信息, core.casework.editing)."""
