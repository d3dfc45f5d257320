"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the 12345 tickets, at /open311/v2/, in both
of the spec's formats: every endpoint answers `.json` and `.xml` (the spec's element names: <services><service>,
<service_requests><request>, errors as <errors><error><code/><description/></error></errors>).

* `services.json`: the 12345诉求分类 dictionary (service_code = 分类编码), each a realtime service without metadata.
* `requests.json` GET: tickets by service_request_id, service_code, start_date/end_date (ISO 8601 date-times) and
  status (open, closed), newest first; without these filters the last 90 days, at most 1000 requests. POST with an
  `api_key` (an API 令牌 issued on the 令牌管理 page to the client's account, which holds 办理12345热线工单 in the
  jurisdiction) takes the request through the hotline service as a ticket of the 手机客户端 channel, dated today.
* `requests/{service_request_id}.json`, `tokens/{token}.json` (the token is the ticket's 工单编号).
* Coordinates: `lat`/`long` (WGS84) of a POST are stored on the ticket and returned by GET; `bbox` (min_long,
  min_lat,max_long,max_lat, the OGC order) narrows requests.json to a box. Media: a POST may carry a photo as the
  multipart field `media` (jpg or png, checked like every upload), kept as the ticket's attachment (附件); GET
  gives its `media_url`, served at `media/{id}` to a key whose user may read the ticket.

status: the spec's two values: `closed` for a ticket 办结 or merged into another (并单), `open` otherwise.
Without a key, GET shows no personal data and no text of the citizen: the service, status, dates and the unit
(agency_responsible). With a key, requests the key's user may read also show the description, the address and
the reply (status_notes), with phone and ID numbers masked (core.personal). Errors are the spec's list of
{"code", "description"} with the HTTP status; nothing is written on an error."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # noqa: S405 - writes XML; nothing is parsed
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from fazhi.core.attachments import attach, check_file
from fazhi.core.models import Attachment, Org
from fazhi.core.permissions import orgs_with
from fazhi.core.personal import mask
from fazhi.core.services import user_for_key
from fazhi.core.web import error_text

from . import selectors, services
from .choices import Channel, Status
from .models import Ticket

CLOSED = (Status.CLOSED, Status.MERGED)
DEFAULT_DAYS = 90
MAX_RESULTS = 1000
MEDIA_TYPES = (".jpg", ".jpeg", ".png")  # a photo of the place (the spec's media)


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


XML = "text/xml; charset=utf-8"


def _xml_value(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, bool):
        child.text = "true" if value else "false"
    elif value is not None:
        child.text = str(value)


def _xml(data: list[dict[str, Any]], root: str, item: str) -> bytes:
    """The spec's XML: <root><item><field>value</field>…</item>…</root> (None an empty element)."""
    top = ET.Element(root)
    for row in data:
        element = ET.SubElement(top, item)
        for name, value in row.items():
            _xml_value(element, name, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")


def _render(data: Any, fmt: str, *, root: str, item: str, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(_xml(data, root, item), content_type=XML, status=status)
    return JsonResponse(data, safe=False, status=status)


def _errors(status: int, description: str, fmt: str = "json") -> HttpResponse:
    return _render(
        [{"code": status, "description": description}], fmt, root="errors", item="error", status=status
    )


def _endpoint(*methods: str, root: str = "service_requests", item: str = "request") -> Callable:
    """A GeoReport view: only `methods`, JSON or XML out (the URL's `fmt`), every refusal in the spec's error shape
    of that format."""

    def wrap(view: Callable) -> Callable:
        @csrf_exempt  # a machine client with an api_key, not a browser session
        def run(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = _errors(405, f"不支持 {request.method} 请求，可用：{'、'.join(methods)}", fmt)
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return _render(view(request, *args, **kwargs), fmt, root=root, item=item)
            except Open311Error as exc:
                return _errors(exc.status, exc.description, fmt)
            except PermissionDenied as exc:
                return _errors(403, str(exc) or "无权进行此操作", fmt)
            except ValidationError as exc:
                return _errors(400, error_text(exc), fmt)

        run.__name__ = view.__name__
        return run

    return wrap


# -- parameters -----------------------------------------------------------------------------------------------------
def _params(request: HttpRequest) -> dict[str, str]:
    """GET parameters, or a POST's form fields (the spec's encoding) or JSON object."""
    if request.method != "POST":
        return request.GET.dict()
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            raise Open311Error(400, "请求正文不是有效的 JSON") from None
        if not isinstance(body, dict):
            raise Open311Error(400, "请求正文应为 JSON 对象")
        return {k: "" if v is None else str(v) for k, v in body.items()}
    return request.POST.dict()


def _when(name: str, value: str) -> datetime:
    """An ISO 8601 date-time (a bare date is its midnight), in the server's time zone when none is given."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(
            400, f"参数 {name} 应为 ISO 8601 日期时间（如 2025-10-09T08:00:00+08:00）"
        ) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _user(params: dict[str, str]):
    """The api_key's user, None without a key; a key given but invalid, expired or revoked is refused."""
    key = params.get("api_key", "").strip()
    if not key:
        return None
    user = user_for_key(key)
    if user is None:
        raise Open311Error(403, "api_key 无效、已过期或已吊销")
    return user


def _jurisdiction(user, code: str) -> Org:
    """The jurisdiction a request is filed with: `jurisdiction_id` (its org code), else the only one where the
    key's user may take 12345 requests."""
    handled = orgs_with(user, "hotline.handle")
    if not handled.exists():
        raise Open311Error(403, "该 api_key 所属用户无权受理12345诉求（需“办理12345热线工单”权限）")
    if code:
        org = Org.objects.filter(code=code.strip()).first()
        if org is None:
            raise Open311Error(404, f"jurisdiction_id「{code}」不存在")
        return org.jurisdiction()
    places = {o.jurisdiction().pk: o.jurisdiction() for o in handled}
    if len(places) != 1:
        raise Open311Error(400, "请填写 jurisdiction_id（受理热线所属行政区划的机构代码）")
    return next(iter(places.values()))


# -- representation -------------------------------------------------------------------------------------------------
def _at(day: date | None) -> str | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time())).isoformat()


def _coordinate(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _represent(
    t: Ticket, categories: dict[str, str], *, detailed: bool, media_url: str = ""
) -> dict[str, Any]:
    status = "closed" if t.status in CLOSED else "open"
    steps = [d for d in (t.received_on, t.dispatched_on, t.signed_on, t.replied_on, t.closed_on) if d]
    item: dict[str, Any] = {
        "service_request_id": str(t.pk),
        "token": t.number,
        "status": status,
        "service_code": t.category,
        "service_name": categories.get(t.category, t.category),
        "agency_responsible": t.unit.name if t.unit_id else "",
        "service_notice": "",
        "requested_datetime": timezone.localtime(t.created_at).isoformat()
        if timezone.localtime(t.created_at).date() == t.received_on
        else _at(t.received_on),
        "updated_datetime": _at(max(steps)),
        "expected_datetime": _at(t.due_on) if status == "open" else None,
    }
    if detailed:
        notes = t.reply if status == "closed" else t.get_status_display()
        if t.status == Status.MERGED and t.merged_into_id:
            notes = f"已并入工单 {t.merged_into.number}"
        item |= {
            "status_notes": mask(notes),
            "description": mask(t.content),
            "address": mask(t.location),
            "address_id": "",
            "zipcode": "",
            "lat": _coordinate(t.lat),
            "long": _coordinate(t.long),
            "media_url": media_url,
        }
    return item


def _media(request: HttpRequest, ticket_ids: list[int]) -> dict[int, str]:
    """The URL of each ticket's first photo (an image attachment), for the tickets the key's user may read."""
    if not ticket_ids:
        return {}
    photos = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id__in=ticket_ids
    ).order_by("id")
    found: dict[int, str] = {}
    for pk, object_id, name in photos.values_list("pk", "object_id", "name"):
        if object_id not in found and PurePath(name).suffix.lower() in MEDIA_TYPES:
            found[object_id] = request.build_absolute_uri(reverse("open311-media", args=[pk]))
    return found


def _rows(request: HttpRequest, qs: QuerySet[Ticket] | list[Ticket], user) -> list[dict[str, Any]]:
    """The requests, detailed for those the key's user may read."""
    tickets = list(qs)
    categories = selectors.categories()
    readable: set[int] = set()
    if user is not None and tickets:
        found = selectors.visible_cases(user).filter(pk__in=[t.pk for t in tickets])
        readable = set(found.values_list("pk", flat=True))
    media = _media(request, sorted(readable))
    return [
        _represent(t, categories, detailed=t.pk in readable, media_url=media.get(t.pk, "")) for t in tickets
    ]


def _bbox(value: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """`bbox=min_long,min_lat,max_long,max_lat` (WGS84, the OGC order)."""
    parts = value.split(",")
    try:
        box = tuple(Decimal(p.strip()) for p in parts)
    except InvalidOperation:
        box = ()
    if len(box) != 4 or not all(b.is_finite() for b in box):
        raise Open311Error(400, "bbox 应为 最小经度,最小纬度,最大经度,最大纬度 四个数字（WGS84）")
    min_long, min_lat, max_long, max_lat = box
    if min_long > max_long or min_lat > max_lat:
        raise Open311Error(400, "bbox 的最小经纬度不能大于最大经纬度")
    return min_long, min_lat, max_long, max_lat


def _base() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("unit", "merged_into").order_by("-received_on", "-id")


# -- endpoints ------------------------------------------------------------------------------------------------------
@_endpoint("GET", root="services", item="service")
def services_view(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "service_code": code,
            "service_name": label,
            "description": f"12345诉求分类：{label}",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "12345热线",
        }
        for code, label in _active_categories().items()
    ]


def _active_categories() -> dict[str, str]:
    """The 诉求分类 a request may be filed under (the dictionary's enabled entries)."""
    from fazhi.core.models import DictItem

    from .choices import CATEGORY_DICT

    items = DictItem.objects.filter(category=CATEGORY_DICT, is_active=True).order_by("sort", "code")
    return dict(items.values_list("code", "label"))


@_endpoint("GET", root="service_definition", item="attribute")
def service_definition_view(request: HttpRequest, code: str) -> Any:
    if code not in _active_categories():
        raise Open311Error(404, f"service_code「{code}」不存在")
    raise Open311Error(404, f"service_code「{code}」没有附加属性定义（metadata 为 false）")


@_endpoint("GET", "POST")
def requests_view(request: HttpRequest) -> list[dict[str, Any]]:
    params = _params(request)
    user = _user(params)
    if request.method == "POST":
        return [_create(user, params, request.FILES.get("media"))]
    qs = _base()
    ids = _list(params.get("service_request_id", ""))
    if ids:
        if not all(i.isdigit() and len(i) <= 18 for i in ids):
            raise Open311Error(400, "service_request_id 应为以逗号分隔的数字编号")
        return _rows(request, qs.filter(pk__in=ids)[:MAX_RESULTS], user)
    if params.get("bbox"):
        min_long, min_lat, max_long, max_lat = _bbox(params["bbox"])
        qs = qs.filter(lat__gte=min_lat, lat__lte=max_lat, long__gte=min_long, long__lte=max_long)
    codes = _list(params.get("service_code", ""))
    if codes:
        qs = qs.filter(category__in=codes)
    statuses = _list(params.get("status", ""))
    unknown = set(statuses) - {"open", "closed"}
    if unknown:
        raise Open311Error(400, f"status 只能是 open 或 closed，收到：{'、'.join(sorted(unknown))}")
    if set(statuses) == {"closed"}:
        qs = qs.filter(status__in=CLOSED)
    elif set(statuses) == {"open"}:
        qs = qs.exclude(status__in=CLOSED)
    end = _when("end_date", params["end_date"]) if params.get("end_date") else None
    start = _when("start_date", params["start_date"]) if params.get("start_date") else None
    if start is None:
        start = (end or timezone.now()) - timedelta(days=DEFAULT_DAYS)
    if end is not None and end < start:
        raise Open311Error(400, "end_date 不能早于 start_date")
    qs = qs.filter(received_on__gte=timezone.localtime(start).date())
    if end is not None:
        qs = qs.filter(received_on__lte=timezone.localtime(end).date())
    if params.get("jurisdiction_id"):
        org = Org.objects.filter(code=params["jurisdiction_id"].strip()).first()
        if org is None:
            raise Open311Error(404, f"jurisdiction_id「{params['jurisdiction_id']}」不存在")
        qs = qs.filter(org=org.jurisdiction())
    return _rows(request, qs[:MAX_RESULTS], user)


def _create(user, params: dict[str, str], media: UploadedFile | None) -> dict[str, Any]:
    if user is None:
        raise Open311Error(403, "提交诉求须提供有效的 api_key")
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "缺少 service_code（诉求分类编码）")
    if code not in _active_categories():
        raise Open311Error(400, f"service_code「{code}」不是有效的诉求分类编码")
    address = params.get("address_string", "").strip() or params.get("address_id", "").strip()
    lat, lng = params.get("lat", "").strip(), params.get("long", "").strip()
    la = lo = None
    if lat or lng:
        try:
            la, lo = (Decimal(v).quantize(Decimal("0.000001")) for v in (lat, lng))
        except (InvalidOperation, ValueError):
            raise Open311Error(400, "lat 和 long 应同时填写，且为数字（WGS84 坐标）") from None
        if not (la.is_finite() and lo.is_finite() and -90 <= la <= 90 and -180 <= lo <= 180):
            raise Open311Error(400, "lat 应在 -90 至 90 之间，long 应在 -180 至 180 之间")
        if not address:
            address = f"坐标 {la:.6f}, {lo:.6f}"
    if not address:
        raise Open311Error(400, "须提供位置：lat 与 long，或 address_string，或 address_id")
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, "缺少 description（诉求内容）")
    caller = (params.get("last_name", "").strip() + params.get("first_name", "").strip()) or "匿名"
    if media is not None:
        if PurePath(media.name or "").suffix.lower() not in MEDIA_TYPES:
            raise Open311Error(400, f"media 只接受照片（{'、'.join(MEDIA_TYPES)}）")
        check_file(media.name or "", media.size or 0)  # the size limit of every upload
    org = _jurisdiction(user, params.get("jurisdiction_id", ""))
    with transaction.atomic():  # the ticket and its photo, or nothing
        ticket = services.receive_ticket(
            actor=user,
            org=org,
            caller=caller[:60],
            phone=params.get("phone", "").strip()[:30],
            location=address[:200],
            lat=la,
            long=lo,
            category=code,
            content=description,
            received_on=timezone.localdate(),
            channel=Channel.APP,
        )
        if media is not None:
            attach(actor=user, record=ticket, upload=media)
    return {
        "service_request_id": str(ticket.pk),
        "token": ticket.number,
        "service_notice": f"已受理，工单编号 {ticket.number}",
        "account_id": params.get("account_id", ""),
    }


