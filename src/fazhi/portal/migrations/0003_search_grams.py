"""The grams of the search index (SearchEntry.grams, fazhi.portal.search.grams_of): a nullable column added, then
filled from each row's `doc` in batches (no long lock while the old code serves), then indexed on SQLite by an
FTS5 table with the ascii tokenizer (every gram one token) kept by triggers. PostgreSQL searches short terms by
substring (see fazhi.portal.search) and gets no index of them. The search index is derived data: `fazhi reindex-portal`
rebuilds it."""

from django.db import migrations, models

SQLITE_UP = [
    "CREATE VIRTUAL TABLE portal_search_grams USING fts5(grams, content='portal_searchentry', "
    "content_rowid='id', tokenize='ascii')",
    "CREATE TRIGGER portal_search_grams_ai AFTER INSERT ON portal_searchentry BEGIN "
    "INSERT INTO portal_search_grams(rowid, grams) VALUES (new.id, new.grams); END",
    "CREATE TRIGGER portal_search_grams_ad AFTER DELETE ON portal_searchentry BEGIN "
    "INSERT INTO portal_search_grams(portal_search_grams, rowid, grams) VALUES ('delete', old.id, old.grams); END",
    "CREATE TRIGGER portal_search_grams_au AFTER UPDATE ON portal_searchentry BEGIN "
    "INSERT INTO portal_search_grams(portal_search_grams, rowid, grams) VALUES ('delete', old.id, old.grams); "
    "INSERT INTO portal_search_grams(rowid, grams) VALUES (new.id, new.grams); END",
    "INSERT INTO portal_search_grams(portal_search_grams) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS portal_search_grams_au",
    "DROP TRIGGER IF EXISTS portal_search_grams_ad",
    "DROP TRIGGER IF EXISTS portal_search_grams_ai",
    "DROP TABLE IF EXISTS portal_search_grams",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":  # only SQLite's search reads the grams
        return
    from django.db import transaction

    from fazhi.portal.search import grams_of

    entry = apps.get_model("portal", "SearchEntry")
    last = 0
    while True:
        with transaction.atomic():
            batch = list(entry.objects.filter(pk__gt=last).order_by("pk").only("pk", "doc")[:1000])
            if not batch:
                return
            for row in batch:
                row.grams = grams_of(row.doc)
            entry.objects.bulk_update(batch, ["grams"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False  # the filling commits batch by batch

    dependencies = [("portal", "0002_search_index")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="grams",
            field=models.TextField(blank=True, null=True, verbose_name="短词索引"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP}),
            _run({"sqlite": SQLITE_DOWN}),
        ),
    ]
