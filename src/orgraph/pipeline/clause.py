"""A sentence seen as tokens and organizations: the questions relation frames ask of it.

Which word governs an organization (a preposition, an agent's "von"/"by"), where a clause
ends, who the subject is (before the verb, after it, or a pronoun), what is enumerated.
"""

from __future__ import annotations

import re

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

# ", aus der später …", ", die formal …", ", den die IOM …" — not the article of a listed name
# (", der Sonderberichterstatter").
_LATER_RELATIVE = re.compile(
    r",\s+(?:(?:aus|in|mit|von|bei|zu|an|unter|nach|from|with|of|in)\s+)?"
    r"(?:der|die|das|dem|den|denen|deren|dessen|which|who|whom|whose)\s+"
    r"(?:[a-zäöüß0-9]|(?:der|die|das|dem|den|the)\s)"
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
        self.open_frame: OpenFrame | None = None
        self.hits: list[Hit] = []  # the sentence's triggers, once read
        self.subsidiary = False  # set by a founding frame whose founders are principal organs

    def word(self, i: int) -> str:
        return self.folded[i] if 0 <= i < len(self.tokens) else ""

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        if i < 0 or i + 1 >= len(self.tokens):
            return ""
        return self.text[self.tokens[i].end - self.base : self.tokens[i + 1].start - self.base]

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

    def in_later_relative(self, m: Mention, hit: Hit) -> bool:
        """Whether a mention stands in a relative clause opened after the trigger that has a
        relation of its own ("… der Genfer Migrationsgruppe, aus der später die GMG hervorging");
        not in one that completes the trigger's ("der Beobachterstatus …, den die IOM erhielt")."""
        if m.first_token <= hit.last:
            return False
        offset = self.tokens[hit.last].end - self.base
        opener = _LATER_RELATIVE.search(self.text, offset, m.start - self.base)
        if opener is None:
            return False
        at = opener.start() + self.base
        return any(self.tokens[h.first].start > at for h in self.hits if h is not hit)

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

    def opens_relative(self, hit: Hit) -> bool:
        """Whether the trigger's clause is a relative clause whose pronoun is its subject."""
        start = max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)
        return (
            start > 0
            and self.word(start) in self.lex.words["subject_relatives"]
            and not any(
                start < a.first_token < hit.first for a in self.args if not self.prepositional(a)
            )
        )

    def relative_antecedent(self, hit: Hit) -> Mention | None:
        """ "die Weltbank, die formal eine Sonderorganisation ist", "the HLCP, itself a committee
        of the CEB": when the trigger stands in a relative clause whose pronoun is its subject, or
        in an apposition, the organization they describe."""
        for i in range(hit.first - 1, -1, -1):
            if "," not in self.gap(i):
                continue
            opener = self.word(i + 1)
            if not (
                opener in self.lex.words["subject_relatives"]
                or opener in self.lex.words["appositive_openers"]
            ):
                return None
            if any(i < a.first_token < hit.first for a in self.args):
                return None  # ", die die IOM 1951 gründete": another subject inside the clause
            # Right before the comma, or before a verb particle ("… die Weltbank hinzu, die …").
            return next((a for a in reversed(self.args) if i - 1 <= a.last_token <= i), None)
        return None

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
            if i > 0 and "," in self.gap(i - 1) and self.word(i) in self.lex.words["clause_stops"]:
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

    def main_clause_args(self) -> list[Mention]:
        """Organizations outside a leading subordinate clause ("Seit das IASC …, ist die IOM …")."""
        if self.word(0) not in self.lex.words["subordinators"]:
            return self.args
        comma = next((i for i in range(len(self.tokens)) if "," in self.gap(i)), None)
        return [a for a in self.args if comma is None or a.first_token > comma]

    def pair_subject(self, hit: Hit) -> list[str]:
        """ "Both organizations are cosponsors of UNAIDS", "die beiden Organisationen gründeten …":
        the two organizations the text last named together."""
        start = max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)
        words = self.folded[start : hit.first]
        if not any(w in self.lex.words["pair_words"] for w in words[:4]):
            return []
        if any(start <= a.first_token < hit.first and not self.prepositional(a) for a in self.args):
            return []
        return list(self.ctx.pair)

    def shares_subject(self, hit: Hit) -> bool:
        """ "…, und nimmt als ständiger Eingeladener … teil": a coordinated clause that opens with
        its verb has the subject of the clause before it."""
        start = max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)
        if start == 0 or self.word(start) not in ("und", "and", "sowie"):
            return False
        return (
            not any(
                start < a.first_token < hit.first for a in self.args if not self.prepositional(a)
            )
            and not self.tokens[start + 1].text[:1].isupper()
        )

    def pronoun_subject(self, hit: Hit) -> str | None:
        """ "Es gehört der UNSDG an", "Seither gehört sie der Gruppe an": a personal pronoun opens
        the trigger's clause or follows its verb; it stands for the organization last spoken of."""
        start = max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)
        pronouns = self.lex.words["subject_pronouns"]
        opening = self.word(start) in pronouns and not any(
            start < a.first_token < hit.first for a in self.args if not self.prepositional(a)
        )
        after_verb = hit.first <= start + 2 and self.word(hit.last + 1) in pronouns
        return self.ctx.actor if opening or after_verb else None

    def actors(self, found: list[Found]) -> list[str]:
        """Whom the sentence is about, for a pronoun in the next one: its claims' subjects, else its subjects."""
        if found:
            return list(dict.fromkeys(f.subject for f in found))
        return list(
            dict.fromkeys(a.entity for a in self.main_clause_args() if not self.prepositional(a))
        )

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
        return self.has_word("negations", hit.first - 3, hit.last + 3)

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

    def subjects(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str]
    ) -> tuple[list[str], bool]:
        """Who acts: before the trigger, right after the verb (inversion), a pronoun, or the previous clause's."""
        pair = self.pair_subject(hit)
        if pair:
            return pair, True
        if self.opens_relative(hit):
            # "eine Organisation, die mit der WHO … zusammenarbeiten sollte": the relative
            # pronoun is the subject — the organization before it, or none named.
            antecedent = self.relative_antecedent(hit)
            return ([antecedent.entity], False) if antecedent else ([], False)
        main = self.main_clause_args()
        own = [
            a.entity
            for a in before
            if a in main and not self.is_agent(a) and not self.prepositional(a)
        ]
        if own:
            return own, False
        clause_start = max((i + 1 for i in range(hit.first) if "," in self.gap(i)), default=0)
        pronoun = next(
            (
                i
                for i in range(clause_start, hit.first)
                if self.word(i) in self.lex.words["actor_pronouns"]
            ),
            None,
        )
        pronoun_next = self.word(hit.last + 1) in self.lex.words["actor_pronouns"]
        if (
            pronoun is None
            and pronoun_next
            and not self.has_word("joint_words", 0, len(self.tokens))
        ):
            pronoun = hit.last + 1  # "seither heißt es …" (not "leiten sie zusammen …")
        if pronoun is not None:
            # "Sie koordiniert das Netzwerk": the pronoun is the subject. It stands for an
            # organization named earlier in the same sentence ("die Stellung der IOM: Ihre
            # Missionsleiter …"), else for the one the text was about.
            earlier = [a for a in self.args if a.last_token < pronoun and not self.prepositional(a)]
            if earlier:
                return [earlier[-1].entity], True
            if self.ctx.actor:
                return [self.ctx.actor], True
        # "Den Vorsitz der EMG hat das UNEP inne": the trigger's genitive is its object.
        genitive = [
            a
            for a in after
            if a.first_token == hit.last + 2
            and self.word(hit.last + 1) in self.lex.words["genitive_links"]
        ]
        inverted = (
            []
            if pronoun_next
            else [a for a in after if not self.prepositional(a) and a not in genitive]
        )
        if inverted and inverted[0].first_token <= hit.first + 12:
            return [inverted[0].entity], False
        if previous:
            return previous, False
        first_object = after[0].first_token if after else len(self.tokens)
        joint = self.has_word("joint_words", 0, len(self.tokens))
        group = self.ctx.last_actors if len(self.ctx.last_actors) >= 2 else self.ctx.last_named
        if joint and len(group) == 2 and not before:
            return list(group), True  # "Seither leiten sie zusammen …", "beide"
        if self.ctx.actor and self.has_word("actor_pronouns", 0, first_object):
            return [self.ctx.actor], True
        return [], False

    def joined_by(self, m: Mention) -> bool:
        """Preceded by "together with", "zusammen mit", "gemeinsam mit", "alongside" (articles
        skipped; a later item of a list by the word before the first)."""
        if self.word_before(m) in ("alongside", "neben"):
            return True
        i = m.first_token - 1
        while i >= 0 and self.tokens[i].key == ARTICLE_KEY:
            i -= 1
        return self.word(i) in ("with", "mit") and self.word(i - 1) in self.lex.words["joint_words"]

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

    def _opens_clause(self, m: Mention) -> bool:
        """A name after ", und"/", and" that a finite verb follows is a new clause's subject.
        German lists have no comma before "und"; English lists may, so there the verb must be a
        present-tense third person ("acts", "is")."""
        nxt = self.word(m.last_token + 1)
        if not nxt or not self.tokens[m.last_token + 1].text.islower():
            return False
        if self.lang == "de":
            return True
        return nxt in self.lex.words["copulas"] or (nxt.endswith("s") and not nxt.endswith("ss"))

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
