"""The month names of Django's dates (`django.utils.dates.MONTHS`), put in the project's catalogues.

The project's catalogues take precedence over Django's: Arabic gives the UN's double month names
("تشرين الثاني/نوفمبر"), the other languages keep Django's own names (ADR 0023). Never called: the marks are
for `makemessages`.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"), gettext_noop("April"),
    gettext_noop("May"), gettext_noop("June"), gettext_noop("July"), gettext_noop("August"),
    gettext_noop("September"), gettext_noop("October"), gettext_noop("November"), gettext_noop("December"),
)
