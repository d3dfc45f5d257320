"""Open311 GeoReport v2 at /open311/v2/: the services are the 诉求分类, a POST with an api_key takes a ticket through
the hotline service, GET follows it (open → closed), refusals in the spec's error shape with nothing written, and
no personal data without a key."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.models import DictItem, Membership, Role
from fazhi.hotline import services
from fazhi.hotline.choices import CATEGORY_DICT
from fazhi.hotline.models import Ticket

from ..factories import make_token, make_user
from . import factories

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def client_key(tree):
    """A city app's account: a role that takes 12345 requests in the city, with its API key."""
    factories.categories()
    role = Role.objects.create(
        code="open311", name="热线接入客户端", scope="unit", capabilities=["hotline.view", "hotline.handle"]
    )
    account = make_user("city-app", first_name="城市App")
    Membership.objects.create(user=account, org=tree.city, role=role)
    return make_token(account, name="城市App").key


def _post(client, **data):
    return client.post(f"{BASE}/requests.json", {k: v for k, v in data.items() if v is not None})


def test_services_are_the_category_dictionary(client, tree):
    factories.categories()
    r = client.get(f"{BASE}/services.json")
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    services_ = r.json()
    listed = [(s["service_code"], s["service_name"]) for s in services_]
    assert set(factories.CATEGORIES.items()) <= set(listed) and ("04", "劳动和社会保障") in listed
    DictItem.objects.filter(category=CATEGORY_DICT, code="04").update(is_active=False)  # 停用 in 字典管理
    assert "04" not in {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}
    assert all(s["type"] == "realtime" and s["metadata"] is False for s in services_)
    r = client.get(f"{BASE}/services/0203.json")
    assert r.status_code == 404 and r.json()[0]["code"] == 404


def test_post_creates_a_ticket_and_get_follows_it(client, tree, office, client_key):
    r = _post(
        client,
        api_key=client_key,
        service_code="0203",
        address_string="青城市东城区和平路12号",
        lat="39.9",
        long="116.4",
        description="超市价格欺诈，电话13812345678",
        last_name="李",
        first_name="四",
        phone="13900001111",
    )
    assert r.status_code == 200, r.content
    [created] = r.json()
    ticket = Ticket.objects.get(pk=created["service_request_id"])
    assert (ticket.org, ticket.category, ticket.caller, ticket.phone, ticket.channel) == (
        tree.city,
        "0203",
        "李四",
        "13900001111",
        "app",
    )
    assert ticket.received_on == timezone.localdate() and "39.900000, 116.400000" in ticket.location
    assert created["token"] == ticket.number
    assert client.get(f"{BASE}/tokens/{ticket.number}.json").json() == [
        {"service_request_id": str(ticket.pk), "token": ticket.number}
    ]
    # anonymous: status, service and dates only
    [item] = client.get(f"{BASE}/requests/{ticket.pk}.json").json()
    assert item["status"] == "open" and item["service_name"] == "市场监管"
    assert "description" not in item and "address" not in item
    assert "13900001111" not in json.dumps(item, ensure_ascii=False)
    # with the key: the text, masked
    [item] = client.get(f"{BASE}/requests/{ticket.pk}.json", {"api_key": client_key}).json()
    assert item["description"] == "超市价格欺诈，电话138****5678"
    assert item["address"].startswith("青城市东城区和平路12号")
    # the office handles and closes it: the request is closed, the reply its status_notes
    day = ticket.received_on
    ticket = services.dispatch_ticket(ticket=ticket, actor=office, unit=tree.unit_a, dispatched_on=day)
    assert client.get(f"{BASE}/requests/{ticket.pk}.json").json()[0]["agency_responsible"] == tree.unit_a.name
    ticket = services.sign_ticket(ticket=ticket, actor=office, signed_on=day)
    ticket = services.reply_ticket(ticket=ticket, actor=office, replied_on=day, reply="已责令商户整改并退款")
    ticket = services.close_ticket(ticket=ticket, actor=office, closed_on=day)
    [item] = client.get(f"{BASE}/requests/{ticket.pk}.json", {"api_key": client_key}).json()
    assert (item["status"], item["status_notes"], item["expected_datetime"]) == (
        "closed",
        "已责令商户整改并退款",
        None,
    )
    assert [
        i["service_request_id"] for i in client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    ] == [str(ticket.pk)]
    assert client.get(f"{BASE}/requests.json", {"status": "open"}).json() == []