@_endpoint("GET")
def request_view(request: HttpRequest, pk: str) -> list[dict[str, Any]]:
    user = _user(_params(request))
    ticket = _base().filter(pk=pk).first() if pk.isdigit() and len(pk) <= 18 else None
    if ticket is None:
        raise Open311Error(404, f"service_request_id「{pk}」不存在")
    return _rows(request, [ticket], user)


@csrf_exempt
def media_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A ticket's photo (its media_url), to a key whose user may read the ticket; errors in the JSON shape."""
    if request.method != "GET":
        return _errors(405, f"不支持 {request.method} 请求，可用：GET")
    try:
        user = _user(_params(request))
    except Open311Error as exc:
        return _errors(exc.status, exc.description)
    if user is None:
        return _errors(403, "查看附件须提供有效的 api_key")
    photo = Attachment.objects.filter(pk=pk, content_type=ContentType.objects.get_for_model(Ticket)).first()
    if photo is None or not selectors.visible_cases(user).filter(pk=photo.object_id).exists():
        return _errors(404, f"media「{pk}」不存在")
    return FileResponse(photo.file.open("rb"), filename=photo.name)


@_endpoint("GET")
def token_view(request: HttpRequest, token: str) -> list[dict[str, str]]:
    params = _params(request)
    tickets = Ticket.objects.filter(number=token)
    if params.get("jurisdiction_id"):
        tickets = tickets.filter(Q(org__code=params["jurisdiction_id"].strip()))
    found = list(tickets.values_list("pk", flat=True)[:2])
    if not found:
        raise Open311Error(404, f"token「{token}」不存在")
    if len(found) > 1:
        raise Open311Error(400, "该 token 对应多个热线的工单，请同时提供 jurisdiction_id")
    return [{"service_request_id": str(found[0]), "token": token}]


FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    re_path(r"^services" + FMT, services_view, name="open311-services"),
    re_path(r"^services/(?P<code>[^/]+?)" + FMT, service_definition_view, name="open311-service"),
    re_path(r"^requests" + FMT, requests_view, name="open311-requests"),
    re_path(r"^requests/(?P<pk>[^/]+?)" + FMT, request_view, name="open311-request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FMT, token_view, name="open311-token"),
    path("media/<int:pk>", media_view, name="open311-media"),
]
