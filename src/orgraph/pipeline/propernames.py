"""Organizations the gazetteer lacks and the text names without an acronym.

A name is a run of capitalised modifiers ending in an organization head noun:
"der Wiener Umweltgruppe", "the Environment Management Group". German
capitalises every noun, so a German run needs a modifier that is not a plain
noun: an adjective from a place ("Wiener", "Römer") or a capitalised
adjective inside the sentence. The first sighting is added to the document's
name index, so later inflected uses resolve through the normal matcher.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from orgraph.names import fold, slug
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention, NameIndex
from orgraph.pipeline.tokens import Token


@cache
def _lexicon() -> dict[str, Any]:
    return tomllib.loads(
        resources.files("orgraph.lexicon").joinpath("references.toml").read_text("utf-8")
    )


def is_english_head(word: str) -> bool:
    """ "division", "committee", "fund": a noun that heads an English organization name."""
    return word in _lexicon()["name_heads_en"]


def is_head(word: str) -> bool:
    """ "unterausschuss", "programme": a (folded) noun that ends like an organization's head."""
    return word.endswith(_heads()) or word in _lexicon()["name_heads_en"]


@cache
def _heads() -> tuple[str, ...]:
    return tuple(_lexicon()["name_heads"])


def name_heads_en() -> list[str]:
    return list(_lexicon()["name_heads_en"])


def name_heads_de() -> list[str]:
    return list(_heads())


def _modifier(token: Token, position: int, lang: str) -> bool:
    word = fold(token.text)
    if not token.text[:1].isupper() or word in _lexicon()["not_modifiers"] or token.text.isupper():
        return False
    if word in lexicon().words["naming_nouns"]:
        return False  # "den Namen Liga der …": the word that introduces the name
    if lang == "de":
        # German nouns are capitalised too: only adjectives count ("Wiener", "Ständige", "Globale").
        return position > 0 and (word.endswith(("er", "e", "en", "es", "ische", "ischen")))
    return True


# Words that continue a name with its attribute: "Fonds für die Frauendekade der Vereinten
# Nationen", "Network on Youth Development".
_ATTRIBUTE_LINKS = {
    "de": frozenset(["für", "zur", "zum", "der", "des"]),
    "en": frozenset(["of", "on", "for", "to"]),
}


def _attribute_end(
    text: str, tokens: list[Token], base: int, head: int, covered: set[int], links: frozenset[str]
) -> int:
    """Extend a name over its attribute: a preposition or genitive article, then capitalised
    words (and articles)."""
    end = head
    j = head + 1
    while j < len(tokens) and fold(tokens[j].text) in links and j - head <= 8:
        k = j + 1
        if k < len(tokens) and tokens[k].key == "·art":
            k += 1
        if k >= len(tokens) or not tokens[k].text[:1].isupper():
            break
        if k in covered and "to" in links:
            break  # English: "… to the UNHCR" names another body (German absorbs "der Vereinten Nationen")
        gap = text[tokens[end].end - base : tokens[k].start - base]
        if any(ch in gap for ch in ",;:()"):
            break
        while (
            k + 1 < len(tokens)
            and tokens[k + 1].text[:1].isupper()
            and not any(
                ch in text[tokens[k].end - base : tokens[k + 1].start - base] for ch in ",;:()"
            )
        ):
            k += 1
        end = k
        j = k + 1
    return end


