"""Open311 GeoReport v2 at /open311/v2/: the services are the 诉求分类, a POST with an api_key takes a ticket through
the hotline service, GET follows it (open → closed), refusals in the spec's error shape with nothing written, and
no personal data without a key."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

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
    assert ticket.received_on == timezone.localdate() and ticket.location == "青城市东城区和平路12号"
    assert (ticket.lat, ticket.long) == (Decimal("39.900000"), Decimal("116.400000"))
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
    assert (item["lat"], item["long"], item["media_url"]) == (39.9, 116.4, "")
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
        ({"lat": "39.9"}, 400, "lat"),
        ({"lat": "91", "long": "116.4"}, 400, "lat"),
        ({"lat": "NaN", "long": "116.4"}, 400, "lat"),
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


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\xa6\x1f\xb9\xa4\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)  # noqa: S314 - the server's own answer in a test


def test_xml_format_has_the_specs_element_names(client, tree, client_key):
    root = _xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    codes = {s.findtext("service_code") for s in root.findall("service")}
    assert "0203" in codes
    assert root.find("service/metadata").text == "false" and root.find("service/type").text == "realtime"
    r = client.post(
        f"{BASE}/requests.xml",
        {
            "api_key": client_key,
            "service_code": "0203",
            "lat": "30.25",
            "long": "120.15",
            "description": "噪音",
        },
    )
    assert r.status_code == 200
    root = _xml(r)
    assert root.tag == "service_requests"
    sid = root.findtext("request/service_request_id")
    token = root.findtext("request/token")
    assert sid and token
    root = _xml(client.get(f"{BASE}/requests/{sid}.xml", {"api_key": client_key}))
    request = root.find("request")
    assert request.findtext("status") == "open" and request.findtext("service_code") == "0203"
    assert (request.findtext("lat"), request.findtext("long")) == ("30.25", "120.15")
    assert request.find("media_url").text is None
    root = _xml(client.get(f"{BASE}/requests.xml", {"api_key": client_key}))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [sid]
    root = _xml(client.get(f"{BASE}/tokens/{token}.xml"))
    assert (root.findtext("request/service_request_id"), root.findtext("request/token")) == (sid, token)
    # errors in the XML shape, with the HTTP status
    r = client.post(
        f"{BASE}/requests.xml", {"service_code": "0203", "address_string": "和平路", "description": "x"}
    )
    assert r.status_code == 403
    root = _xml(r)
    assert (
        root.tag == "errors"
        and root.findtext("error/code") == "403"
        and "api_key" in root.findtext("error/description")
    )
    r = client.get(f"{BASE}/requests/999999.xml")
    assert r.status_code == 404 and _xml(r).findtext("error/code") == "404"
    assert client.get(f"{BASE}/requests.csv").status_code == 404
    assert Ticket.objects.count() == 1


def test_bbox_narrows_by_coordinates(client, tree, client_key):
    for lat, long in (("30.25", "120.15"), ("39.90", "116.40")):
        r = _post(client, api_key=client_key, service_code="0203", lat=lat, long=long, description="占道")
        assert r.status_code == 200
    hangzhou = Ticket.objects.get(lat=Decimal("30.25"))
    got = client.get(f"{BASE}/requests.json", {"bbox": "120,30,121,31"}).json()
    assert [i["service_request_id"] for i in got] == [str(hangzhou.pk)]
    assert len(client.get(f"{BASE}/requests.json", {"bbox": "100,20,130,45"}).json()) == 2
    for bad in ("1,2,3", "121,30,120,31", "a,b,c,d"):
        r = client.get(f"{BASE}/requests.json", {"bbox": bad})
        assert r.status_code == 400 and "bbox" in r.json()[0]["description"]


def test_post_with_media_keeps_the_photo(client, tree, client_key, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.attachments import attachments_of

    data = {
        "api_key": client_key,
        "service_code": "0203",
        "address_string": "和平路",
        "description": "井盖缺失",
    }
    photo = SimpleUploadedFile("井盖.png", PNG, content_type="image/png")
    r = client.post(f"{BASE}/requests.json", data | {"media": photo})
    assert r.status_code == 200, r.content
    ticket = Ticket.objects.get(pk=r.json()[0]["service_request_id"])
    [att] = attachments_of(ticket)
    assert att.name == "井盖.png"
    [item] = client.get(f"{BASE}/requests/{ticket.pk}.json", {"api_key": client_key}).json()
    assert item["media_url"].endswith(f"/open311/v2/media/{att.pk}")
    url = item["media_url"].removeprefix("http://testserver")
    got = client.get(url, {"api_key": client_key})
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    assert client.get(url).status_code == 403  # no key
    other = make_token(make_user("other-app")).key
    assert client.get(url, {"api_key": other}).status_code == 404  # a key that cannot read the ticket
    assert "media_url" not in client.get(f"{BASE}/requests/{ticket.pk}.json").json()[0]  # anonymous
    # a file that is no photo: refused, nothing written
    bad = SimpleUploadedFile("a.txt", b"hello", content_type="text/plain")
    r = client.post(f"{BASE}/requests.json", data | {"media": bad})
    assert r.status_code == 400 and "media" in r.json()[0]["description"]
    assert Ticket.objects.count() == 1


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = "----fazhi-open311-test"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, ctype) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _http(url: str, body: bytes | None = None, content_type: str = "") -> tuple[int, bytes]:
    req = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type} if content_type else {}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - the test server
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_xml_round_trip_with_media_over_http(live_server, tree, client_key, media):
    """A GeoReport client over real HTTP in XML: a multipart POST with coordinates and a photo, then GET."""
    base = live_server.url + BASE
    fields = {
        "api_key": client_key,
        "service_code": "0203",
        "lat": "30.25",
        "long": "120.15",
        "description": "路灯不亮",
    }
    body, ctype = _multipart(fields, {"media": ("lamp.png", PNG, "image/png")})
    status, content = _http(f"{base}/requests.xml", body, ctype)
    assert status == 200, content
    sid = ET.fromstring(content).findtext("request/service_request_id")  # noqa: S314
    key = urllib.parse.urlencode({"api_key": client_key})
    status, content = _http(f"{base}/requests/{sid}.xml?{key}")
    request = ET.fromstring(content).find("request")  # noqa: S314
    assert (request.findtext("lat"), request.findtext("long")) == ("30.25", "120.15")
    status, content = _http(f"{request.findtext('media_url')}?{key}")
    assert status == 200 and content == PNG
    status, content = _http(f"{base}/requests.xml", urllib.parse.urlencode({"service_code": "0203"}).encode())
    assert status == 403 and ET.fromstring(content).findtext("error/code") == "403"  # noqa: S314
