"""Which organizations of a sentence a relation is read from, and parts the sentence shows.

Restated names, group genitives ("den Partnern der Vereinten Nationen"), plurals
("UN-Organisationen") and compounds are not arguments; a list after a colon and a genitive
attachment ("the Global Drug Facility of the Stop TB Partnership") show parts.
"""

from __future__ import annotations

import re
from itertools import pairwise

from orgraph.names import fold
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.relations import Found
from orgraph.pipeline.segment import Sentence
from orgraph.pipeline.tokens import ARTICLE_KEY, Token


def _group_genitive(tokens: list[Token], m: Mention) -> bool:
    """ "den Partnern der Vereinten Nationen", "organizations of the UN system": the organization
    only qualifies a group."""
    i = m.first_token
    if i >= 1 and fold(tokens[i - 1].text) == "the":
        i -= 1  # "of the"
    english = i >= 2 and fold(tokens[i - 1].text) == "of"
    if not english and (i < 2 or tokens[i - 1].key != ARTICLE_KEY):
        return False
    if _predicative(tokens, i - 2):
        return False
    if english:  # English plurals only: not "programme of"
        return fold(tokens[i - 2].text) in lexicon().words["plural_groups"]
    return lexicon().has("group_nouns", fold(tokens[i - 2].text))


def _predicative(tokens: list[Token], noun: int) -> bool:
    """ "eine Einrichtung der Vereinten Nationen", "ist Partnerin des UNHCR", "a key partner of
    UNICEF": what one is (after an indefinite article, a copula, "als" or a date, an adjective
    at most between), not a group the organization qualifies."""
    words = lexicon().words
    for j in (noun - 1, noun - 2):
        if j < 0:
            return False
        word = fold(tokens[j].text)
        if (
            word in words["indefinite_articles"]
            or word in words["copulas"]
            or word in words["capacity_marks"]
            or word.isdigit()
        ):
            return True
    return False


def arguments(tokens: list[Token], mentions: list[Mention], text: str, base: int) -> list[Mention]:
    """The mentions relations are read from: no restated names, no group genitives, no repeats."""
    args: list[Mention] = []
    # names joined by a hyphen to the next word: "die UNHCR-Mitarbeiterin"
    hyphened = {
        m.last_token
        for m in mentions
        if m.last_token + 1 < len(tokens)
        and text[m.end - base : tokens[m.last_token + 1].start - base] == "-"
    }
    starts = {m.first_token for m in mentions}
    for m in mentions:
        if (
            m.how == "definition"
            or _group_genitive(tokens, m)
            or (m.last_token in hyphened and _compound_modifier(tokens, m, starts))
        ):
            continue
        if _noun_modifier(tokens, m):
            continue  # "in a WHO campaign": the organization only qualifies a noun
        if _plural_group(tokens, m):
            continue  # "UN-Organisationen", "Organisationen der Vereinten Nationen": many, not one
        if args and args[-1].entity == m.entity and m.first_token - args[-1].last_token <= 3:
            continue  # apposition: "mit UNFPA, dem Bevölkerungsfonds der Vereinten Nationen"
        args.append(m)
    return args


def listed_parts(
    sentence: Sentence, tokens: list[Token], mentions: list[Mention], args: list[Mention]
) -> list[Found]:
    """ "Drei Organisationen des UN-Systems …: A, B und C" — the listed ones are parts of it."""
    colon = sentence.text.find(":")
    if colon < 0:
        return []
    cut = sentence.start + colon
    groups = [m for m in mentions if m.end <= cut and _group_genitive(tokens, m)]
    listed = [a for a in args if a.start > cut]
    if not groups or not listed:
        return []
    whole = groups[-1].entity
    anchor = groups[-1].start
    return [
        Found(a.entity, "part_of", whole, None, (), "list-of-parts", anchor)
        for a in listed
        if a.entity != whole
    ]


_GENITIVE_LINK = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:of(?: the)?|des|der)\s+$")


def genitive_parts(sentence: Sentence, mentions: list[Mention]) -> list[Found]:
    """ "the Global Drug Facility (GDF) of the Stop TB Partnership", "die Regionalbüros des
    UNHCR": a name the text introduced, attached by a genitive to an organization, is part of it."""
    named = [m for m in mentions if m.how != "definition"]
    found = []
    for a, b in pairwise(named):
        if a.how != "learned" or a.entity == b.entity:
            continue
        between = sentence.text[a.end - sentence.start : b.start - sentence.start]
        if _GENITIVE_LINK.fullmatch(between):
            found.append(Found(a.entity, "part_of", b.entity, None, (), "genitive", a.start))
    return found


def _noun_modifier(tokens: list[Token], m: Mention) -> bool:
    """ "a WHO campaign", "an UNDP project": an indefinite article, the name, a lower-case noun."""
    before, after = m.first_token - 1, m.last_token + 1
    if before < 0 or after >= len(tokens) or tokens[after].start != tokens[m.last_token].end + 1:
        return False  # not a word right after the name ("… Cluster (gFSC)")
    if lexicon().has("person_nouns", fold(tokens[after].text)):
        return True  # "Former WHO staffer Jane Doe", "UNICEF officials said"
    return (
        lexicon().has("indefinite_articles", fold(tokens[before].text))
        and tokens[after].text[:1].islower()
        and tokens[after].key != ARTICLE_KEY
    )


def _plural_group(tokens: list[Token], m: Mention) -> bool:
    """A name read in the plural of a group noun names many organizations, not one body."""
    words = lexicon().words["plural_groups"]
    if fold(tokens[m.first_token].text) in words:
        return True
    # "UN-Organisationen" (a gazetteer name in the plural), not "Rat freiwilliger Organisationen (ICVA)".
    return m.how == "gazetteer" and fold(tokens[m.last_token].text) in words


def _compound_modifier(tokens: list[Token], m: Mention, starts: set[int]) -> bool:
    """ "UN-Organisationen", "die UNHCR-Mitarbeiterin", "die IOM-Mission": the organization only
    qualifies the noun joined to it by a hyphen."""
    nxt = m.last_token + 1
    if nxt >= len(tokens) or nxt in starts:
        return False
    word = fold(tokens[nxt].text)
    if lexicon().has("role_nouns", word):
        return False  # "die EMG-Mitglieder": the body the role is in
    return lexicon().has("group_nouns", word) or tokens[nxt].text[:1].isupper()
