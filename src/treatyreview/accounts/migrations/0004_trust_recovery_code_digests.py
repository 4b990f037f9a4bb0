"""Recovery codes are kept only as their SHA-256. The codes already issued keep working: each is converted to its
digest and the code as typed is deleted (going back leaves the codes unusable: a digest cannot be turned back into
a code, so those who then need one renew them)."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models


def _digest(code):
    # As RecoveryCode.digest_of: spaces dropped, lower case.
    return hashlib.sha256("".join(code.split()).lower().encode()).hexdigest()


def codes_to_digests(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    tokens = list(StaticToken.objects.all())
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(device_id=token.device_id, digest=_digest(token.token)) for token in tokens],
        ignore_conflicts=True,
    )
    StaticToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_activation_sessions_rate_limits'),
        ('otp_static', '0003_add_timestamps'),
    ]

    operations = [
        migrations.CreateModel(
            name='RecoveryDevice',
            fields=[
            ],
            options={
                'verbose_name': 'recovery codes',
                'verbose_name_plural': 'recovery codes',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('otp_static.staticdevice',),
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64)),
                ('device', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recovery_codes', to='otp_static.staticdevice')),
            ],
            options={
                'verbose_name': 'recovery code',
                'verbose_name_plural': 'recovery codes',
                'constraints': [models.UniqueConstraint(fields=('device', 'digest'), name='one_digest_per_recovery_code')],
            },
        ),
        migrations.RunPython(codes_to_digests, migrations.RunPython.noop),
    ]
