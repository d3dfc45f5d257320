"""The permission ladder of every domain app that declares one (tests/<app>/ladder.py, see tests/ladder.py):
office works, unit A's clerk works as far as the app lets a clerk, another unit's clerk or county gets 404 and
does not see the record listed, the leader reads but may not write (page: refused; API: 403), the anonymous
visitor is sent to the login page (pages) or gets 401 (API)."""

from __future__ import annotations

import pytest

from fazhi.core.contract import domain_apps
from tests import factories
from tests.ladder import READERS, ladders, listed_on_page

pytestmark = pytest.mark.django_db
LADDERS = ladders()
ANONYMOUS = "anonymous"


def test_every_domain_app_declares_its_ladder():
    assert set(LADDERS) == {cfg.label for cfg in domain_apps()}


@pytest.fixture(params=sorted(LADDERS))
def ladder(request):
    return LADDERS[request.param]


@pytest.fixture
def record(ladder, tree, office):
    return ladder.record(tree, office)


def as_persona(client, personas, persona: str) -> dict:
    """Log `client` in as `persona` and return the API headers of a token of the same user."""
    if persona == ANONYMOUS:
        return {}
    user = getattr(personas, persona)
    client.force_login(user)
    return {"Authorization": f"Bearer {factories.make_token(user).key}"}


@pytest.mark.parametrize("persona", [*READERS, ANONYMOUS])
def test_reading(ladder, record, personas, client, persona):
    headers = as_persona(client, personas, persona)
    detail = ladder.url(ladder.detail, record)
    api_detail = ladder.url(ladder.api_detail, record)
    if persona == ANONYMOUS:
        for url in (*ladder.pages, *ladder.write_pages, detail):
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/login/"), url
        for url in (ladder.api_list, api_detail):
            assert client.get(url).status_code == 401, url
        return
    expected = READERS[persona]
    sees = expected == 200
    # Lists and the create form open for everyone logged in, filtered by scope; the import page for writers.
    for url in ladder.pages:
        assert client.get(url).status_code == 200, (persona, url)
    for url in ladder.write_pages:
        assert client.get(url).status_code == (403 if persona in ladder.write_pages_refused else 200), (
            persona,
            url,
        )
    listing = client.get(ladder.pages[0]).content.decode()
    assert (record.pk in listed_on_page(listing, ladder.detail)) is sees, persona
    assert client.get(detail).status_code == expected, persona
    response = client.get(ladder.api_list, headers=headers)
    assert response.status_code == 200
    assert (record.pk in {item["id"] for item in response.json()["items"]}) is sees, persona
    assert client.get(api_detail, headers=headers).status_code == expected, persona


def write_personas():
    return sorted({p for lad in LADDERS.values() for p in lad.write_personas()} | {ANONYMOUS})


@pytest.mark.parametrize("persona", write_personas())
@pytest.mark.parametrize("via", ["page", "api"])
def test_writing(ladder, record, personas, client, persona, via):
    if persona != ANONYMOUS and persona not in ladder.write_personas():
        pytest.skip(f"{ladder.app} declares no expectation for {persona}")
    headers = as_persona(client, personas, persona) if via == "api" or persona == ANONYMOUS else {}
    if via == "page" and persona != ANONYMOUS:
        client.force_login(getattr(personas, persona))
    action = ladder.action
    if via == "page":
        response = client.post(ladder.url(action.page, record), action.data)
    else:
        client.logout()
        response = client.post(
            ladder.url(action.api, record), action.data, content_type="application/json", headers=headers
        )
    changed = action.done(ladder.model.objects.get(pk=record.pk))
    if persona == ANONYMOUS:
        assert response.status_code == (302 if via == "page" else 401)
        if via == "page":
            assert response["Location"].startswith("/login/")
        assert not changed
        return
    page_outcome, api_status = ladder.expected_write(persona)
    if via == "api":
        assert response.status_code == api_status, response.content
        assert changed is (api_status == 200)
    elif isinstance(page_outcome, int):
        assert response.status_code == page_outcome
        assert not changed
    else:
        detail = ladder.url(ladder.detail, record)
        # a refused action comes back to its form on the record's page (#action-…), with the typed values
        assert response.status_code == 302 and response["Location"].split("#")[0] == detail
        assert changed is (page_outcome == "done")
