from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from treatyreview.questionnaires.saq import selectors
from treatyreview.questionnaires.saq.services import book_of
from treatyreview.questionnaires.saq.workbooks import workbook_write


class Command(BaseCommand):
    help = (
        "Export a questionnaire template as an XLSX workbook (its newest published version unless --number "
        "is given), or list the template names with --list."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", nargs="?", default="")
        parser.add_argument("--output", type=Path, help="the workbook to write")
        parser.add_argument("--number", dest="number", type=int, help="the version to export (by its number)")
        parser.add_argument("--list", action="store_true", help="print the template names, one a line")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for template in selectors.templates_list(None):
                self.stdout.write(template.name)
            return
        name = options["name"]
        if not name or options["output"] is None:
            raise CommandError(_("give a template name and --output FILE.xlsx (or --list)"))
        if not any(t.name == name for t in selectors.templates_list(None)):
            raise CommandError(
                _("no template “%(name)s” (treatyreview export-template --list names them)") % {"name": name}
            )
        if options["number"] is not None:
            version = selectors.visible_versions(None).filter(template__name=name, number=options["number"]).first()
            if version is None:
                message = _("%(name)s has no version %(number)s") % {"name": name, "number": options["number"]}
                raise CommandError(message)
        else:
            version = selectors.version_published_newest(name) or selectors.visible_versions(None).filter(
                template__name=name).order_by("-number").first()
            if version is None:
                raise CommandError(_("%(name)s has no version yet") % {"name": name})
        content = workbook_write(book_of(version, selectors.version_questions(version)))
        path: Path = options["output"]
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        self.stdout.write(_("%(file)s: %(name)s version %(number)s (%(status)s), %(count)s questions") % {
            "file": path, "name": name, "number": version.number, "status": version.get_status_display(),
            "count": version.questions.count(),
        })
