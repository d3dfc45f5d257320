"""Chinese 403/404/500 pages inside the layout, with the reason and a way back; every menu path and its parent
paths answer (no 404 for /reports/ while the reviewer lives at /reports/review/)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from fazhi.core.context_processors import navigation


def test_404_is_chinese_in_the_layout(client, office):
    client.force_login(office)
    response = client.get("/reconsideration/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html and "回到首页" in html and "复议案件" in html  # the menu: inside the layout
    assert "Page not found" not in html and "Not Found" not in html


def test_an_unknown_path_is_chinese_too(client, office):
    client.force_login(office)
    html = client.get("/no/such/page/").content.decode()
    assert "页面不存在" in html and "Not Found" not in html


def test_403_shows_the_refusal_in_the_layout(client, leader):
    client.force_login(leader)
    response = client.get("/system/operation-log/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in html and "回到首页" in html and "Forbidden" not in html


def test_500_is_chinese_and_says_nothing_of_the_error(office):
    from fazhi.core import views

    request = RequestFactory().get("/")
    request.user = office
    response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500 and "系统错误" in html and "secret" not in html


def _menu_urls(user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [i["url"] for g in navigation(request)["nav_menu"] for i in g["items"]]


@pytest.mark.django_db
def test_every_menu_path_and_its_parents_answer(client, sysadmin):
    client.force_login(sysadmin)
    seen: dict[str, int] = {}
    for url in _menu_urls(sysadmin):
        parts = url.strip("/").split("/")
        for n in range(1, len(parts) + 1):
            path = "/" + "/".join(parts[:n]) + "/"
            if path not in seen:
                seen[path] = client.get(path).status_code
    missing = {p: s for p, s in seen.items() if s not in (200, 302)}
    assert not missing, missing
