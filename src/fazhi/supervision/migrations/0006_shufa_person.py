"""述法 linked to the leader as a person (the system user the 学法用法 attendance records link), so that two
leaders of one name no longer share one study record. Existing rows are filled by a unique name match: the one
active user of the leader's full name among the members of the leader's unit, else the one such user at all.
Rows whose name matches several users (ambiguous) or none are left unlinked and listed here; the office links
them on the record (述法人（系统用户）)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link_by_unique_name(apps, schema_editor):
    Shufa = apps.get_model("supervision", "Shufa")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Membership = apps.get_model("core", "Membership")
    ambiguous = []
    for rec in Shufa.objects.filter(person__isnull=True).select_related("org").order_by("id"):
        users = list(User.objects.filter(first_name=rec.leader.strip(), is_active=True).order_by("pk"))
        members = set(Membership.objects.filter(org_id=rec.org_id).values_list("user_id", flat=True))
        found = [u for u in users if u.pk in members] or users
        if len(found) == 1:
            Shufa.objects.filter(pk=rec.pk).update(person=found[0])
        elif found:
            names = "、".join(u.username for u in found)
            ambiguous.append(
                f"  述法#{rec.pk} {rec.year}年度 {rec.org.name} {rec.leader}：同名系统用户 {names}"
            )
    if ambiguous:
        print("\n述法人同名、未能唯一关联系统用户的述法记录（请在记录中选定述法人）：")
        print("\n".join(ambiguous))


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0005_scheme_evidence"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("core", "0012_personal_data_access"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalshufa",
            name="person",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="述法人本人：其学法记录按此人（学法用法参加人员的系统用户）读取，同名的人不混同",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="述法人（系统用户）",
            ),
        ),
        migrations.AddField(
            model_name="shufa",
            name="person",
            field=models.ForeignKey(
                blank=True,
                help_text="述法人本人：其学法记录按此人（学法用法参加人员的系统用户）读取，同名的人不混同",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="述法人（系统用户）",
            ),
        ),
        migrations.RunPython(link_by_unique_name, migrations.RunPython.noop),
    ]
