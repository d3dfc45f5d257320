"""The demo jurisdiction: a fictional prefecture-level city (澜川市) with its counties, a few townships and
their units (单位), the code lists (字典) the case records use, and one user for each role.

Everything here is fictional. The codes start with 99, which GB/T 2260 does not assign to any real
province (real codes run from 11 to 82), so demo data can never be mistaken for, or collide with, a real
jurisdiction's. Used by `fazhi demo`, by the bench generator and by tests.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.core import codelists, numbering
from fazhi.core.choices import OrgKind, Role
from fazhi.core.contract import domain_apps
from fazhi.core.models import DictItem, Membership, Org

# ---------------------------------------------------------------------------------------------------------
# 字典 (admin-editable code lists). Records store the code; pages show the label.

DICT_ENFORCEMENT_FIELD = codelists.ENFORCEMENT_FIELD.key  # 执法领域 (ReconsiderationCase.act_field)
DICT_CHANNEL = codelists.CHANNEL.key  # 申请渠道 (ReconsiderationCase.channel)
DICT_UNIT_TYPE = codelists.UNIT_TYPE.key  # 单位类型 (Org.unit_type)

ENFORCEMENT_FIELDS = [
    ("public_security", "公安"),
    ("natural_resources", "自然资源"),
    ("market", "市场监管"),
    ("hrss", "人社"),
    ("ecology", "生态环境"),
    ("housing", "住建"),
    ("transport", "交通运输"),
    ("urban", "城管"),
    ("health", "卫健"),
    ("agriculture", "农业农村"),
    ("other", "其他"),
]

CHANNELS = [
    ("in_person", "当面递交"),
    ("mail", "邮寄"),
    ("online", "网上申请"),
    ("forwarded", "转送"),
]

UNIT_TYPES = [
    ("office", "政府办事机构"),
    ("component", "政府组成部门"),
    ("direct", "政府直属机构"),
    ("managed", "部门管理机构"),
    ("branch", "派出机构"),
    ("township_body", "乡镇（街道）机构"),
]

DICTIONARIES = {
    DICT_ENFORCEMENT_FIELD: ENFORCEMENT_FIELDS,
    DICT_CHANNEL: CHANNELS,
    DICT_UNIT_TYPE: UNIT_TYPES,
}


@dataclass(frozen=True)
class UnitSpec:
    """A unit every city or county government has. `key` ends its org code and, where the unit enforces
    the law in one 执法领域, equals that field's dictionary code."""

    key: str
    name: str  # after the jurisdiction's name: 澜川市 + 公安局
    short: str  # short name after 市/县/区: 市 + 公安局
    unit_type: str
    field: str = ""  # 执法领域 whose acts it takes


GOVERNMENT_UNITS = [
    UnitSpec("gov_office", "人民政府办公室", "政府办", "office", "other"),
    UnitSpec("justice", "司法局", "司法局", "component"),
    UnitSpec("public_security", "公安局", "公安局", "component", "public_security"),
    UnitSpec("natural_resources", "自然资源局", "自然资源局", "component", "natural_resources"),
    UnitSpec("market", "市场监督管理局", "市场监管局", "direct", "market"),
    UnitSpec("hrss", "人力资源和社会保障局", "人社局", "component", "hrss"),
    UnitSpec("ecology", "生态环境局", "生态环境局", "component", "ecology"),
    UnitSpec("housing", "住房和城乡建设局", "住建局", "component", "housing"),
    UnitSpec("transport", "交通运输局", "交通运输局", "component", "transport"),
    UnitSpec("urban", "城市管理综合执法局", "城管执法局", "managed", "urban"),
    UnitSpec("health", "卫生健康委员会", "卫健委", "component", "health"),
    UnitSpec("agriculture", "农业农村局", "农业农村局", "component", "agriculture"),
]

TOWNSHIP_UNITS = [
    UnitSpec("office", "党政综合办公室", "党政办", "township_body", "other"),
    UnitSpec("enforcement", "综合行政执法队", "综合执法队", "township_body", "urban"),
]


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str
    prefix: str = ""  # 复议案号前缀; only governments at county level and above are 复议机关
    weight: float = 1.0  # share of the city's casework the generator gives it


