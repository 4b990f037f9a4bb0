from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from treatyreview.errors import ServiceError
from treatyreview.questionnaires.saq.services import template_import
from treatyreview.questionnaires.saq.workbooks import COLUMNS, QUESTIONS_SHEET


class Command(BaseCommand):
    help = (
        f"Import a questionnaire template workbook (sheet '{QUESTIONS_SHEET}', columns: "
        + ", ".join(COLUMNS)
        + ") as the next version of its template, a draft; all rows land or none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("workbook", type=Path)
        parser.add_argument("--name", default="", help="the template's name, if not the one in the workbook")
        parser.add_argument("--note", default="", help="what this version is for")
        parser.add_argument("--as", dest="username", default="",
                            help="the secretariat officer importing it (default: recorded as the system)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["workbook"]
        actor = None
        if options["username"]:
            try:
                actor = get_user_model().objects.get(username=options["username"])
            except get_user_model().DoesNotExist as error:
                raise CommandError(_("--as: no user “%(user)s”") % {"user": options["username"]}) from error
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            version = template_import(
                actor=actor, content=content, filename=path.name, name=options["name"], note=options["note"]
            )
        except ServiceError as error:
            problems = getattr(error, "problems", None) or [error.message]
            raise CommandError(
                _("%(file)s: nothing was imported:") % {"file": path.name} + "\n" + "\n".join(problems)
            ) from error
        self.stdout.write(_("%(file)s: %(name)s version %(number)s (draft), %(count)s questions") % {
            "file": path.name, "name": version.template.name, "number": version.number,
            "count": version.questions.count(),
        })
