from django.db import models


class PublicPost(models.Model):
    """One form posted on the portal by an anonymous visitor: the address (hashed, never shown) and when, so that a
    flood from one address is throttled across all server processes (fazhi.portal.throttle)."""

    address = models.CharField("来源地址摘要", max_length=64, db_index=True)
    section = models.CharField("栏目", max_length=40)
    at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "门户表单提交"
        verbose_name_plural = "门户表单提交"
        indexes = [models.Index(fields=["address", "at"], name="portal_post_address_at")]

    def __str__(self) -> str:
        return f"{self.section} {self.at:%Y-%m-%d %H:%M}"


class SearchEntry(models.Model):
    """One entry of a portal's search index: what a section's `entries(org)` (core/public.py) gives for the
    jurisdiction `org`, kept in the database (fazhi.portal.search) instead of being re-read on every search.
    `doc` is the searched text (title, summary and text, lower-cased); migration 0002 indexes it: an FTS5 trigram
    table kept by triggers on SQLite (a later migration that rebuilds this table must re-create them), a pg_trgm
    GIN index on PostgreSQL. `grams` serves the terms of one or two characters on SQLite (migration 0003); on
    PostgreSQL a `search_grams` column that a trigger sets from `doc` does (migration 0004, fazhi.core.grams)."""

    org = models.ForeignKey("core.Org", verbose_name="门户", on_delete=models.CASCADE, related_name="+")
    section = models.CharField("栏目", max_length=40)
    url = models.CharField("地址", max_length=400)
    title = models.TextField("标题")
    on = models.DateField("日期", null=True)
    summary = models.TextField("摘要", blank=True)
    text = models.TextField("正文", blank=True)
    doc = models.TextField("检索文本", blank=True)
    digest = models.CharField(
        "内容摘要值", max_length=40, blank=True
    )  # of the fields above: what a refresh compares
    # the distinct one- and two-character pieces of `doc` ("澜 川 澜川 …"), indexed for terms too short for
    # trigrams (fazhi.portal.search.grams_of); null on PostgreSQL, which does not read it, and on SQLite only on
    # rows written before migration 0003 filled it
    grams = models.TextField("短词索引", blank=True, null=True)  # noqa: DJ001  # added, then filled

    class Meta:
        verbose_name = "门户检索条目"
        verbose_name_plural = "门户检索条目"
        constraints = [
            models.UniqueConstraint(fields=["org", "section", "url"], name="portal_search_unique_url")
        ]

    def __str__(self) -> str:
        return self.title


class IndexedSection(models.Model):
    """How current one section of one portal's search index is: the section's change stamp it was built at and the
    day (entries may depend on the date)."""

    org = models.ForeignKey("core.Org", verbose_name="门户", on_delete=models.CASCADE, related_name="+")
    section = models.CharField("栏目", max_length=40)
    stamp = models.BigIntegerField("变更序号", default=-1)
    day = models.DateField("索引日期", null=True)

    class Meta:
        verbose_name = "门户检索栏目状态"
        verbose_name_plural = "门户检索栏目状态"
        constraints = [
            models.UniqueConstraint(fields=["org", "section"], name="portal_indexed_unique_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} @{self.stamp}"


class SectionStamp(models.Model):
    """A section's change counter: raised after each committed transaction that saved or deleted one of the models
    the section names in `changes_with`, so that every process's next search refreshes that section."""

    section = models.CharField("栏目", max_length=40, unique=True)
    stamp = models.BigIntegerField("变更序号", default=0)

    class Meta:
        verbose_name = "门户栏目变更序号"
        verbose_name_plural = "门户栏目变更序号"

    def __str__(self) -> str:
        return f"{self.section} #{self.stamp}"
