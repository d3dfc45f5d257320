"""Every page names its icon, and /favicon.ico (asked for by browsers and tools regardless) answers, instead of a
404 logged on every page view."""

from __future__ import annotations

from django.contrib.staticfiles import finders


def test_pages_name_the_icon_and_favicon_ico_redirects_to_it(client, login, office):
    for page in (client.get("/login/"), login(office).get("/")):
        assert 'rel="icon"' in page.content.decode() and "fazhi/favicon.svg" in page.content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("fazhi/favicon.svg")
    assert finders.find("fazhi/favicon.svg")
