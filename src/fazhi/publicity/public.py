"""法治文化阵地 and 民主法治示范村（社区） on the jurisdiction's public portal (core/public.py): the sites in use and the
villages whose name stands in its subtree, and how many 法律明白人 each 乡镇（街道） has — counts only, never a
person (the register holds names and phones)."""

from __future__ import annotations

from fazhi.core.public import PublicEntry, PublicSection, section_url

from . import selectors

KEY = "pufa"


def entries(org):
    url = section_url(org, KEY)
    sites = [
        PublicEntry(
            title=s.name,
            url=f"{url}#site-{s.pk}",
            on=s.built_on,
            summary=f"{s.get_kind_display()}　{s.township or ''}{s.location}",
            text=f"{s.name} {s.get_kind_display()} {s.township} {s.location} {s.unit.name}",
        )
        for s in selectors.public_sites(org)
    ]
    villages = [
        PublicEntry(
            title=f"{v.get_level_display()}民主法治示范村（社区）：{v.village}",
            url=f"{url}#village-{v.pk}",
            on=v.named_on,
            summary=f"{v.township}{v.village}　{v.batch}".strip(),
            text=f"{v.village} {v.township} {v.batch}",
        )
        for v in selectors.public_villages(org)
    ]
    return sorted([*sites, *villages], key=lambda e: e.on, reverse=True)


def page(request, org):
    literates = selectors.literate_counts(org)
    return {
        "sites": selectors.public_sites(org),
        "villages": selectors.public_villages(org),
        "literates": literates,
        "literates_total": sum(r["n"] for r in literates),
    }


SECTION = PublicSection(
    key=KEY,
    title="法治文化阵地和示范村",
    order=55,
    intro="本地建成的法治文化阵地、获评的民主法治示范村（社区）和各乡镇（街道）“法律明白人”人数。",
    entries=entries,
    page=page,
    template="publicity/portal/list.html",
    changes_with=("publicity.CultureSite", "publicity.ModelVillage"),
)
