"""普法 on the permission ladder (tests/ladder.py)."""

from __future__ import annotations

from datetime import date

from fazhi.publicity import services
from fazhi.publicity.models import Activity
from tests.ladder import Action, Ladder


def record(tree, office):
    return services.register_activity(
        actor=office,
        unit=tree.unit_a,
        kind="outreach",
        title="食品安全法宣传进社区",
        held_on=date(2025, 9, 16),
        place="社区服务中心",
        audience=120,
    )


LADDER = Ladder(
    app="publicity",
    record=record,
    model=Activity,
    pages=(
        "/publicity/",
        "/publicity/new/",
        "/publicity/duties/",
        "/publicity/sites/",
        "/publicity/villages/",
        "/publicity/literates/",
    ),
    write_pages=(
        "/import/publicity/",
        "/import/publicity_sites/",
        "/import/publicity_villages/",
        "/import/publicity_literates/",
    ),
    detail="/publicity/{pk}/",
    api_list="/api/publicity/cases",
    api_detail="/api/publicity/cases/{pk}",
    action=Action(
        page="/publicity/{pk}/action/media/",
        api="/api/publicity/cases/{pk}/actions/media",
        data={"links": "https://www.example.gov.cn/a.html"},
        done=lambda a: a.media_links == ["https://www.example.gov.cn/a.html"],
    ),
    writes={"clerk_a": ("done", 200)},
)
