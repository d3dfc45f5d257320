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


class OrgTreeSelect(forms.Select):
    """The org selector as a tree: options in path order (Org's ordering), each indented under its parent
    (县 under 市, 乡 under 县) relative to the shallowest org offered, with its depth in data-depth. The indent is
    in the label itself, so the tree shows in the browser's own list too, with JavaScript off."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        org = getattr(value, "instance", None)
        if org is not None:
            top = getattr(self, "_top_depth", org.depth)
            option["attrs"]["data-depth"] = str(org.depth)
            if org.depth > top:
                option["label"] = "\u3000" * (org.depth - top - 1) + "└ " + str(label)
        return option

    def optgroups(self, name, value, attrs=None):
        items = list(self.choices)
        orgs = [getattr(v, "instance", None) for v, _ in items]
        self._top_depth = min((o.depth for o in orgs if o is not None), default=0)
        # the tree order whatever order the form's queryset was given (a parent before its children)
        self.choices = sorted(items, key=lambda c: getattr(getattr(c[0], "instance", None), "path", ""))
        return super().optgroups(name, value, attrs)


def _is_org_choice(f: forms.Field) -> bool:
    from .models import Org

    return isinstance(f, forms.ModelChoiceField) and getattr(f.queryset, "model", None) is Org


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
            if _is_org_choice(f) and type(f.widget) is forms.Select:
                f.widget = OrgTreeSelect(attrs=f.widget.attrs, choices=f.widget.choices)
            w = f.widget
            if isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            elif not isinstance(w, forms.CheckboxInput):
                w.attrs.setdefault("class", "form-control")


class StyledForm(StyleMixin, forms.Form):
    """A record form (see StyleMixin)."""


class StyledModelForm(StyleMixin, forms.ModelForm):
    """A model form with the same rules (修改基本信息, core.casework.editing)."""
