"""Where the long form before "(ACRONYM)" begins: after an article, not inside a genitive or a
prepositional attribute, not at a verb, a number, a naming noun or another clause's acronym.

"die Hauptabteilung Politische Angelegenheiten (DPA)", "in der neu gebildeten Hauptabteilung …
(DPPA)", "den Unterausschuss für Ozeane und Küstengebiete des ACC (ACC SOCA)".
"""

from __future__ import annotations

import re
from itertools import pairwise

from orgraph.names import fold, looks_like_acronym
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.propernames import is_head
from orgraph.pipeline.tokens import ARTICLE_KEY, Token

_LONG_FORM_WINDOW = 16
# A long form starts at a capitalised word right after one of these (not after a preposition).
# Lower-case function words that may stand inside a name ("Büro für die Koordinierung …").
_NAME_LINKS = frozenset(
    [
        "für",
        "von",
        "zu",
        "zur",
        "zum",
        "der",
        "die",
        "das",
        "des",
        "den",
        "dem",
        "und",
        "of",
        "for",
        "and",
        "on",
        "the",
        "in",
        "de",
        "du",
        "la",
        "le",
        "et",
    ]
)


def _verb_like(word: str) -> bool:
    """A lower-case word that is neither a function word nor an inflected adjective ("humanitärer")."""
    return (
        word.islower()
        and word not in _NAME_LINKS
        and not word.endswith(("e", "en", "er", "es", "em"))
    )


_PREPOSITIONS = frozenset(
    [
        "für",
        "von",
        "zu",
        "zur",
        "zum",
        "über",
        "bei",
        "mit",
        "aus",
        "nach",
        "in",
        "an",
        "auf",
        "of",
        "for",
        "on",
        "to",
        "by",
        "with",
        "and",
        "und",
    ]
)


def article_start(tokens: list[Token], text: str, base: int, last: int) -> int | None:
    """Where the noun phrase before "(" starts: the latest capitalised word after an article that
    is not inside a genitive or prepositional attribute, without crossing a comma."""
    for i in range(last, max(-1, last - _LONG_FORM_WINDOW), -1):
        gap = text[tokens[i].end - base : tokens[i + 1].start - base] if i < last else ""
        if any(ch in gap for ch in ",;:()–—"):
            return None
        if (
            i >= 1
            and tokens[i].text[:1].isupper()
            and tokens[i - 1].text.casefold() in ("als", "as")
            and not lexicon().has("role_nouns", fold(tokens[i].text))
        ):
            return i  # "als Büro für Entwicklungskoordinierung (DCO)", not "als Mitglieder an …"
        article = i - 1
        while (
            article >= 1
            and article > i - 3
            and tokens[article].key != ARTICLE_KEY
            and fold(tokens[article].text) not in lexicon().words["indefinite_articles"]
            and tokens[article].text.islower()
            and tokens[article].text not in _PREPOSITIONS
            and tokens[article].text not in lexicon().words["fused_articles"]
        ):
            article -= 1  # "in der neu gebildeten Hauptabteilung": the article, then adjectives
        opens = (
            tokens[article].key == ARTICLE_KEY
            or fold(tokens[article].text) in lexicon().words["indefinite_articles"]
            or tokens[article].text in lexicon().words["fused_articles"]
        )
        if i >= 1 and tokens[i].text[:1].isupper() and opens:
            before = tokens[article - 1] if article >= 1 else None
            # "für die Koordinierung" and "Entwicklungsgruppe der Vereinten" continue a name;
            # "ein eigenes Forum, die Umweltmanagementgruppe" and "(BOF) die Sektion" start one.
            comma = before is not None and any(
                ch in text[before.end - base : tokens[article].start - base] for ch in ",()"
            )
            if (
                before is None
                or comma
                or (before.text.casefold() not in _PREPOSITIONS and not before.text[:1].isupper())
                # only a genitive continues the name before it: "… Organisationen den Unterausschuss"
                or (
                    before.text[:1].isupper()
                    and tokens[article].text.casefold() not in ("der", "des", "the")
                    and before.text.casefold() not in _PREPOSITIONS
                )
                # "Mitglied der Umweltmanagementgruppe (EMG)": a role noun is no name's head
                or lexicon().has("role_nouns", fold(before.text))
                # "Nachdem die Meereskommission (MK) …", "Mit dem Fonds (…)": capitalised only
                # because it opens the sentence
                or fold(before.text) in lexicon().words["subordinators"]
                or (article == 1 and before.text.casefold() in _PREPOSITIONS)
                # "1975 in das neue Büro", "(BMR) in der …": a preposition after no name part
                or (
                    before.text.casefold() in _PREPOSITIONS
                    and article >= 2
                    and (
                        not tokens[article - 2].text[:1].isupper()
                        or lexicon().has("role_nouns", fold(tokens[article - 2].text))
                        or any(
                            ch in text[tokens[article - 2].end - base : before.start - base]
                            for ch in ",()"
                        )
                    )
                )
            ):
                return i
    return None


