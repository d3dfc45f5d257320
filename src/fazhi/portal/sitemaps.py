"""The sitemap of every jurisdiction's portal (django.contrib.sitemaps): home, sections and every public item."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .sections import all_sections
from .views import portal_orgs


class PortalSitemap(Sitemap):
    limit = 5000

    def items(self):
        out = []
        for org in portal_orgs():
            out.append((f"/gk/{org.code}/", None))
            for s in all_sections():
                out.append((s.url(org), None))
                if s.entries is not None:
                    out += [(e.url, e.on) for e in s.entries(org)]
        return out

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]
