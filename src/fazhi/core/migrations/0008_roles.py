# Roles as data (capabilities + 数据范围); Membership.role becomes a foreign key to them by code.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import fazhi.core.models


def builtin_roles(apps, schema_editor):
    from fazhi.core.capabilities import sync_builtin_roles

    sync_builtin_roles(apps.get_model("core", "Role").objects.using(schema_editor.connection.alias))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_remove_org_case_number_prefix"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Role",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=32, unique=True, verbose_name="角色编码")),
                ("name", models.CharField(max_length=40, verbose_name="角色名称")),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("all", "全部（本级及下级）"),
                            ("subtree", "本单位及下级"),
                            ("unit", "本单位"),
                            ("self", "本人"),
                        ],
                        default="unit",
                        max_length=16,
                        verbose_name="数据范围",
                    ),
                ),
                ("capabilities", models.JSONField(blank=True, default=list, verbose_name="权限")),
                ("builtin", models.BooleanField(default=False, editable=False, verbose_name="内置角色")),
                ("sort", models.PositiveIntegerField(default=100, verbose_name="排序")),
                ("is_active", models.BooleanField(default=True, verbose_name="启用")),
            ],
            options={
                "verbose_name": "角色",
                "verbose_name_plural": "角色",
                "ordering": ["sort", "code"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalRole",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("code", models.SlugField(max_length=32, verbose_name="角色编码")),
                ("name", models.CharField(max_length=40, verbose_name="角色名称")),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("all", "全部（本级及下级）"),
                            ("subtree", "本单位及下级"),
                            ("unit", "本单位"),
                            ("self", "本人"),
                        ],
                        default="unit",
                        max_length=16,
                        verbose_name="数据范围",
                    ),
                ),
                ("capabilities", models.JSONField(blank=True, default=list, verbose_name="权限")),
                ("builtin", models.BooleanField(default=False, editable=False, verbose_name="内置角色")),
                ("sort", models.PositiveIntegerField(default=100, verbose_name="排序")),
                ("is_active", models.BooleanField(default=True, verbose_name="启用")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 角色",
                "verbose_name_plural": "historical 角色",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # The built-in roles exist before Membership.role (their codes) becomes a foreign key to them.
        migrations.RunPython(builtin_roles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalmembership",
            name="role",
            field=fazhi.core.models.RoleField(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.role",
                to_field="code",
                verbose_name="角色",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=fazhi.core.models.RoleField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="core.role",
                to_field="code",
                verbose_name="角色",
            ),
        ),
    ]
