"""Atom feeds of a jurisdiction's portal (django.contrib.syndication): one per section, one of everything."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .sections import all_sections, section
from .views import portal_org

ITEMS = 30


class SectionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, org_code: str, key: str | None = None):
        org = portal_org(org_code)
        if key is None:
            return org, None
        s = section(key)
        if s.entries is None:
            raise Http404("该栏目没有订阅")
        return org, s

    def title(self, obj):
        org, s = obj
        return f"{org.name}法治政府建设信息公开" + (f" · {s.title}" if s else "")

    def link(self, obj):
        org, s = obj
        return s.url(org) if s else f"/gk/{org.code}/"

    def subtitle(self, obj):
        org, s = obj
        return s.intro if s else f"{org.name}公开的年度报告、规范性文件、重大行政决策和执法公示"

    def items(self, obj):
        org, s = obj
        sections = [s] if s else [x for x in all_sections() if x.entries is not None]
        entries = [e for x in sections for e in x.entries(org)]  # type: ignore[misc]
        return sorted(entries, key=lambda e: (e.on is not None, e.on), reverse=True)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.on, time(9))) if item.on else None
