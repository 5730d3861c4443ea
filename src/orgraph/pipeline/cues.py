"""Where in a document something may be, and which language it is in: cheap tests on the whole
text before any sentence is read."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from orgraph.fuzzydate import FuzzyDate
from orgraph.names import fold
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import NameIndex
from orgraph.pipeline.propernames import name_heads_de, name_heads_en

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_CAPITALS = re.compile(r"\b[A-ZÄÖÜ][A-ZÄÖÜ]")


@cache
def _name_heads() -> re.Pattern[str]:
    """A capitalised word before a capitalised organization head ("The Cities Alliance", "der
    Wiener Umweltgruppe"): a name the gazetteer may lack, to be learned even where the sentence
    says nothing else."""
    english = "|".join(sorted(re.escape(h.capitalize()) for h in name_heads_en()))
    german = "|".join(sorted(re.escape(h) for h in name_heads_de()))
    # a German head ends a compound ("Umweltgruppe") or stands alone ("Kommission")
    return re.compile(rf"\b[A-ZÄÖÜ][\w-]+ (?:(?:{english})\b|(?=[A-ZÄÖÜ])[\w-]*?(?i:{german})\b)")


class Cues:
    """Where in a document something may be, found once with C-speed regexes over the whole text,
    so the bulk of a long report about other things is skipped without being tokenized."""

    def __init__(self, text: str, index: NameIndex) -> None:
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: no offsets
            lowered = fold(text)
            self.exact = False
        else:
            self.exact = True
        lex = lexicon()
        self.names = sorted(
            [m.start() for m in index.cue().finditer(lowered)]
            + [m.start() for m in _CAPITALS.finditer(text)]
            + [m.start() for m in _name_heads().finditer(text)]
        )
        self.triggers = [m.start() for m in lex.trigger_cue.finditer(lowered)]
        self.pointers = [m.start() for m in lex.pointer_cue.finditer(lowered)]
        self.text = text
        self.years = [(m.start(), int(m.group())) for m in _YEAR.finditer(text)]

    @staticmethod
    def _within(positions: list[int], start: int, end: int) -> bool:
        i = bisect_left(positions, start)
        return i < len(positions) and positions[i] < end

    def worth_reading(self, start: int, end: int) -> bool:
        """A known name; a definition "(…)"; a list intro ":"; or a trigger together with a word
        that points to an organization ("Die Gruppe wurde umbenannt") — a trigger alone is not
        enough ("Der Fluss trat über die Ufer"). Asked of a paragraph, then of its sentences."""
        if not self.exact or self._within(self.names, start, end):
            return True
        if self.text.find("(", start, end) >= 0 or self.text.find(":", start, end) >= 0:
            return True
        return self._within(self.triggers, start, end) and self._within(self.pointers, start, end)

    def last_year(self, start: int, end: int) -> FuzzyDate | None:
        """The last year written in skipped text, which still anchors a later "im selben Jahr"."""
        i = bisect_left(self.years, (end, 0))
        if i and self.years[i - 1][0] >= start:
            return FuzzyDate(self.years[i - 1][1])
        return None
