"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the 12345 tickets, at /open311/v2/, JSON.

* `services.json`: the 12345诉求分类 dictionary (service_code = 分类编码), each a realtime service without metadata.
* `requests.json` GET: tickets by service_request_id, service_code, start_date/end_date (ISO 8601 date-times) and
  status (open, closed), newest first; without these filters the last 90 days, at most 1000 requests. POST with an
  `api_key` (an API 令牌 issued on the 令牌管理 page to the client's account, which holds 办理12345热线工单 in the
  jurisdiction) takes the request through the hotline service as a ticket of the 手机客户端 channel, dated today.
* `requests/{service_request_id}.json`, `tokens/{token}.json` (the token is the ticket's 工单编号).

status: the spec's two values: `closed` for a ticket 办结 or merged into another (并单), `open` otherwise.
Without a key, GET shows no personal data and no text of the citizen: the service, status, dates and the unit
(agency_responsible). With a key, requests the key's user may read also show the description, the address and
the reply (status_notes), with phone and ID numbers masked (core.personal). Errors are the spec's list of
{"code", "description"} with the HTTP status; nothing is written on an error."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from fazhi.core.models import Org
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


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _errors(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _endpoint(*methods: str) -> Callable:
    """A GeoReport view: only `methods`, JSON out, every refusal in the spec's error shape."""

    def wrap(view: Callable) -> Callable:
        @csrf_exempt  # a machine client with an api_key, not a browser session
        def run(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if request.method not in methods:
                response = _errors(405, f"不支持 {request.method} 请求，可用：{'、'.join(methods)}")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return JsonResponse(view(request, *args, **kwargs), safe=False)
            except Open311Error as exc:
                return _errors(exc.status, exc.description)
            except PermissionDenied as exc:
                return _errors(403, str(exc) or "无权进行此操作")
            except ValidationError as exc:
                return _errors(400, error_text(exc))

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


def _represent(t: Ticket, categories: dict[str, str], *, detailed: bool) -> dict[str, Any]:
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
            "lat": None,
            "long": None,
            "media_url": "",
        }
    return item


def _rows(qs: QuerySet[Ticket] | list[Ticket], user) -> list[dict[str, Any]]:
    """The requests, detailed for those the key's user may read."""
    tickets = list(qs)
    categories = selectors.categories()
    readable: set[int] = set()
    if user is not None and tickets:
        found = selectors.visible_cases(user).filter(pk__in=[t.pk for t in tickets])
        readable = set(found.values_list("pk", flat=True))
    return [_represent(t, categories, detailed=t.pk in readable) for t in tickets]


def _base() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("unit", "merged_into").order_by("-received_on", "-id")


# -- endpoints ------------------------------------------------------------------------------------------------------
@_endpoint("GET")
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


@_endpoint("GET")
def service_definition_view(request: HttpRequest, code: str) -> Any:
    if code not in _active_categories():
        raise Open311Error(404, f"service_code「{code}」不存在")
    raise Open311Error(404, f"service_code「{code}」没有附加属性定义（metadata 为 false）")


@_endpoint("GET", "POST")
def requests_view(request: HttpRequest) -> list[dict[str, Any]]:
    params = _params(request)
    user = _user(params)
    if request.method == "POST":
        return [_create(user, params)]
    qs = _base()
    ids = _list(params.get("service_request_id", ""))
    if ids:
        if not all(i.isdigit() and len(i) <= 18 for i in ids):
            raise Open311Error(400, "service_request_id 应为以逗号分隔的数字编号")
        return _rows(qs.filter(pk__in=ids)[:MAX_RESULTS], user)
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
    return _rows(qs[:MAX_RESULTS], user)


def _create(user, params: dict[str, str]) -> dict[str, Any]:
    if user is None:
        raise Open311Error(403, "提交诉求须提供有效的 api_key")
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "缺少 service_code（诉求分类编码）")
    if code not in _active_categories():
        raise Open311Error(400, f"service_code「{code}」不是有效的诉求分类编码")
    address = params.get("address_string", "").strip() or params.get("address_id", "").strip()
    lat, lng = params.get("lat", "").strip(), params.get("long", "").strip()
    if lat or lng:
        try:
            la, lo = float(lat), float(lng)
        except ValueError:
            raise Open311Error(400, "lat 和 long 应同时填写，且为数字（WGS84 坐标）") from None
        if not (-90 <= la <= 90 and -180 <= lo <= 180):
            raise Open311Error(400, "lat 应在 -90 至 90 之间，long 应在 -180 至 180 之间")
        address = f"{address}（{la:.6f}, {lo:.6f}）" if address else f"坐标 {la:.6f}, {lo:.6f}"
    if not address:
        raise Open311Error(400, "须提供位置：lat 与 long，或 address_string，或 address_id")
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, "缺少 description（诉求内容）")
    caller = (params.get("last_name", "").strip() + params.get("first_name", "").strip()) or "匿名"
    org = _jurisdiction(user, params.get("jurisdiction_id", ""))
    ticket = services.receive_ticket(
        actor=user,
        org=org,
        caller=caller[:60],
        phone=params.get("phone", "").strip()[:30],
        location=address[:200],
        category=code,
        content=description,
        received_on=timezone.localdate(),
        channel=Channel.APP,
    )
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
    return _rows([ticket], user)


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


urlpatterns = [
    path("services.json", services_view, name="open311-services"),
    path("services/<str:code>.json", service_definition_view, name="open311-service"),
    path("requests.json", requests_view, name="open311-requests"),
    path("requests/<str:pk>.json", request_view, name="open311-request"),
    path("tokens/<str:token>.json", token_view, name="open311-token"),
]
