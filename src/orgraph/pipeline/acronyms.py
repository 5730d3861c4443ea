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

from orgraph.names import fold, looks_like_acronym, slug
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.longforms import article_start, long_form_start, trimmed_start
from orgraph.pipeline.mentions import Mention, NameIndex
from orgraph.pipeline.propernames import is_english_head
from orgraph.pipeline.tokens import Token

_PAREN = re.compile(r"\(([^()]{2,120})\)")


@dataclass(frozen=True)
class LearnedEntity:
    id: str
    label: str
    acronym: str


def _spells(acronym: str, name: str) -> bool:
    """Schwartz–Hearst's test: the acronym's letters occur in the name in order, the first one
    first ("WTO" in "Welttourismusorganisation", not "UNRISD" in "Vereinten Nationen")."""
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


def _spelled_genitive(tokens: list[Token], start: int, last: int, acronym: str) -> int:
    """ "an die Stelle des Integrierten Rahmens (IF)": when the long form's first word does not
    begin with the acronym's first letter but the word after its genitive article does, the name
    begins there."""
    letter = acronym[:1].casefold()
    if (
        start + 2 <= last
        and not tokens[start].text.casefold().startswith(letter)
        and fold(tokens[start + 1].text) in lexicon().words["genitive_links"]
        and tokens[start + 2].text[:1].isupper()
        and tokens[start + 2].text.casefold().startswith(letter)
    ):
        return start + 2
    return start


def _spelled_capitals(
    tokens: list[Token], text: str, base: int, last: int, acronym: str
) -> int | None:
    """ "Education Cannot Wait (ECW), der globale Fonds …": a run of capitalised words right
    before the parenthesis that spells the acronym (Schwartz–Hearst), where no article or other
    cue marks where the name begins."""
    i = last
    while i >= 0 and last - i < 8:
        word = tokens[i].text
        if not (word[:1].isupper() or word.casefold() in lexicon().words["name_joiners"]):
            return None
        if i < last and text[tokens[i].end - base : tokens[i + 1].start - base].strip(" -–"):
            return None
        if (
            word[:1].isupper()
            and _spells(acronym, text[tokens[i].start - base : tokens[last].end - base])
            and word[:1].casefold() == acronym[:1].casefold()
        ):
            return i
        i -= 1
    return None


def _spelled_extension(
    tokens: list[Token], text: str, base: int, start: int, last: int, acronym: str
) -> int:
    """ "the Sanitation and Hygiene Fund (SHF)": when the long form found does not spell the
    acronym, take in the capitalised words joined on before it, as far as needed to spell it."""
    if _spells(acronym, text[tokens[start].start - base : tokens[last].end - base]):
        return start
    i = start
    while i > 0 and start - i < 6:
        gap = text[tokens[i - 1].end - base : tokens[i].start - base]
        word = tokens[i - 1].text
        if gap.strip() or not (
            word[:1].isupper() or word.casefold() in lexicon().words["name_joiners"]
        ):
            break
        i -= 1
        if word[:1].isupper() and _spells(
            acronym, text[tokens[i].start - base : tokens[last].end - base]
        ):
            return i
    return start


def _same_lineage(index: NameIndex, a: str, b: str) -> bool:
    """One body under an earlier or later name ("Entwicklungsgruppe … (UNDG)" for the UNSDG)."""
    return index.successors.get(a) == b or index.successors.get(b) == a


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
            start = long_form_start(
                tokens, text, base, last, [m for m in result if m.end <= open_at], entity
            )
            if start is not None:
                start = trimmed_start(tokens, text, base, start, last)
            if start is None and looks_like_acronym(inner):
                start = _spelled_capitals(tokens, text, base, last, inner)
            if start is None:
                continue
            if looks_like_acronym(inner):
                start = _spelled_genitive(tokens, start, last, inner)
                start = _spelled_extension(tokens, text, base, start, last, inner)
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
                    start = article_start(tokens, text, base, last) or start
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
            start = long_form_start(tokens, text, base, last, [], None)
            start = trimmed_start(tokens, text, base, start, last) if start is not None else None
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


def learn_called_names(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], index: NameIndex
) -> tuple[list[Mention], list[LearnedEntity]]:
    """ "…, die meist BIRPI genannt werden", "kurz UNFCCC", "known as IFAD": an acronym the text
    introduces without parentheses. It names the organization it follows in its clause, else a
    body the text names only so."""
    words = lexicon().words
    covered = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    result = list(mentions)
    learned: list[LearnedEntity] = []
    for i, token in enumerate(tokens):
        acronym = token.text
        if i in covered or not acronym[:1].isupper():
            continue
        after = fold(tokens[i + 1].text) if i + 1 < len(tokens) else ""
        called = after in words["called_after"] or (
            i > 0
            and any(
                " ".join(fold(t.text) for t in tokens[max(0, i - 2) : i]).endswith(w)
                for w in words["called_before"]
                if w.endswith(fold(tokens[i - 1].text))
            )
        )
        if not called or not looks_like_acronym(acronym) or index.acronym_entity(acronym):
            continue
        named = [m for m in result if m.last_token < i and m.how not in ("reference", "definition")]
        entity = None
        if named:
            # right after the name ("…, kurz UNFCCC") or in a relative clause on it ("…, die
            # meist BIRPI genannt wird"): another name of that organization
            between = text[named[-1].end - base : token.start - base]
            rest = fold(between).replace(",", " ").split()
            direct = all(w in words["naming_words"] for w in rest)
            relative = (
                between.lstrip().startswith(",")
                and bool(rest)
                and rest[0] in words["subject_relatives"]
                and between.lstrip(" ,")[:1].islower()  # "die", "which" — not "WHO"
                and after in words["called_after"]
            )
            if ";" not in between and (direct or relative):
                entity = named[-1].entity
        clause = fold(text[: token.start - base].rsplit(";", 1)[-1]).split()
        if (
            entity is None
            and after in words["called_after"]
            and words["naming_nouns"] & set(clause)
        ):
            # "…, die nach ihrem französischen Namen meist BIRPI genannt werden": a body the
            # text names only so
            entity = slug(acronym)
            learned.append(LearnedEntity(entity, acronym, acronym))
        if entity is None:
            continue
        index.add_acronym(acronym, entity)
        result.append(Mention(token.start, token.end, acronym, entity, "acronym", i, i))
    result.sort(key=lambda m: m.start)
    return result, learned
