"""The draft as a file: on 送审登记 a .docx, text .pdf or .txt draft gives the request its text (kept as the
attachment too); an unreadable file is refused in Chinese and nothing is registered. The review page shows the
pre-check's flags beside the clauses; `fazhi precheck FILE` prints them."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from fazhi.core.attachments import attachments_of
from fazhi.legality.models import ReviewRequest
from tests.reports.helpers import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

LINES = [
    "澜川县农贸市场管理办法（送审稿）",
    "第一条 为了规范农贸市场管理，根据《澜川省农贸市场管理条例》，制定本办法。",
    "第二条 开办农贸市场，须经县商务局审批。",
    "第三条 违反本办法规定的，由县商务局处以2000元罚款。",
    "第四条 本办法自2027年1月1日起施行，有效期5年。",
]


def _post(client, tree, upload, **extra):
    data = {
        "unit": tree.unit_a.pk,
        "title": "澜川县农贸市场管理办法（送审稿）",
        "subject_kind": "normative",
        "received_on": "2025-09-15",
        **extra,
    }
    if upload is not None:
        data["draft_file"] = upload
    return client.post(reverse("legality:create"), data, follow=True)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("草案.docx", docx_bytes(LINES)),
        ("草案.pdf", pdf_bytes(LINES)),
        ("草案.txt", "\n".join(LINES).encode("gb18030")),
    ],
)
def test_the_drafts_text_is_taken_from_the_file(tree, login, office, media, name, data):
    response = _post(login(office), tree, SimpleUploadedFile(name, data), draft_text="手工录入的文字")
    assert response.status_code == 200
    r = ReviewRequest.objects.get()
    assert "第二条 开办农贸市场，须经县商务局审批。" in r.draft_text
    assert "手工录入的文字" not in r.draft_text  # the file's text is the draft
    assert [a.name for a in attachments_of(r)] == [name]
    messages = [str(m) for m in response.context["messages"]]
    assert any("草案预审提示 2 处" in m for m in messages), messages
    # the review page shows the flags beside the clauses, the triggering words marked
    body = login(office).get(reverse("legality:detail", args=[r.pk])).content.decode()
    assert 'id="draft-precheck"' in body
    assert "<mark>须经县商务局审批</mark>" in body and "<mark>处以2000元罚款</mark>" in body
    assert "行政许可法》第十七条" in body and "行政处罚法》第十六条" in body


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("草案.pdf", pdf_bytes([]), "没有可提取的文字"),
        ("草案.docx", b"not a zip at all", "不是有效的 Word"),
        ("草案.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Word"),
        ("草案.txt", b"\x00\x01\x02\x03" * 100, "二进制"),
        ("草案.exe", b"MZ" + b"\0" * 100, "不支持的附件类型"),
    ],
)
def test_an_unreadable_draft_is_refused_and_nothing_registered(
    tree, login, office, media, name, data, reason
):
    response = _post(login(office), tree, SimpleUploadedFile(name, data))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_text()
    assert reason in errors, errors
    assert not ReviewRequest.objects.exists()


def test_the_registration_form_takes_files_and_others_do_not_change(tree, login, office):
    """The casework kit's create page is multipart only when the form has a file field."""
    body = login(office).get(reverse("legality:create")).content.decode()
    assert 'enctype="multipart/form-data"' in body and 'name="draft_file"' in body
    body = login(office).get(reverse("legality:counsel_create")).content.decode()
    assert "multipart" not in body


def test_typed_text_still_serves_without_a_file(tree, login, office):
    _post(login(office), tree, None, draft_text="第一条 未经批准，不得设立摊点。")
    r = ReviewRequest.objects.get()
    assert r.draft_text == "第一条 未经批准，不得设立摊点。"
    assert attachments_of(r) == []


def test_the_precheck_command(tmp_path, capsys):
    path = tmp_path / "草案.docx"
    path.write_bytes(docx_bytes(LINES))
    call_command("precheck", str(path), "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["clauses"] == 5
    assert [(f["label"], f["rule"], f["trigger"]) for f in result["flags"]] == [
        ("第二条", "设定行政许可", "须经县商务局审批"),
        ("第三条", "设定行政处罚", "处以2000元罚款"),
    ]
    call_command("precheck", str(path))
    out = capsys.readouterr().out
    assert "共 5 条（款、项），提示 2 处" in out and "【第三条】设定行政处罚" in out
    empty = tmp_path / "空.pdf"
    empty.write_bytes(pdf_bytes([]))
    with pytest.raises(CommandError, match="草案文件无法读取：PDF 中没有可提取的文字"):
        call_command("precheck", str(empty))


def test_a_new_version_of_the_draft_replaces_the_text_and_keeps_the_old_one(
    tree, login, office, clerk_b, media
):
    from datetime import date

    from fazhi.legality import services
    from fazhi.legality.choices import EventKind

    r = services.register_request(
        actor=office, unit=tree.unit_a, title="澜川县农贸市场管理办法（送审稿）", subject_kind="normative",
        received_on=date(2025, 9, 15), draft_text="\n".join(LINES),
    )  # fmt: skip
    client = login(office)
    detail = client.get(reverse("legality:detail", args=[r.pk])).content.decode()
    assert 'data-action="new_draft" enctype="multipart/form-data"' in detail
    assert "<mark>须经县商务局审批</mark>" in detail
    second = [
        LINES[0],
        "第一条 为了规范农贸市场管理，制定本办法。",
        "第二条 县商务局应当向社会公示收费标准。",  # an organ's duty: no flag
    ]
    url = reverse("legality:action", args=[r.pk, "new_draft"])
    data = {"uploaded_on": "2025-09-18", "version": r.version}
    client.post(url, {**data, "draft_file": SimpleUploadedFile("第二稿.docx", docx_bytes(second))})
    r.refresh_from_db()
    assert r.draft_version == 2 and "公示收费标准" in r.draft_text and "审批" not in r.draft_text
    # the typed first version is kept as a file, the new one too, each with its reason in the history
    names = {a.name for a in attachments_of(r)}
    assert names == {f"{r.number}草案第1稿.txt", "第二稿.docx"}
    assert r.history.first().history_change_reason == "上传新版本草案（第2稿）"
    event = r.events.get(kind=EventKind.NEW_DRAFT)
    assert event.note == "第2稿（第二稿.docx），预审提示 0 处"
    # the pre-check runs on the new text
    detail = client.get(reverse("legality:detail", args=[r.pk])).content.decode()
    assert "须经县商务局审批" not in detail and "现为草案第2稿" in detail
    # an unreadable file changes nothing; another unit's clerk may not upload
    client.post(
        url, {**data, "version": r.version, "draft_file": SimpleUploadedFile("扫描件.pdf", pdf_bytes([]))}
    )
    r.refresh_from_db()
    assert r.draft_version == 2
    assert (
        login(clerk_b)
        .post(url, {**data, "draft_file": SimpleUploadedFile("x.txt", "第一条 x".encode())})
        .status_code
        == 404
    )