def long_form_start(
    tokens: list[Token],
    text: str,
    base: int,
    last: int,
    mentions: list[Mention],
    entity: str | None,
) -> int | None:
    """Token index where the long form before a "(" begins, or None."""
    by_article = article_start(tokens, text, base, last)
    open_at = tokens[last].end
    for mention in reversed(mentions):
        between = text[mention.start - base : open_at - base]
        if "(" in between or ")" in between:
            break  # the previous definition ends here
        if last - mention.first_token >= _LONG_FORM_WINDOW:
            break
        if by_article is not None and by_article > mention.last_token:
            break  # the long form starts after this mention
        after = text[mention.end - base : mention.end - base + 2]
        if mention.last_token < last and any(ch in after for ch in ",;"):
            break  # the mention is an earlier list item, not the start of this name
        rest = text[mention.end - base : open_at - base]
        if any(_verb_like(w) for w in re.findall(r"[^\W\d_]+", rest)):
            break  # a verb stands between: "vom UNDP getrennt und als Büro für … (DCO)"
        first = mention.first_token
        # "die Abteilung der Vereinten Nationen …": a generic name inside a longer one;
        # take the head noun before the genitive.
        if mention.entity != entity and first >= 2 and tokens[first - 1].key == ARTICLE_KEY:
            head = tokens[first - 2]
            gap = text[head.end - base : tokens[first - 1].start - base]
            if (
                head.text[:1].isupper()
                and head.text.casefold() not in _PREPOSITIONS
                # "Als die Globale Allianz (GA) …": capitalised only because it opens the sentence
                and fold(head.text) not in lexicon().words["subordinators"]
                and not any(ch in gap for ch in ",;()")
            ):
                first -= 2
        if (
            by_article is not None
            and by_article < first
            and is_head(fold(tokens[by_article].text))
            and _name_words(tokens, by_article, first)
        ):
            first = by_article  # "Unterausschuss für Ozeane und Küstengebiete des ACC (ACC SOCA)"
        return first
    return by_article


def _name_words(tokens: list[Token], start: int, end: int) -> bool:
    """Only words a name holds, and no second name joined on ("… Nationen und das Institut")."""
    span = tokens[start:end]
    joined = any(
        a.text.casefold() in ("und", "and") and b.key == ARTICLE_KEY for a, b in pairwise(span)
    )
    return not joined and all(
        t.text[:1].isupper() or t.text.casefold() in _NAME_LINKS for t in span
    )


# Prepositions inside names: "Fonds für die Reaktion auf Notsituationen", "Übereinkommen über …".
_NAME_PREPOSITIONS = frozenset(
    ["auf", "über", "gegen", "zwischen", "im", "mit", "to", "against", "at", "with"]
)


def trimmed_start(tokens: list[Token], text: str, base: int, start: int, last: int) -> int | None:
    """Move a long form's start past words no name holds: a verb ("… herausgelöst und einer
    eigenen Hauptabteilung …"), a number, a word that introduces a name ("den Namen Zentrum für
    …"), an acronym of another clause ("innerhalb des DPKO das Büro für …"). The long form then
    begins at the next capitalised word."""
    cut = start
    for i in range(last, start - 1, -1):
        word = tokens[i].text
        if i > start and text[tokens[i - 1].end - base : tokens[i].start - base] == "-":
            continue  # inside a hyphenated compound: "Trade-related"
        follows_lower = i < last and not tokens[i + 1].text[:1].isupper()
        if (
            any(ch.isdigit() for ch in word)
            or (_verb_like(word) and word not in _NAME_PREPOSITIONS)
            or fold(word) in lexicon().words["naming_nouns"]
            or fold(word)
            in lexicon().words["indefinite_articles"]  # "die Schaffung eines Netzwerks für …"
            or (looks_like_acronym(word) and follows_lower)
        ):
            cut = i + 1
            break
    while cut <= last and not tokens[cut].text[:1].isupper():
        cut += 1
    return cut if cut <= last else None
