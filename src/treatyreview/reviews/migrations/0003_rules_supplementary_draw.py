"""Rules versions recorded before `supplementary_draw` existed get the law they were drawn under."""

from django.db import migrations

SOURCE = (
    "the reviewers are drawn for the Convention; a supplementary draw only where a drawn reviewer is not party "
    "to a Protocol (docs/draw-algorithm.md, 'conditional')"
)


def add_supplementary_draw(apps, schema_editor):  # type: ignore[no-untyped-def]
    MechanismRules = apps.get_model("reviews", "MechanismRules")
    for record in MechanismRules.objects.all():
        if "supplementary_draw" in record.values:
            continue
        record.values = {**record.values, "supplementary_draw": "conditional"}
        record.sources = {**record.sources, "supplementary_draw": SOURCE}
        record.save(update_fields=["values", "sources"])


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_cycle_draw_drawrequest_yeargroup_draw_year_group_and_more")]

    operations = [migrations.RunPython(add_supplementary_draw, migrations.RunPython.noop)]
