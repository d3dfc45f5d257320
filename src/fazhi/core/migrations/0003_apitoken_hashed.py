import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# Kept here (not imported from core.services) so the migration does not change when the service does.
LOOKUP_CHARS = 12
DAYS = 90


def hash_existing_keys(apps, schema_editor):
    """Tokens saved with an empty key (the admin's bug) are deleted: they were never secret. Other keys are
    hashed and keep working, expiring 90 days from now; the plain text is then dropped."""
    import hashlib
    from datetime import timedelta

    from django.utils import timezone

    ApiToken = apps.get_model("core", "ApiToken")
    ApiToken.objects.filter(key__regex=r"^\s*$").delete()
    expires = timezone.now() + timedelta(days=DAYS)
    for token in ApiToken.objects.all():
        token.prefix = token.key[:LOOKUP_CHARS]
        token.key_hash = hashlib.sha256(token.key.encode("utf-8")).hexdigest()
        token.expires_at = expires
        token.name = token.name or "迁移前创建的令牌"
        token.save(update_fields=["prefix", "key_hash", "expires_at", "name"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_importjob"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalApiToken",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=100, verbose_name="用途")),
                (
                    "prefix",
                    models.CharField(db_index=True, editable=False, max_length=16, verbose_name="令牌前缀"),
                ),
                (
                    "key_hash",
                    models.CharField(db_index=True, editable=False, max_length=64, verbose_name="令牌摘要"),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("expires_at", models.DateTimeField(verbose_name="有效期至")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="吊销时间")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical API 令牌",
                "verbose_name_plural": "historical API 令牌",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PasswordState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("must_change", models.BooleanField(default=False, verbose_name="须修改密码")),
                ("changed_at", models.DateTimeField(blank=True, null=True, verbose_name="密码修改时间")),
            ],
            options={
                "verbose_name": "密码状态",
                "verbose_name_plural": "密码状态",
            },
        ),
        migrations.AlterModelOptions(
            name="apitoken",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "API 令牌",
                "verbose_name_plural": "API 令牌",
            },
        ),
        # Plain-text keys cannot stay: add the hashed columns, hash every non-empty key, delete empty ones.
        migrations.AddField(
            model_name="apitoken",
            name="prefix",
            field=models.CharField(
                db_index=True, default="", editable=False, max_length=16, verbose_name="令牌前缀"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="令牌摘要"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="有效期至"),
        ),
        migrations.RunPython(hash_existing_keys, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="apitoken",
            name="key",
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="令牌摘要"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="有效期至"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="创建人",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="吊销时间"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="创建时间"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="last_used_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="最近使用"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="name",
            field=models.CharField(max_length=100, verbose_name="用途"),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="api_tokens",
                to=settings.AUTH_USER_MODEL,
                verbose_name="所属用户",
            ),
        ),
        migrations.AddConstraint(
            model_name="apitoken",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("key_hash", ""), _negated=True), models.Q(("prefix", ""), _negated=True)
                ),
                name="core_apitoken_key_not_empty",
            ),
        ),
        migrations.AddField(
            model_name="historicalapitoken",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="创建人",
            ),
        ),
        migrations.AddField(
            model_name="historicalapitoken",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalapitoken",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="所属用户",
            ),
        ),
        migrations.AddField(
            model_name="passwordstate",
            name="user",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="password_state",
                to=settings.AUTH_USER_MODEL,
                verbose_name="用户",
            ),
        ),
    ]
