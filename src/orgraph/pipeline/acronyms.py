"""Acronym definitions learned from the document itself (Schwartz–Hearst style).

"Langform (AKR)" and "AKR (Langform)": the pair becomes one mention; an
acronym the gazetteer lacks is learned for the document, so later bare uses
resolve; an organization missing from the gazetteer altogether becomes a new
entity. Where the acronym and the long form's gazetteer match disagree, the
acronym wins: it is the more specific name ("Entwicklungsgruppe der Vereinten
Nationen (UNDG)" is the UNDG, not its renamed successor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from orgraph.names import fold, looks_like_acronym, slug
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention, NameIndex
from orgraph.pipeline.propernames import is_english_head, is_head
from orgraph.pipeline.tokens import ARTICLE_KEY, Token

_PAREN = re.compile(r"\(([^()]{2,120})\)")
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


@dataclass(frozen=True)
class LearnedEntity:
    id: str
    label: str
    acronym: str


def _article_start(tokens: list[Token], text: str, base: int, last: int) -> int | None:
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
        ):
            article -= 1  # "in der neu gebildeten Hauptabteilung": the article, then adjectives
        opens = (
            tokens[article].key == ARTICLE_KEY
            or fold(tokens[article].text) in lexicon().words["indefinite_articles"]
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


def _long_form_start(
    tokens: list[Token],
    text: str,
    base: int,
    last: int,
    mentions: list[Mention],
    entity: str | None,
) -> int | None:
    """Token index where the long form before a "(" begins, or None."""
    by_article = _article_start(tokens, text, base, last)
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


def _spells(acronym: str, name: str) -> bool:
    """Schwartz–Hearst's test: the acronym's letters occur in the name in order, the first one
    first ("WTO" in "Welttourismusorganisation", not "UNITAR" in "Vereinten Nationen")."""
    letters = [ch for ch in fold(acronym) if ch.isalpha()]
    folded = fold(name)
    if not letters or not folded.startswith(letters[0]):
        return False
    at = 0
    for ch in letters:
        at = folded.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _same_lineage(index: NameIndex, a: str, b: str) -> bool:
    """One body under an earlier or later name ("Entwicklungsgruppe … (UNDG)" for the UNSDG)."""
    return index.successors.get(a) == b or index.successors.get(b) == a


def _trimmed_start(tokens: list[Token], text: str, base: int, start: int, last: int) -> int | None:
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


def _inside(
    tokens: list[Token], open_at: int, close_at: int, text: str, entity: str
) -> list[Mention]:
    """The parenthesised name as a restating mention (kept for display, not an argument)."""
    inner = [i for i, t in enumerate(tokens) if open_at < t.start and t.end < close_at]
    if not inner:
        return []
    first, last = inner[0], inner[-1]
    return [Mention(tokens[first].start, tokens[last].end, text, entity, "definition", first, last)]


def _definition(m: Mention, entity: str) -> Mention:
    """A mention that only restates a name (the acronym in "Langform (AKR)"): kept, not an argument."""
    return replace(m, entity=entity, how="definition")


def learn_definitions(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], index: NameIndex
) -> tuple[list[Mention], list[LearnedEntity], dict[str, set[str]]]:
    """Resolve "(…)" pairs in one sentence: merged mentions, new entities, and new surface forms."""
    learned: list[LearnedEntity] = []
    seen_forms: dict[str, set[str]] = {}
    result = list(mentions)
    for match in _PAREN.finditer(text):
        inner = match.group(1).strip()
        extra: list[str] = []
        parts = [p.strip() for p in inner.split(",")]
        if len(parts) == 2 and looks_like_acronym(parts[1]) and _is_proper_name(parts[0]):
            # "(Emergency Relief Coordinator, ERC)": another name, then the acronym.
            extra, inner = [parts[0]], parts[1]
        open_at, close_at = base + match.start(), base + match.end()
        before = [i for i, t in enumerate(tokens) if t.end <= open_at]
        if not before:
            continue
        last = before[-1]
        inside = [m for m in result if m.start > open_at and m.end < close_at]
        rest = inner
        for m in inside:
            rest = rest.replace(m.text, "")
        # The parentheses hold only names of one organization: "(UN Women)", "(UN Country Teams, UNCTs)".
        named = bool(inside) and len({m.entity for m in inside}) == 1 and not rest.strip(" ,;/")
        if (looks_like_acronym(inner) and len(inner) <= 12) or named:
            # "(UNHCR)", and short names that are not acronyms in form: "(UN Women)", "(UN Country Teams, UNCTs)".
            entity = inside[0].entity if named else index.acronym_entity(inner)
            whole = next((m for m in result if m.last_token == last and m.end <= open_at), None)
            if (
                entity is not None
                and all(m.how == "acronym" for m in inside)
                and whole is not None
                and whole.how in ("gazetteer", "learned")
                and whole.entity != entity
                and not index.has_name(whole.text, entity)
                and not _same_lineage(index, whole.entity, entity)
                and _spells(inner, whole.text)
            ):
                # "die Statuten der Welttourismusorganisation (WTO)": a body the gazetteer knows
                # under another acronym's letters; the document's definition wins here.
                entity = whole.entity
                index.rebind_acronym(inner, entity)
            start = _long_form_start(
                tokens, text, base, last, [m for m in result if m.end <= open_at], entity
            )
            if start is not None:
                start = _trimmed_start(tokens, text, base, start, last)
            if start is None:
                continue
            for m in result:  # a name that begins before the long form belongs to it
                if m.first_token < start <= m.last_token:
                    start = m.first_token
            long_form = text[tokens[start].start - base : tokens[last].end - base]
            covered = [m for m in result if m.start >= tokens[start].start and m.end <= open_at]
            if entity is None:
                # Reuse a known name only when it is the whole long form, not a part of it
                # ("Umweltversammlung der Vereinten Nationen (UNEA)" is not the UN).
                known = [
                    m.entity for m in covered if m.last_token == last and m.first_token == start
                ]
                if known and extra and not _spells(inner, long_form) and _spells(inner, extra[0]):
                    # "der Gemeinsame Untersuchungsmechanismus von OVCW und Vereinten Nationen
                    # (Joint Investigative Mechanism, JIM)": the acronym spells the other name,
                    # not the known one the long form ends with.
                    known = []
                    start = _article_start(tokens, text, base, last) or start
                    long_form = text[tokens[start].start - base : tokens[last].end - base]
                    covered = [
                        m for m in result if m.start >= tokens[start].start and m.end <= open_at
                    ]
                entity = known[0] if known else slug(inner)
                if not known:
                    learned.append(LearnedEntity(entity, long_form, inner))
                    index.types[entity] = "organization"
                index.add_acronym(inner, entity)
            index.add_name(long_form, entity)
            for name in extra:
                index.add_name(name, entity)
            seen_forms.setdefault(entity, set()).update(
                {long_form, *extra, *(m.text for m in inside)} | ({inner} if not named else set())
            )
            merged = Mention(
                tokens[start].start, tokens[last].end, long_form, entity, "learned", start, last
            )
            result = [m for m in result if m not in covered and m not in inside]
            result += [merged, *(_definition(m, entity) for m in inside)]
            if not inside:
                result += _inside(tokens, open_at, close_at, inner, entity)
            result.sort(key=lambda m: m.start)
            continue
        outer = [m for m in result if m.last_token == last and m.end <= open_at]
        acr = tokens[last].text
        if looks_like_acronym(acr) and inner[:1].isupper() and len(inner.split()) >= 2:
            # "AKR (Langform)": an acronym right before the parenthesis, a long form inside.
            entity = outer[0].entity if outer else (inside[0].entity if inside else slug(acr))
            if not outer and not inside:
                learned.append(LearnedEntity(entity, inner, acr))
            index.add_acronym(acr, entity)
            index.add_name(inner, entity)
            seen_forms.setdefault(entity, set()).update({acr, inner})
            result = [m for m in result if m not in inside and m not in outer]
            result.append(
                Mention(tokens[last].start, tokens[last].end, acr, entity, "learned", last, last)
            )
            result += _inside(tokens, open_at, close_at, inner, entity)
            result.sort(key=lambda m: m.start)
        elif not outer and not inside and _is_proper_name(inner) and _english_head(inner):
            # "eine kleine Abteilung für Menschenrechte (Division of Human Rights)": a body the
            # gazetteer lacks, named in both languages.
            start = _long_form_start(tokens, text, base, last, [], None)
            start = _trimmed_start(tokens, text, base, start, last) if start is not None else None
            if start is None:
                continue
            role = any(lexicon().has("role_nouns", fold(w)) for w in inner.split())
            if start == last and role:
                continue  # "eine Leitorganisation (Cluster Lead Agency)": a role, not a body
            long_form = text[tokens[start].start - base : tokens[last].end - base]
            entity = slug(inner)
            learned.append(LearnedEntity(entity, long_form, ""))
            index.types[entity] = "organization"
            index.add_name(long_form, entity)
            index.add_name(inner, entity)
            seen_forms.setdefault(entity, set()).update({long_form, inner})
            result.append(
                Mention(
                    tokens[start].start, tokens[last].end, long_form, entity, "learned", start, last
                )
            )
            result += _inside(tokens, open_at, close_at, inner, entity)
            result.sort(key=lambda m: m.start)
        elif (
            outer
            and not inside
            and _is_proper_name(inner)
            and text[outer[0].end - base : match.start()].strip() == ""
        ):
            # "Umweltmanagementgruppe (Environment Management Group)": the same body's name in another language.
            entity = outer[0].entity
            index.add_name(inner, entity)
            seen_forms.setdefault(entity, set()).add(inner)
            result += _inside(tokens, open_at, close_at, inner, entity)
            result.sort(key=lambda m: m.start)
    return result, learned, seen_forms


_LINKERS = frozenset(
    [
        "of",
        "for",
        "and",
        "on",
        "the",
        "de",
        "des",
        "du",
        "la",
        "le",
        "et",
        "für",
        "und",
        "der",
        "die",
        "das",
    ]
)


def _english_head(name: str) -> bool:
    """Whether an English name ends its head noun like an organization ("Division of …")."""
    words = [fold(w) for w in name.replace("-", " ").split()]
    head = next((w for w in words if w in ("of", "for", "on")), None)
    noun = words[words.index(head) - 1] if head and words.index(head) > 0 else words[-1]
    return is_english_head(noun)


def _is_proper_name(text: str) -> bool:
    """Two or more words, every content word capitalised: "Geneva Migration Group"."""
    if any(ch in text for ch in ",;:"):
        return False
    words = text.replace("-", " ").split()
    return (
        len(words) >= 2
        and all(w[:1].isupper() or w.casefold() in _LINKERS for w in words)
        and words[0][:1].isupper()
    )