CITY = Place("990100", "澜川市", OrgKind.CITY, "澜府复", 1.0)
COUNTIES = [
    Place("990102", "澜城区", OrgKind.COUNTY, "澜城府复", 0.9),
    Place("990121", "东岭县", OrgKind.COUNTY, "东府复", 0.7),
    Place("990122", "西桥县", OrgKind.COUNTY, "西府复", 0.6),
    Place("990123", "鹤鸣县", OrgKind.COUNTY, "鹤府复", 0.45),
    Place("990124", "安澜县", OrgKind.COUNTY, "安府复", 0.35),
]
# 乡级: 复议法 第二十四条 makes the county government the 复议机关 for acts of township governments,
# so townships have no case-number prefix of their own.
TOWNSHIPS = {
    "990102": [Place("990102001", "江滨街道", OrgKind.TOWNSHIP)],
    "990121": [
        Place("990121101", "青石镇", OrgKind.TOWNSHIP),
        Place("990121201", "白沙乡", OrgKind.TOWNSHIP),
    ],
    "990122": [Place("990122101", "柳湾镇", OrgKind.TOWNSHIP)],
}

COURT_CODE = "澜"  # the fictional province's abbreviation in court case numbers, e.g. （2025）澜01行初12号
PROVINCE_NAME = "澜江省"


def unit_code(jurisdiction_code: str, key: str) -> str:
    return f"{jurisdiction_code}-{key}"


def _short_prefix(place: Place) -> str:
    """市 for the city, 区/县 for a county: 市公安局, 东岭县公安局 (counties keep their name)."""
    return "市" if place.kind == OrgKind.CITY else place.name


# ---------------------------------------------------------------------------------------------------------
# Users: one per role, plus the office of each county.


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    org_code: str
    title: str
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "系统管理员", Role.ADMIN, CITY.code, "系统管理员", superuser=True),
    DemoUser("fzb", "林晓燕", Role.OFFICE, CITY.code, "市司法局法治督察科（市委依法治市办）"),
    DemoUser("fuyi", "周建华", Role.REVIEWER, CITY.code, "市司法局行政复议科"),
    DemoUser("lingdao", "陈志强", Role.LEADER, CITY.code, "市司法局局长（只读）"),
    DemoUser("scjg", "王丽", Role.CLERK, unit_code(CITY.code, "market"), "市市场监管局法规科"),
    DemoUser("zrzy", "赵磊", Role.CLERK, unit_code(CITY.code, "natural_resources"), "市自然资源局法规科"),
    DemoUser("lcq_fzb", "刘芳", Role.OFFICE, "990102", "澜城区司法局"),
    DemoUser("dlx_fzb", "杨帆", Role.OFFICE, "990121", "东岭县司法局"),
    DemoUser("xqx_fzb", "黄敏", Role.OFFICE, "990122", "西桥县司法局"),
    DemoUser("hmx_fzb", "吴静", Role.OFFICE, "990123", "鹤鸣县司法局"),
    DemoUser("alx_fzb", "孙涛", Role.OFFICE, "990124", "安澜县司法局"),
]
DEMO_USERNAMES = frozenset(u.username for u in DEMO_USERS)


def generate_password() -> str:
    """FAZHI_DEMO_PASSWORD if set, else a fresh random one (no look-alike characters)."""
    fixed = os.environ.get("FAZHI_DEMO_PASSWORD", "").strip()
    if fixed:
        return fixed
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(14))
        # The password rules (AUTH_PASSWORD_VALIDATORS) want letters and digits.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


# ---------------------------------------------------------------------------------------------------------


