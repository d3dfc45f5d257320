"""The kit's action forms take uploaded files: apply_action binds them to the form, and a form with a file field
is drawn with enctype="multipart/form-data" (a draft re-uploaded from a review's page, legality)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory

from fazhi.core.web import action_forms, apply_action


class UploadForm(forms.Form):
    note = forms.CharField(required=False)
    draft = forms.FileField(label="新版本草案")


@pytest.mark.django_db
def test_apply_action_binds_the_uploaded_files():
    got = {}

    def service(*, case, actor, note, draft):
        got.update(case=case, note=note, name=draft.name, body=draft.read())

    actions = {"upload": (UploadForm, service)}
    upload = SimpleUploadedFile("第二稿.txt", "第一条 内容".encode())
    apply_action(
        case="c", actor="a", actions=actions, action="upload", data={"note": "二稿"}, files={"draft": upload}
    )
    assert got == {"case": "c", "note": "二稿", "name": "第二稿.txt", "body": "第一条 内容".encode()}
    with pytest.raises(ValidationError, match="新版本草案"):
        apply_action(case="c", actor="a", actions=actions, action="upload", data={"note": "二稿"})


def test_a_form_with_a_file_field_is_drawn_multipart():
    actions = {"upload": (UploadForm, None), "plain": (forms.Form, None)}
    transitions = {n: SimpleNamespace(label=n) for n in actions}
    drawn = action_forms(["upload", "plain"], actions=actions, transitions=transitions)
    html = render_to_string(
        "core/_action_forms.html",
        {"action_forms": drawn, "action_base": "/x/"},
        request=RequestFactory().get("/"),
    )
    upload, plain = html.split('data-action="plain"')
    assert 'data-action="upload" enctype="multipart/form-data"' in upload
    assert "multipart" not in plain
