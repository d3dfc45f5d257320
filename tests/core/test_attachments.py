"""Attachments of any app's records (core.attachments): stored under generated names, served only through a view
that checks the record's visibility, refused when their type or size is not allowed; on the ladder of personas."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import Attachment
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def case(tree, office):
    return factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 3, 3)
    )


def upload_url(case) -> str:
    return reverse("core-attachment-upload", args=[case._meta.app_label, case._meta.model_name, case.pk])


def upload(client, case, name="申请书.pdf", content=PDF):
    return client.post(upload_url(case), {"file": SimpleUploadedFile(name, content), "next": "/"})


def test_the_office_attaches_a_file_stored_under_a_generated_name(media, login, office, case):
    response = upload(login(office), case)
    assert response.status_code == 302
    att = Attachment.objects.get()
    assert att.name == "申请书.pdf" and att.size == len(PDF) and att.uploaded_by == office
    assert att.org == case.org and att.record == case
    stored = att.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(".pdf") and "申请书" not in stored and len(stored) == 32 + 4
    assert att.history.count() == 1


def test_a_reader_downloads_it_with_its_name_and_no_cache(media, login, office, leader, case):
    upload(login(office), case)
    att = Attachment.objects.get()
    response = login(leader).get(reverse("core-attachment", args=[att.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert (
        "attachment;" in response["Content-Disposition"]
        and "%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_ladder(media, client, login, office, clerk_b, leader, case):
    upload(login(office), case)
    att = Attachment.objects.get()
    url = reverse("core-attachment", args=[att.pk])
    # another unit's clerk cannot see the case: the file does not exist for them, nor can they attach
    assert login(clerk_b).get(url).status_code == 404
    assert upload(login(clerk_b), case).status_code == 404
    # the leader reads but does not write
    assert upload(login(leader), case).status_code == 403
    # anonymous → login
    assert client.get(url).status_code == 302 and "/login/" in client.get(url)["Location"]
    assert Attachment.objects.count() == 1
    # the media URL itself serves nothing
    assert client.get("/media/" + att.file.name).status_code == 404


@pytest.mark.parametrize("name", ["x.exe", "page.html", "image.svg", "noext", "a.pdf.js"])
def test_a_type_outside_the_allowed_list_is_refused(media, login, office, case, name):
    response = upload(login(office), case, name=name)
    assert response.status_code == 400
    assert "不支持的附件类型" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(media, settings, login, office, case):
    settings.FAZHI_MAX_UPLOAD_BYTES = 10
    response = upload(login(office), case)
    assert response.status_code == 400 and "附件过大" in response.content.decode()
    assert not Attachment.objects.exists()


def test_removal_is_audited_and_needs_write_access(media, login, office, leader, case):
    upload(login(office), case)
    att = Attachment.objects.get()
    url = reverse("core-attachment-delete", args=[att.pk])
    assert login(leader).post(url).status_code == 403
    assert login(office).post(url, {"next": "/"}).status_code == 302
    assert not Attachment.objects.exists()
    assert att.history.filter(history_type="-").exists()


def test_an_unknown_record_type_is_a_404(media, login, office):
    assert login(office).post(reverse("core-attachment-upload", args=["core", "org", 1])).status_code == 404


def test_the_record_page_has_an_attachments_tab_with_the_upload_form_for_writers(
    media, login, office, leader, case
):
    upload(login(office), case)
    detail = reverse("reconsideration:detail", args=[case.pk])
    page = login(office).get(detail).content.decode()
    assert "附件" in page and "申请书.pdf" in page and "上传附件" in page
    page = login(leader).get(detail).content.decode()
    assert "申请书.pdf" in page and "上传附件" not in page


def test_suits_carry_attachments_too(media, tree, login, office):
    suit = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初1号",
        complaint_received_on=date(2025, 3, 3),
    )
    assert upload(login(office), suit).status_code == 302
    assert Attachment.objects.get().record == suit
    page = login(office).get(reverse("litigation:detail", args=[suit.pk])).content.decode()
    assert "申请书.pdf" in page
