"""Answers that say why in words a reader uses, in English or German (SPEC §3).

A verdict carries a reason key and its facts (dates, names); `explain` renders them with the
templates of `lexicon/reasons.toml`, dates in words at their own precision ("early 2006",
"Anfang 2006", "19. November 2007"), never as the raw EDTF value.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from orgraph.fuzzydate import FuzzyDate, Precision

Fact = FuzzyDate | date | str | int


@cache
def _lexicon() -> dict[str, Any]:
    text = resources.files("orgraph.lexicon").joinpath("reasons.toml").read_text("utf-8")
    return tomllib.loads(text)


def _lang(lang: str) -> str:
    return "de" if lang == "de" else "en"


def date_words(value: FuzzyDate | date, lang: str) -> str:
    """A date as a reader writes it, at the precision it has."""
    lex, lang = _lexicon(), _lang(lang)
    if isinstance(value, date):
        value = FuzzyDate.from_date(value)
    months = lex["months"][lang]
    if value.precision is Precision.DAY:
        assert value.month is not None
        sep = ". " if lang == "de" else " "
        words = f"{value.day}{sep}{months[value.month - 1]} {value.year}"
    elif value.precision is Precision.MONTH:
        assert value.month is not None
        words = f"{months[value.month - 1]} {value.year}"
    elif value.precision is Precision.SUBYEAR:
        words = f"{lex['seasons'][lang][str(value.month)]} {value.year}"
    else:
        words = str(value.year)
    if value.mod is not None:
        words = f"{lex['modifiers'][lang][value.mod.value]} {words}"
    return words + ("?" if value.uncertain else "")


def role_words(role: str | None, lang: str) -> str:
    entry = _lexicon()["roles"].get(role or "member")
    return entry[_lang(lang)] if entry else (role or "member").replace("_", " ")


def word(key: str, lang: str) -> str:
    return str(_lexicon()["words"][key][_lang(lang)])


def _words(value: Fact, lang: str) -> str:
    """A fact in words: a date at its precision, "@key" a word of the lexicon, else as given."""
    if isinstance(value, FuzzyDate | date):
        return date_words(value, lang)
    if isinstance(value, str) and value.startswith("@"):
        return word(value[1:], lang)
    return str(value)


def explain(why: str, facts: dict[str, Fact], lang: str) -> str:
    """The reason `why` in the language, its dates in words."""
    template = _lexicon()["reasons"][why][_lang(lang)]
    filled = {key: _words(value, lang) for key, value in facts.items()}
    return str(template.format(**filled))