def find_proper_names(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], index: NameIndex, lang: str
) -> tuple[list[Mention], list[tuple[str, str]]]:
    """New organization mentions, and (id, label) for each new entity."""
    covered = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    result = list(mentions)
    learned: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if i in covered or not token.text[:1].isupper() or not is_head(fold(token.text)):
            continue
        if (
            i + 1 < len(tokens)
            and i + 1 not in covered
            and is_head(fold(tokens[i + 1].text))
            and tokens[i + 1].text[:1].isupper()
        ):
            continue  # "Development Group Office": the name ends at the last head
        first = i
        # An English name quoted in German text ("als Development Group Office bezeichnet").
        head_lang = "en" if fold(token.text) in _lexicon()["name_heads_en"] else lang
        if head_lang != lang and (i == 0 or (i >= 1 and i - 1 == 0)):
            continue  # at the start of a German sentence any word is capitalised: "Zwei Programme"
        while (
            first - 1 >= 0
            and first - 1 not in covered
            and (
                _modifier(tokens[first - 1], first - 1, head_lang)
                # "Stop TB Partnership": an acronym inside an English name, after a modifier
                or (
                    head_lang == "en"
                    and tokens[first - 1].text.isupper()
                    and first - 2 >= 0
                    and first - 2 not in covered
                    and _modifier(tokens[first - 2], first - 2, head_lang)
                )
            )
        ):
            gap = text[tokens[first - 1].end - base : tokens[first].start - base]
            if gap.strip(" -&"):  # "Bill & Melinda Gates Foundation"
                break
            first -= 1
        if head_lang == "en":
            # "United Nations Humanitarian Air Service": a known name may open a longer one.
            opener = next(
                (m for m in result if m.last_token == first - 1 and m.how != "acronym"), None
            )
            if (
                opener is not None
                and text[opener.end - base : tokens[first].start - base] == " "
                and first < i
            ):
                result.remove(opener)
                first = opener.first_token
        if first == i:
            continue
        before = text[: tokens[first].start - base]
        if before.count("(") > before.count(")"):
            continue  # a gloss in parentheses ("Leitorganisation (Cluster Lead Agency)") names no new body
        last = _attribute_end(text, tokens, base, i, covered, _ATTRIBUTE_LINKS[head_lang])
        label = text[tokens[first].start - base : tokens[last].end - base]
        entity = slug(label)
        while entity in index.types and index.labels.get(entity) != label:
            entity += "-x"
        index.types.setdefault(entity, "organization")
        index.labels.setdefault(entity, label)
        index.add_name(label, entity)
        if head_lang == "de" and last == i and len(tokens[i].text) >= 12:
            # "der Internationale Funktelegraphenverein" … "der Funktelegraphenverein": a long
            # compound head names the body alone, too.
            index.add_name(tokens[i].text, entity)
        learned.append((entity, label))
        result.append(
            Mention(tokens[first].start, tokens[last].end, label, entity, "learned", first, last)
        )
        covered.update(range(first, last + 1))
    result.sort(key=lambda m: m.start)
    return result, learned


_COPULA_ARTICLE = {
    "de": (frozenset(["ist", "war"]), frozenset(["ein", "eine"])),
    "en": (frozenset(["is", "was"]), frozenset(["a", "an"])),
}


def defined_name(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], index: NameIndex, lang: str
) -> tuple[list[Mention], list[tuple[str, str]]]:
    """ "Unitaid is a global health initiative …": a capitalised name that opens a sentence and is
    defined as a kind of organization becomes one, so its later uses resolve."""
    copulas, articles = _COPULA_ARTICLE.get(lang, _COPULA_ARTICLE["en"])
    verb = next((i for i, t in enumerate(tokens[:5]) if fold(t.text) in copulas), None)
    if verb is None or verb == 0 or any(m.first_token < verb for m in mentions):
        return mentions, []
    name = tokens[:verb]
    gap = text[name[0].start - base : name[-1].end - base]
    if not all(t.text[:1].isupper() for t in name) or any(ch in gap for ch in ",;:()"):
        return mentions, []
    if fold(name[0].text) in _lexicon()["not_modifiers"] or verb + 1 >= len(tokens):
        return mentions, []
    if fold(tokens[verb + 1].text) not in articles:
        return mentions, []
    kinds = _lexicon()["kind_nouns"]
    genitive = ("of", "des", "der", "for", "für")
    # The noun phrase after the article must be headed by a kind of organization: "a global
    # health initiative", not "a major centre of …" nor "a member of the Council of Europe".
    head = next(
        (
            j
            for j in range(verb + 2, min(verb + 6, len(tokens)))
            if fold(tokens[j].text) in kinds or is_head(fold(tokens[j].text))
        ),
        None,
    )
    if head is None or any(fold(t.text) in genitive for t in tokens[verb + 2 : head]):
        return mentions, []
    if head + 1 < len(tokens) and fold(tokens[head + 1].text) in genitive:
        return mentions, []
    label = text[name[0].start - base : name[-1].end - base]
    entity = slug(label)
    index.types.setdefault(entity, "organization")
    index.labels.setdefault(entity, label)
    index.add_name(label, entity)
    mention = Mention(name[0].start, name[-1].end, label, entity, "learned", 0, verb - 1)
    return sorted([*mentions, mention], key=lambda m: m.start), [(entity, label)]


def head_noun(label: str) -> str:
    """The (folded) head noun of a name: German puts it first before a genitive ("Gruppe der
    Vereinten Nationen …", "Ausschuss für …"); English last ("Executive Board")."""
    words = [fold(w) for w in label.replace("-", " ").split()]
    if not words:
        return ""
    genitive = next(
        (i for i, w in enumerate(words) if w in ("der", "des", "für", "of", "on", "for")),
        len(words),
    )
    return words[genitive - 1] if genitive else words[-1]


def is_body_name(label: str) -> bool:
    """Whether a name's head noun makes it a body ("Umweltmanagementgruppe", "Executive Board")."""
    head = head_noun(label)
    return bool(head) and any(head.endswith(h) for h in _lexicon()["body_heads"])
