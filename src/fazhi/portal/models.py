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
