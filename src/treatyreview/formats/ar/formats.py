"""Arabic dates as the UN's Arabic documents write them: "15 تشرين الثاني/نوفمبر 2000", digits 0–9 (ADR 0023).

The double month names come from the project's Arabic catalogue (`treatyreview.formats.months`).
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