@pytest.mark.parametrize(
    ("data", "status", "says"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "fz_not-a-real-key"}, 403, "api_key"),
        ({"service_code": "9999"}, 400, "service_code"),
        ({"service_code": ""}, 400, "service_code"),
        ({"address_string": "", "lat": ""}, 400, "位置"),
        ({"lat": "north"}, 400, "lat"),
        ({"description": ""}, 400, "description"),
        ({"jurisdiction_id": "000000"}, 404, "jurisdiction_id"),
    ],
)
def test_refusals_write_nothing(client, tree, client_key, data, status, says):
    values = {
        "api_key": client_key,
        "service_code": "0203",
        "address_string": "青城市东城区和平路12号",
        "description": "占道经营",
    } | data
    r = _post(client, **values)
    assert r.status_code == status
    [error] = r.json()
    assert error["code"] == status and says in error["description"]
    assert not Ticket.all_objects.exists()


def test_a_key_without_the_capability_is_refused(client, tree, leader):
    factories.categories()
    key = make_token(leader).key
    r = _post(client, api_key=key, service_code="0203", address_string="和平路", description="占道经营")
    assert r.status_code == 403 and r.json()[0]["code"] == 403
    assert not Ticket.all_objects.exists()


def test_get_filters_and_errors(client, tree, office):
    old = factories.ticket(office, tree.city, received_on=date(2025, 3, 3), category="0101")
    new = factories.ticket(office, tree.city, received_on=date(2025, 9, 29))
    got = client.get(f"{BASE}/requests.json", {"start_date": "2025-01-01T00:00:00+08:00"}).json()
    assert [i["service_request_id"] for i in got] == [str(new.pk), str(old.pk)]
    got = client.get(f"{BASE}/requests.json", {"start_date": "2025-01-01", "service_code": "0101"}).json()
    assert [i["service_request_id"] for i in got] == [str(old.pk)]
    got = client.get(f"{BASE}/requests.json", {"service_request_id": f"{old.pk},{new.pk}"}).json()
    assert {i["service_request_id"] for i in got} == {str(old.pk), str(new.pk)}
    for params in ({"status": "pending"}, {"start_date": "yesterday"}, {"service_request_id": "x"}):
        r = client.get(f"{BASE}/requests.json", params)
        assert r.status_code == 400 and r.json()[0]["code"] == 400
    r = client.get(f"{BASE}/requests/999999.json")
    assert r.status_code == 404 and r.json()[0]["code"] == 404
    assert client.get(f"{BASE}/tokens/nothing.json").status_code == 404
    assert client.delete(f"{BASE}/requests.json").status_code == 405


def test_a_key_reads_only_its_scope(client, tree, county_office):
    """A key whose user cannot read the ticket gets the anonymous view of it."""
    factories.categories()
    t = factories.ticket(county_office, tree.county)
    key = make_token(make_user("other-app")).key
    [item] = client.get(f"{BASE}/requests/{t.pk}.json", {"api_key": key}).json()
    assert "description" not in item


@pytest.mark.django_db(transaction=True)
def test_round_trip_over_http(live_server, tree, client_key):
    """An Open311 client over a real HTTP connection: form-encoded POST, then GET of the request."""

    def call(path: str, data: dict | None = None) -> tuple[int, object]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(live_server.url + BASE + path, data=body)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - the test server
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    status, body = call("/services.json")
    assert status == 200 and "0203" in {s["service_code"] for s in body}
    status, body = call(
        "/requests.json", {"service_code": "0203", "address_string": "和平路", "description": "噪音"}
    )
    assert status == 403 and body[0]["code"] == 403
    form = {
        "api_key": client_key,
        "service_code": "0203",
        "address_string": "和平路",
        "description": "夜间施工噪音",
    }
    status, body = call("/requests.json", form)
    assert status == 200
    sid = body[0]["service_request_id"]
    status, body = call(f"/requests/{sid}.json")
    assert status == 200 and body[0]["status"] == "open" and body[0]["service_code"] == "0203"
