from django.core.management.base import BaseCommand, CommandError

from treatyreview.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the audit log; exit non-zero at the first broken link."

    def handle(self, *args: object, **options: object) -> None:
        check = audit_verify_chain()
        if not check.ok:
            raise CommandError(check.problem)
        self.stdout.write(f"audit log intact: {check.events} events")
