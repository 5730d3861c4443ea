"""A sentence seen as tokens and organizations: the questions relation frames ask of it.

Which word governs an organization (a preposition, an agent's "von"/"by"), where a clause
ends, what is enumerated, what is counted. Who the subject is: `subjects.py`.
"""

from __future__ import annotations

import re
from itertools import pairwise

from orgraph.names import fold
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY, ARTICLES, Token
from orgraph.pipeline.triggers import (
    DIGITS,
    Context,
    Found,
    FoundCount,
    Hit,
    OpenFrame,
)


class Clause:
    """One sentence's tokens and organizations, with the questions frames ask of them."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        base: int,
        args: list[Mention],
        ctx: Context,
        lang: str,
    ) -> None:
        self.text, self.tokens, self.base, self.ctx, self.lang = text, tokens, base, ctx, lang
        self.args = args
        self.covered = {i for a in args for i in range(a.first_token, a.last_token + 1)}
        self.lex = lexicon()
        self.folded = [fold(t.text) for t in tokens]
        # The characters between token i and token i + 1, asked for many times per sentence.
        self.gaps = [text[a.end - base : b.start - base] for a, b in pairwise(tokens)]
        self.open_frame: OpenFrame | None = None
        self.hits: list[Hit] = []  # the sentence's triggers, once read
        self.established = False  # set by a founding frame that reads `established_by`

    def word(self, i: int) -> str:
        return self.folded[i] if 0 <= i < len(self.tokens) else ""

    def index_after(self, m: Mention) -> int:
        """The token after a name, past a bracket that restates it ("… (EMG) sind …")."""
        i = m.last_token + 1
        if "(" in self.gap(m.last_token):
            while i < len(self.tokens) and ")" not in self.gap(i - 1):
                i += 1
        return i

    def word_after(self, m: Mention) -> str:
        return self.word(self.index_after(m))

    def relative_pronoun(self, i: int) -> bool:
        """ "die", "which", "who" opening a relative clause — not the acronym "WHO"."""
        return (
            0 <= i < len(self.tokens)
            and self.tokens[i].text.islower()
            and self.word(i) in self.lex.words["subject_relatives"]
        )

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        return self.gaps[i] if 0 <= i < len(self.gaps) else ""

    def word_before(self, m: Mention) -> str:
        """The word that governs a mention: the one before it (articles skipped), or, for a later
        item of an enumeration ("mit A, B und C"), the word that governs the first item."""
        i = self._skip_articles(m.first_token - 1)
        if (
            i >= 1
            and i < m.first_token - 1
            and self.word(i + 1) in ("des", "der", "of")
            and self.lex.has("transparent_nouns", self.word(i))
        ):
            # "an den Sitzungen des IASC", "in the work of the IASC": the preposition governs
            # the organization through a noun of its meetings or work.
            i = self._skip_articles(i - 1)
        if i >= 0 and any(ch in self.gap(i) for ch in "–—:;"):
            return ""  # "nahm vier weitere Mitglieder auf – die UNESCO": nothing governs it
        previous = next((a for a in reversed(self.args) if a.last_token < m.first_token), None)
        if previous is not None and previous is not m:
            between = self.text[previous.end - self.base : m.start - self.base]
            between = re.sub(r"\([^()]*\)", " ", between)
            words = [w for w in re.findall(r"[^\W\d_]+", between.casefold()) if w not in ARTICLES]
            if (not words and "," in between) or (
                words and " ".join(words) in self.lex.words["enumeration_links"]
            ):
                return self.word_before(previous)
        return self.word(i) if i >= 0 and "," not in self.gap(i) else ""

    def in_leading_subclause(self, hit: Hit) -> bool:
        """ "Als die Nebenorgane des ACC … aufgelöst wurden, verlor …": before the comma that
        closes a clause opened by a subordinator."""
        if self.word(0) not in self.lex.words["subordinators"]:
            return False
        comma = next((i for i in range(len(self.tokens)) if "," in self.gap(i)), None)
        return comma is not None and hit.first <= comma

    def after_last_comma(self, hit: Hit) -> int:
        """The token after the last comma before the trigger (0 when there is none)."""
        return max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)

    def clause_start(self, hit: Hit) -> int:
        """The first token of the trigger's clause: after the last comma before it that does not
        merely separate listed names ("WHO, UNICEF, the World Bank … were its founding partners")."""
        ends = {a.last_token for a in self.args}
        starts = {a.first_token for a in self.args}
        for i in range(hit.first - 1, -1, -1):
            if "," not in self.gap(i):
                continue
            nxt = i + 2 if self.tokens[i + 1].key == ARTICLE_KEY else i + 1
            if i in ends and nxt in starts:
                continue  # a comma inside a list of organizations
            return i + 1
        return 0

    def _skip_articles(self, i: int) -> int:
        """Back from token i over articles and the lower-case words between an article and its
        noun ("in das neue Büro", "in der neu gebildeten Hauptabteilung")."""
        while i >= 0 and "," not in self.gap(i):
            if self.tokens[i].key == ARTICLE_KEY:
                i -= 1
                continue
            j = i
            while (
                j >= 0
                and j > i - 3
                and self.tokens[j].text.islower()
                and self.tokens[j].key != ARTICLE_KEY
                and self.word(j) not in self.lex.words["subject_blockers"]
                and "," not in self.gap(j)
            ):
                j -= 1
            if j < i and j >= 0 and self.tokens[j].key == ARTICLE_KEY:
                i = j
                continue
            break
        return i

    def is_agent(self, m: Mention, marks: str = "agent_preps") -> bool:
        """Preceded by von/durch/by (skipping articles and people nouns: "von den Leitern der"; a
        later item of a list by the word before the first: "co-led by FAO and WFP")."""
        if self.word_before(m) in self.lex.words[marks]:
            return True
        i = m.first_token - 1
        for steps in range(6):  # "by the Executive Director of UNEP"
            if i < 0 or ("," in self.gap(i) and steps):
                return False
            if (
                self.word(i) in self.lex.words[marks]
                or self.word(i) in self.lex.words["agent_nouns"]
            ):
                return True
            if (
                steps
                and self.tokens[i].key != ARTICLE_KEY
                and self.word(i) in self.lex.words["object_preps"]
            ) or self.word(i) in ("und", "and", "als", "as", "sowie", "or", "oder"):
                return False
            if i in self.covered:
                return False  # another organization stands between: "vom UNDP getrennt und …"
            token = self.tokens[i]
            if token.text[:1].isdigit() or (
                token.text.islower()
                and token.key != ARTICLE_KEY
                and self.word(i) not in self.lex.words["genitive_links"]
                and not token.text.endswith(("e", "en", "er", "es", "em"))
            ):
                return False  # a date or a verb stands between: "Von 1919 bis 1946 war die ILO"
            i -= 1
        return False

    def after_mark(self, m: Mention, marks: str) -> bool:
        return self.word_before(m) in self.lex.words[marks]

    def prepositional(self, m: Mention) -> bool:
        return self.word_before(m) in self.lex.words["subject_blockers"]

    def clause_end(self, start: int, limit: int) -> int:
        """First token index ≥ start where a subordinate clause begins (", um …"), else limit."""
        for i in range(start, limit):
            if (
                i > 0
                and "," in self.gap(i - 1)
                and self.word(i) in self.lex.words["clause_stops"]
                and not self.tokens[i].text.isupper()  # "…, WHO and FAO": the acronym
            ):
                return i
            # ", aus der 2018 die UNSDG hervorging": a relative clause led by a preposition.
            if (
                i > 0
                and "," in self.gap(i - 1)
                and self.word(i) in self.lex.words["subject_blockers"]
                and self.tokens[i + 1 if i + 1 < len(self.tokens) else i].key == ARTICLE_KEY
                and not any(a.first_token in (i + 1, i + 2) for a in self.args)
            ):
                return i
            # "…, and the World Bank acts as its treasurer": a coordinated main clause.
            if i > 0 and "," in self.gap(i - 1) and self.word(i) in ("und", "and"):
                subject = next((a for a in self.args if a.first_token in (i + 1, i + 2)), None)
                if subject is not None and self._opens_clause(subject):
                    return i
        return limit

    def body_type(self, entity: str) -> bool:
        return self.ctx.types.get(entity, "organization") in self.lex.words["body_types"]

    def can_be_member(self, entity: str) -> bool:
        return self.ctx.types.get(entity, "organization") not in self.lex.words["non_member_types"]

    def can_hold(self, entity: str, predicate: str) -> bool:
        """Whether the organization can be the subject of the predicate: an organ or a cluster is
        no member, but it can be a part ("Der Sicherheitsrat ist ein Organ der Vereinten Nationen")."""
        if predicate == "part_of":
            return self.ctx.types.get(entity) != "system"
        return self.can_be_member(entity)

    def has_word(self, name: str, first: int, last: int) -> bool:
        return any(self.word(i) in self.lex.words[name] for i in range(max(0, first), last))

    def hedge(self) -> str | None:
        for i, word in enumerate(self.folded):
            if word in self.lex.words["hedges"] and self.tokens[i].text[:1].islower():
                # Lower case only: "May 2005" is a month, "may" a hedge.
                # "vielen/einigen von ihnen", "many of them": quantifiers only with von/of.
                quantifier = word in ("vielen", "einigen", "manchen", "many", "some")
                if quantifier and self.word(i + 1) not in ("von", "of"):
                    continue
                return self.tokens[i].text
        return None

    def negated(self, hit: Hit) -> bool:
        """A negation near the trigger, or later in its clause ("… ist die IAEO dennoch nie
        geworden") — but not "nicht nur … sondern auch"."""
        if self.has_word("negations", hit.first - 3, hit.first):
            return True
        if self.has_word("clause_negations", self.after_last_comma(hit), hit.first):
            return True  # "Dem Rat gehören weder das UNRISD noch die UNU als Mitglieder an"
        for i in range(hit.first + 1, len(self.tokens)):
            if (
                any(ch in self.gap(i - 1) for ch in ",;:–—")
                or self.word(i) in self.lex.words["clause_ends"]
            ):
                return False  # the clause ends ("… joined the IASC in 1992 and has not left it")
            if self.word(i) in self.lex.words["negations"] and self.word(i + 1) not in (
                "nur",
                "only",
            ):
                return True
        return False

    def context_phrase(self, hit: Hit, objects: list[Mention]) -> str | None:
        """ "bei Naturkatastrophen", "in natural disasters": the situation a lead is for."""
        starts = [i for i, w in enumerate(self.folded) if w in ("bei", "during")]
        if objects:
            i = max(o.last_token for o in objects) + 1
            if "(" in self.gap(i - 1):  # skip a parenthesised acronym: "Cluster (CCCM) bei …"
                while i < len(self.tokens) and ")" not in self.gap(i):
                    i += 1
                i += 1
            if self.word(i) in self.lex.words["context_preps"]:
                starts.insert(0, i)
        for start in starts:
            if any(a.first_token in (start + 1, start + 2) for a in self.args):
                continue
            words = []
            for j in range(start + 1, min(len(self.tokens), start + 4)):
                token = self.tokens[j]
                capital = token.text[:1].isupper()
                follows = j + 1 < len(self.tokens) and self.tokens[j + 1].text[:1].isupper()
                if self.lang == "de" and not capital and not follows:
                    break
                words.append(token.text)
                if any(ch in self.gap(j) for ch in ",.;:()") or (self.lang == "de" and capital):
                    break
            if words:
                return " ".join(words)
        return None

    def verb_final(self, hit: Hit) -> bool:
        """ "…, die die UN-Länderteams leiten und …": a lower-case trigger that closes its clause."""
        if self.tokens[hit.last].text[:1].isupper():
            return False
        gap = self.gap(hit.last)
        return (
            hit.last == len(self.tokens) - 1
            or any(ch in gap for ch in ",.;")
            or self.word(hit.last + 1) in self.lex.words["clause_ends"]
        )

    def context_after(self, m: Mention) -> str | None:
        """The "bei Konflikten" that follows one organization in a list item."""
        i = m.last_token + 1
        if self.word(i) not in ("bei", "in", "for", "during"):
            return None
        words = []
        for j in range(i + 1, min(len(self.tokens), i + 4)):
            if any(a.first_token == j for a in self.args):
                break
            words.append(self.tokens[j].text)
            if any(ch in self.gap(j) for ch in ",.;:()") or (
                self.lang == "de" and self.tokens[j].text[:1].isupper()
            ):
                break
        return " ".join(words) or None

    def enumerated_after(self, first: Mention) -> list[Mention]:
        """The organizations enumerated right after one: "of the United Nations and FAO"."""
        found: list[Mention] = []
        current = first
        for a in self.args:
            if a.first_token <= current.last_token:
                continue
            between = self.text[current.end - self.base : a.start - self.base].casefold()
            between = re.sub(r"\([^()]*\)", " ", between).strip()  # "(UNHCR), dem …"
            words = [w for w in between.replace(",", " ").split() if w not in ARTICLES]
            # ", die IOM" continues a list; ", den die IOM …" starts a relative clause.
            articles = [w for w in between.replace(",", " ").split() if w in ARTICLES]
            comma_only = not words and "," in between and len(articles) <= 1
            if "," in between and words in (["und"], ["and"]) and self._opens_clause(a):
                break  # "member of IFFIm, and the World Bank acts as …": a new clause
            if comma_only or (words and " ".join(words) in self.lex.words["enumeration_links"]):
                found.append(a)
                current = a
            else:
                break
        return found

    def next_object(self, hit: Hit, mentions: list[Mention]) -> Mention | None:
        """The organization right after the trigger (after its preposition, if it has one): an
        article and lower-case adverbs may stand between ("berichtet jährlich der
        Generalversammlung"), a preposition, conjunction or comma may not; "hosted WHO experts"
        names people, not WHO."""
        links = self.lex.words["object_preps"] | self.lex.words["object_stops"]
        at = max((i for i in hit.at if self.word(i) in links), default=hit.last)
        starts = {m.first_token for m in mentions}
        i, article = at + 1, False
        while i < len(self.tokens) and i - at <= 3 and i not in starts:
            if any(ch in self.gap(i - 1) for ch in ",;:("):
                return None
            if self.tokens[i].key == ARTICLE_KEY and not article:
                i, article = i + 1, True
                continue
            if (
                self.tokens[i].text.islower()
                and self.word(i) not in links
                and not article  # "the report alongside UNICEF": no noun after the article
            ):
                i += 1  # an adverb: "jährlich", "closely"
                continue
            break
        found = next((m for m in mentions if m.first_token == i), None)
        if found is None or self.lang != "en":
            return found
        nxt = found.last_token + 1
        noun = (
            nxt < len(self.tokens)
            and self.tokens[nxt].text.isalpha()
            and self.tokens[nxt].text.islower()
            and self.word(nxt) not in links | self.lex.words["enumeration_links"]
            and self.word(nxt) not in self.lex.words["subordinators"]
        )
        return None if noun and not self.gap(found.last_token).strip() else found

    def qualifies_noun(self, m: Mention) -> bool:
        """ "die Bildungsinitiative der UNESCO": a genitive after a noun that names no
        organization — the organization only qualifies it."""
        i = m.first_token - 1
        if i < 1 or self.word(i) not in self.lex.words["genitive_links"]:
            return False
        noun = self.tokens[i - 1]
        return noun.text[:1].isupper() and (i - 1) not in self.covered

    def genitive_attributes(self, mentions: list[Mention]) -> list[Mention]:
        """Those of `mentions` that name whose another one is: "the Executive Board of UNDP,
        UNFPA and UNOPS", "dem Exekutivrat der UNESCO" — not objects of their own."""
        links = self.lex.words["genitive_links"]
        found: list[Mention] = []
        for owner in mentions:
            i = owner.last_token + 1
            if owner in found or self.word(i) not in links:
                continue
            if i + 1 < len(self.tokens) and self.tokens[i + 1].key == ARTICLE_KEY:
                i += 1
            first = next((a for a in mentions if a.first_token == i + 1), None)
            if first is not None:
                found += [first, *self.enumerated_after(first)]
        return found

    def _opens_clause(self, m: Mention) -> bool:
        """A name after ", und"/", and" that a finite verb follows is a new clause's subject.
        German lists have no comma before "und"; English lists may, so there the verb must be a
        present-tense third person ("acts", "is")."""
        nxt = self.word(m.last_token + 1)
        if not nxt or not self.tokens[m.last_token + 1].text.islower():
            return False
        if self.lang == "de":
            return True
        return nxt in self.lex.words["copulas"] or (
            len(nxt) >= 4 and nxt.endswith("s") and not nxt.endswith("ss")  # "acts", not "as"
        )

    def _marked_body(self, region: list[Mention]) -> Mention | None:
        marked = [a for a in region if self.after_mark(a, "target_marks")]
        typed = [a for a in region if self.body_type(a.entity)]
        found = marked or typed
        return found[0] if found else None

    def _passive(self, hit: Hit) -> bool:
        return self.has_word("passive_aux", hit.first - 8, hit.first)

    def counts(self, found: list[Found]) -> list[FoundCount]:
        if not any(self.lex.has("count_cues", w) for w in self.folded):
            return []
        result = []
        for i, word in enumerate(self.folded[:-1]):
            value = int(word) if DIGITS.match(word) else self.lex.number_words.get(word)
            if value is None or value < 2:
                continue
            if not self.lex.has("count_nouns", self.folded[i + 1], self.tokens[i + 1].key):
                continue
            if i > 0 and self.folded[i - 1] in ("weitere", "neue", "more", "new", "additional"):
                continue
            body = self._count_body(i, found)
            if body:
                result.append(FoundCount(body, value, self.tokens[i].start))
        return result

    def _count_body(self, at: int, found: list[Found]) -> str | None:
        # "der EMG-Mitglieder", "the EMG's members": the body named nearest before the number.
        near = [a for a in self.args if a.last_token < at and self.body_type(a.entity)]
        if near:
            return near[-1].entity
        before = [a for a in self.args if a.last_token < at]
        if before:  # "zählte UNAIDS insgesamt elf Cosponsoren"
            return before[-1].entity
        bodies = [f.object for f in found if f.predicate == "member_of"]
        return bodies[-1] if bodies else self.ctx.body
