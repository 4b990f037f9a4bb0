"""Rules versions recorded before `reio_review_instruments` existed: no regional economic integration
organization may serve as reviewing State until the Conference decides."""

from django.db import migrations

SOURCE = (
    "may not, until the Conference decides: no decision of the Conference designating a regional economic "
    "integration organization as reviewing State was found"
)


def add_reio_review_instruments(apps, schema_editor):  # type: ignore[no-untyped-def]
    MechanismRules = apps.get_model("reviews", "MechanismRules")
    for record in MechanismRules.objects.all():
        if "reio_review_instruments" in record.values:
            continue
        record.values = {**record.values, "reio_review_instruments": []}
        record.sources = {**record.sources, "reio_review_instruments": SOURCE}
        record.save(update_fields=["values", "sources"])


class Migration(migrations.Migration):
    dependencies = [("reviews", "0003_rules_supplementary_draw")]

    operations = [migrations.RunPython(add_reio_review_instruments, migrations.RunPython.noop)]
