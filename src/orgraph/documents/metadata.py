"""Document metadata as the formats write it: titles, language tags and dates."""

from __future__ import annotations

import re
from datetime import date, datetime

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate

# Titles that name the file or the program that made it, not the document.
_NO_TITLE = re.compile(
    r"^(?:untitled|unbenannt|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|odt|rtf|txt|indd))$",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:D:)?(\d{4})(?:-?(\d{2}))?(?:-?(\d{2}))?")


def clean_title(value: str | None) -> str | None:
    """A metadata title worth showing, or None."""
    title = " ".join((value or "").split())
    if not title or _NO_TITLE.match(title) or len(title) > 300:
        return None
    return title


def language_code(value: str | None) -> str | None:
    """'de-DE', 'de', 'German' … as the language code orgraph reads (de or en), else None."""
    head = re.split(r"[-_ ]", (value or "").strip().lower(), maxsplit=1)[0]
    return {"de": "de", "deu": "de", "ger": "de", "german": "de", "deutsch": "de"}.get(
        head, {"en": "en", "eng": "en", "english": "en"}.get(head)
    )


def parse_date(value: str | date | datetime | None) -> FuzzyDate | None:
    """A metadata date (PDF 'D:20240503…', ISO text, a datetime) as a fuzzy date, kept to its
    precision; None when there is none or it cannot be a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return FuzzyDate.from_date(value)
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if not 1000 <= year <= 2999 or (month is not None and month > 12):
            return None
        return FuzzyDate(year, month, day if month else None)
    except (InvalidDate, ValueError):
        return None