def _org(
    place_or_code: str,
    name: str,
    kind: str,
    parent: Org | None,
    *,
    short: str = "",
    unit_type: str = "",
    prefix: str = "",
    sort: int = 0,
) -> Org:
    org = Org(
        code=place_or_code,
        name=name,
        short_name=short,
        kind=kind,
        unit_type=unit_type,
        parent=parent,
        sort=sort,
    )
    org.full_clean(exclude=["path"])
    org.save()
    if prefix:
        # The government's number prefix (案号规则: 澜府复 for 复议), each app's with its own suffix after the
        # government's short form (澜府合审, 澜府规, 澜府调 …), as real offices number them.
        base = prefix.removesuffix("复")
        for cfg in domain_apps():
            if cfg.number_suffix:
                numbering.set_prefix(org, cfg.label, base + cfg.number_suffix)
    return org


def load_dictionaries() -> int:
    n = 0
    for category, items in DICTIONARIES.items():
        for sort, (code, label) in enumerate(items, start=1):
            _, created = DictItem.objects.update_or_create(
                category=category, code=code, defaults={"label": label, "sort": sort * 10, "is_active": True}
            )
            n += created
    from fazhi.core.codelists import seed_defaults

    return n + seed_defaults()  # the apps' own lists (12345诉求分类 …) with their default entries


def _add_units(jurisdiction: Org, place: Place, specs: list[UnitSpec]) -> None:
    short_prefix = _short_prefix(place) if place.kind != OrgKind.TOWNSHIP else place.name
    for sort, spec in enumerate(specs, start=1):
        unit_type = spec.unit_type
        if place.kind == OrgKind.COUNTY and spec.key == "ecology":
            unit_type = "branch"  # 县级生态环境部门 are 分局 of the city's bureau (垂直管理改革)
        _org(
            unit_code(place.code, spec.key),
            place.name + spec.name,
            OrgKind.UNIT,
            jurisdiction,
            short=short_prefix + spec.short,
            unit_type=unit_type,
            sort=sort * 10,
        )


@transaction.atomic
def load_org_tree() -> Org:
    """Create the demo city with its counties, townships and units; returns the city. The caller checks
    the database has no orgs yet (codes are unique, so a second load fails loudly)."""
    load_dictionaries()
    city = _org(CITY.code, CITY.name, CITY.kind, None, short=CITY.name, prefix=CITY.prefix)
    _add_units(city, CITY, GOVERNMENT_UNITS)
    for i, place in enumerate(COUNTIES, start=1):
        county = _org(
            place.code, place.name, place.kind, city, short=place.name, prefix=place.prefix, sort=100 + i
        )
        _add_units(county, place, GOVERNMENT_UNITS)
        for j, tp in enumerate(TOWNSHIPS.get(place.code, []), start=1):
            township = _org(tp.code, tp.name, tp.kind, county, short=tp.name, sort=200 + j)
            _add_units(township, tp, TOWNSHIP_UNITS)
    return city


@transaction.atomic
def create_users(password: str) -> list[tuple[DemoUser, object]]:
    """Create (or refresh the password of) every demo user with the membership of its role."""
    User = get_user_model()
    out = []
    orgs = {o.code: o for o in Org.objects.filter(code__in={u.org_code for u in DEMO_USERS})}
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=spec.username)
        user.first_name = spec.full_name
        user.last_name = ""
        user.email = f"{spec.username}@demo.invalid"
        user.is_superuser = spec.superuser
        user.is_staff = spec.superuser or spec.role == Role.ADMIN
        user.is_active = True
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, org=orgs[spec.org_code], role=spec.role)
        out.append((spec, user))
    return out


def reset_passwords(password: str) -> int:
    """Give every existing demo user `password`; returns how many there were."""
    User = get_user_model()
    users = list(User.objects.filter(username__in=DEMO_USERNAMES))
    for user in users:
        user.set_password(password)
        user.save(update_fields=["password"])
    return len(users)


def demo_users_table() -> list[tuple[str, str, str, str]]:
    """(user name, name, role, org) rows for printing."""
    orgs = dict(Org.objects.filter(code__in={u.org_code for u in DEMO_USERS}).values_list("code", "name"))
    return [
        (u.username, u.full_name, Role(u.role).label, orgs.get(u.org_code, u.org_code)) for u in DEMO_USERS
    ]
