"""Relations from trigger words and the organizations around them (SPEC §4.4–4.7).

Per sentence: find the triggers of `lexicon/relations.toml`; give each trigger
the organizations of its stretch of the sentence (subjects before it, objects
after it, up to the next trigger or a subordinate clause); read them by the
trigger's frame; expand enumerations to one claim per organization; attach
the nearest time expression. Every claim records the frame that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgraph.names import fold
from orgraph.pipeline.lexicon import Lexicon, Trigger, lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY, Token

_INSTRUMENT = re.compile(r"\b(?:[A-Z]{1,2}/RES/\d+/\d+|(?:Resolution|resolution)\s+\d+/\d+)")
_DIGITS = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class Found:
    """A relation read from one sentence, before dates and evidence are attached."""

    subject: str
    predicate: str
    object: str
    role: str | None
    qualifiers: tuple[tuple[str, str], ...]
    frame: str
    anchor: int  # character offset of the trigger (to find the nearest date)
    hedge: str | None = None
    inherited: bool = False  # an argument came from the previous sentence


@dataclass(frozen=True)
class FoundCount:
    body: str
    count: int
    anchor: int


@dataclass
class Context:
    """What earlier sentences leave for later ones: subjects, partners, the last body."""

    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    body: str | None = None
    types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    trigger: Trigger
    first: int  # token span of the trigger
    last: int


def find_triggers(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    hits: list[Hit] = []
    folded = [fold(t.text) for t in tokens]
    for i, token in enumerate(tokens):
        for trigger in lex.triggers:
            if not trigger.words[0].matches(folded[i], token.key):
                continue
            position, ok = i, True
            for word in trigger.words[1:]:
                window = range(position + 1, min(len(tokens), position + 2 + trigger.gap))
                nxt = next((j for j in window if word.matches(folded[j], tokens[j].key)), None)
                if nxt is None:
                    ok = False
                    break
                position = nxt
            if ok:
                hits.append(Hit(trigger, i, position))
    # Longest first; drop hits inside a longer one ("member" inside "founding member").
    hits.sort(key=lambda h: (-(h.last - h.first), h.first))
    kept: list[Hit] = []
    for hit in hits:
        if not any(k.first <= hit.first and hit.last <= k.last for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.first)


class SentenceReader:
    """Reads the relations of one sentence; holds the sentence's tokens and organizations."""

    def __init__(self, text: str, tokens: list[Token], base: int, args: list[Mention], ctx: Context, lang: str) -> None:
        self.text, self.tokens, self.base, self.args, self.ctx, self.lang = text, tokens, base, args, ctx, lang
        self.lex = lexicon()
        self.folded = [fold(t.text) for t in tokens]

    # -- helpers over token positions ------------------------------------------------

    def word(self, i: int) -> str:
        return self.folded[i] if 0 <= i < len(self.tokens) else ""

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        if i + 1 >= len(self.tokens):
            return ""
        return self.text[self.tokens[i].end - self.base : self.tokens[i + 1].start - self.base]

    def is_agent(self, m: Mention, marks: str = "agent_preps") -> bool:
        """Preceded by von/durch/by (skipping articles and people nouns like "den Leitern der")."""
        i = m.first_token - 1
        steps = 0
        while i >= 0 and steps < 4:
            if self.word(i) in self.lex.words[marks]:
                return True
            if "," in self.gap(i) or self.tokens[i].key != ARTICLE_KEY and steps and self.word(i) in self.lex.words["object_preps"]:
                return False
            i -= 1
            steps += 1
        return False

    def after_mark(self, m: Mention, marks: str) -> bool:
        i = m.first_token - 1
        while i >= 0 and (self.tokens[i].key == ARTICLE_KEY or self.text[self.tokens[i].end - self.base :][:1] in "„“\""):
            if self.word(i) in self.lex.words[marks]:
                return True
            i -= 1
        return self.word(i) in self.lex.words[marks]

    def clause_end(self, start: int, limit: int) -> int:
        """First token index ≥ start where a subordinate clause begins (", um …"), else limit."""
        for i in range(start, limit):
            if i > 0 and "," in self.gap(i - 1) and self.word(i) in self.lex.words["clause_stops"]:
                return i
        return limit

    def body_type(self, entity: str) -> bool:
        return self.ctx.types.get(entity, "organization") in self.lex.words["body_types"]

    def can_be_member(self, entity: str) -> bool:
        return self.ctx.types.get(entity, "organization") not in self.lex.words["non_member_types"]

    def pronoun_at(self, first: int, last: int) -> bool:
        return any(self.word(i) in self.lex.words["plural_pronouns"] for i in range(first, last))

    def hedge(self) -> str | None:
        for i, word in enumerate(self.folded):
            if word in self.lex.words["hedges"]:
                # "vielen/einigen von ihnen", "many of them": only with a following "von"/"of".
                if word in ("vielen", "einigen", "manchen", "many", "some") and self.word(i + 1) not in ("von", "of"):
                    continue
                return self.tokens[i].text
        return None

    def negated(self, hit: Hit) -> bool:
        window = range(max(0, hit.first - 3), min(len(self.tokens), hit.last + 3))
        return any(self.word(i) in self.lex.words["negations"] for i in window)

    def context_phrase(self, after: int) -> str | None:
        """"bei Naturkatastrophen", "in natural disasters": the situation a lead is for."""
        i = after + 1
        if "(" in self.gap(after):  # skip a parenthesised acronym: "Cluster (CCCM) bei …"
            while i < len(self.tokens) and ")" not in self.gap(i):
                i += 1
            i += 1
        if self.word(i) not in self.lex.words["context_preps"] or any(a.first_token == i + 1 for a in self.args):
            return None
        words = []
        for j in range(i + 1, min(len(self.tokens), i + 4)):
            token = self.tokens[j]
            if self.lang == "de" and not token.text[:1].isupper() and not (j + 1 < len(self.tokens) and self.tokens[j + 1].text[:1].isupper()):
                break
            words.append(token.text)
            if any(ch in self.gap(j) for ch in ",.;:()"):
                break
        return " ".join(words) or None

    # -- reading ------------------------------------------------------------------------

    def read(self) -> tuple[list[Found], list[FoundCount]]:
        hits = [h for h in find_triggers(self.tokens, self.lex) if not self.negated(h)]
        found: list[Found] = []
        previous_subjects: list[str] = []
        consumed = -1
        for n, hit in enumerate(hits):
            limit = hits[n + 1].first if n + 1 < len(hits) else len(self.tokens)
            stop = self.clause_end(hit.last + 1, limit)
            before = [a for a in self.args if consumed < a.last_token < hit.first]
            after = [a for a in self.args if hit.last < a.first_token < stop]
            region = before + after
            claims = self.frame(hit, before, after, region, previous_subjects, stop)
            if claims:
                found.extend(claims)
                # A coordinated clause without its own subject shares the previous one's.
                previous_subjects = list(dict.fromkeys(c.subject for c in claims))
                consumed = max([a.last_token for a in after] or [consumed])
        return self.finish(found), self.counts(found)

    def finish(self, found: list[Found]) -> list[Found]:
        instrument = _INSTRUMENT.search(self.text)
        hedge = self.hedge()
        result = []
        for f in found:
            if f.subject == f.object:
                continue
            predicate = f.predicate
            if predicate == "member_of" and self.ctx.types.get(f.object) == "system":
                predicate = "part_of"  # joining a system (the UN system) is becoming part of it
            qualifiers = dict(f.qualifiers)
            if instrument and predicate in ("member_of", "agreement_with", "part_of"):
                qualifiers["instrument"] = instrument.group()
            result.append(Found(f.subject, predicate, f.object, f.role if predicate == "member_of" or predicate == "leads" else None,
                                tuple(sorted(qualifiers.items())), f.frame, f.anchor, hedge or f.hedge, f.inherited))
        return result

    def frame(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> list[Found]:
        trigger = hit.trigger
        anchor = self.tokens[hit.first].start
        reader = getattr(self, f"_frame_{trigger.frame}")
        pairs: list[tuple[str, str]]
        inherited = False
        pairs, inherited = reader(hit, before, after, region, previous, stop)
        quals: tuple[tuple[str, str], ...] = (("kind", trigger.kind),) if trigger.kind else ()
        if trigger.predicate == "leads" and after:
            context = self.context_phrase(max(a.last_token for a in after))
            if context:
                quals += (("context", context),)
        return [
            Found(s, trigger.predicate, o, trigger.role, quals, trigger.frame, anchor, inherited=inherited)
            for s, o in pairs
        ]

    def _subjects(self, before: list[Mention], previous: list[str], hit: Hit) -> tuple[list[str], bool]:
        subjects = [a.entity for a in before if not self.is_agent(a)]
        if subjects:
            return subjects, False
        if previous:
            return previous, False
        if self.ctx.subjects and any(self.word(i) in ("sie", "es", "er", "it", "she", "they") for i in range(0, hit.first)):
            return self.ctx.subjects[-1:], True
        return [], False

    def _frame_directed(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        subjects, inherited = self._subjects(before, previous, hit)
        objects = [a.entity for a in after]
        if not objects and self.pronoun_at(hit.last, stop):
            objects, inherited = list(self.ctx.objects), True
        if hit.trigger.passive:
            subjects, objects = objects, subjects
        return [(s, o) for s in subjects for o in objects], inherited

    def _frame_status(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        body = None
        for a in after:
            between = range(hit.last + 1, a.first_token)
            connectors = all(self.tokens[i].key == ARTICLE_KEY or self.word(i) in self.lex.words["object_preps"] or not self.tokens[i].text[:1].isupper() and self.lang == "de" for i in between)
            if len(between) <= 3 and connectors and not any(ch in self.gap(i) for i in range(hit.last, a.first_token) for ch in ",;:–—()"):
                body = a.entity
            break
        if body is None:
            return [], False
        members = [a.entity for a in region if a.entity != body and not self.is_agent(a, "strong_agent_preps") and self.can_be_member(a.entity)]
        inherited = False
        if not members and previous:
            members = previous
        return [(m, body) for m in dict.fromkeys(members)], inherited

    def _frame_join(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        bodies = [a for a in after if self.after_mark(a, "target_marks")] or [a for a in region if self.body_type(a.entity)] or after[:1]
        if not bodies:
            return [], False
        body = bodies[0].entity
        members = [a.entity for a in region if a.entity != body and self.can_be_member(a.entity)]
        inherited = False
        if not members:
            members, inherited = self._subjects([], previous, hit)
        self.ctx.body = body
        return [(m, body) for m in dict.fromkeys(members)], inherited

    def _body_in_sentence(self, exclude: set[str]) -> str | None:
        typed = [a.entity for a in self.args if self.body_type(a.entity) and a.entity not in exclude]
        return typed[0] if typed else None

    def _frame_admit(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        inside_marks = [a for a in after if self.after_mark(a, "target_marks")]
        body = inside_marks[0].entity if inside_marks else self._body_in_sentence(set())
        inherited = False
        if body is None and self.folded[hit.first] in ("nahm", "nahmen", "admitted") and region:
            body = region[0].entity  # active voice: the body is the subject
        if body is None:
            body, inherited = self.ctx.body, True
        if body is None:
            return [], False
        members = [a.entity for a in region if a.entity != body and self.can_be_member(a.entity)]
        self.ctx.body = body
        return [(m, body) for m in dict.fromkeys(members)], inherited

    def _frame_expand(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        mark = next((i for i in range(0, stop) if self.word(i) in self.lex.words["expansion_marks"]), None)
        if mark is None:
            return [], False
        members = [a for a in self.args if a.first_token > mark and a.first_token < stop]
        others = [a for a in region if a not in members]
        body = next((a.entity for a in others if self.body_type(a.entity)), others[0].entity if others else self.ctx.body)
        if body is None:
            return [], False
        self.ctx.body = body
        return [(m.entity, body) for m in members if m.entity != body], False

    def _frame_found(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        agents = [a for a in self.args if self.is_agent(a) and a.first_token < stop]
        if agents:
            founders = [a for a in self.args if a.first_token >= agents[0].first_token and a.first_token < stop]
            earlier = [a for a in self.args if a.last_token < agents[0].first_token]
            if not earlier:
                return [], False
            body = earlier[-1].entity
        else:
            founders = before
            if not after:
                return [], False
            body = after[0].entity
        self.ctx.body = body
        return [(f.entity, body) for f in founders if f.entity != body], False

    def _frame_rename(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        if hit.trigger.predicate == "replaced_by" and not any(self.after_mark(a, "agent_preps") for a in after) and before and after and not self._passive(hit):
            return [(after[0].entity, before[-1].entity)], False  # "Y replaced X"
        marked = [a for a in region if self.after_mark(a, "target_marks") or self.after_mark(a, "agent_preps")]
        new = marked[-1] if marked else (after[0] if after else None)
        if new is None:
            return [], False
        old = [a for a in region if a is not new and a.first_token < new.first_token]
        inherited = False
        if not old:
            olds, inherited = self._subjects([], previous, hit)
            return [(o, new.entity) for o in olds], inherited
        return [(old[-1].entity, new.entity)], inherited

    def _passive(self, hit: Hit) -> bool:
        return any(self.word(i) in self.lex.words["passive_aux"] for i in range(max(0, hit.first - 8), hit.first))

    def _frame_merge(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        targets = [a for a in region if self.after_mark(a, "target_marks")]
        if targets:
            target = targets[-1]
            merged = [a for a in region if a is not target]
        elif before and after:
            target, merged = before[-1], after  # "X entstand aus der Zusammenlegung von A, B"
        else:
            return [], False
        return [(m.entity, target.entity) for m in merged if m.entity != target.entity], False

    def _frame_agreement(self, hit: Hit, before: list[Mention], after: list[Mention], region: list[Mention], previous: list[str], stop: int) -> tuple[list[tuple[str, str]], bool]:
        between = [a for a in region if self.after_mark(a, "between_marks")]
        if between:
            first = between[0]
            rest = [a for a in region if a.first_token > first.first_token]
            return ([(first.entity, rest[0].entity)] if rest else []), False
        subjects, inherited = self._subjects(before, previous, hit)
        partners = [a.entity for a in after]
        if not partners and self.pronoun_at(0, stop):
            partners, inherited = list(self.ctx.objects), True
            subjects = subjects or self.ctx.subjects[-1:]
        return [(s, p) for s in subjects for p in partners if s != p], inherited

    # -- stated counts ------------------------------------------------------------------------

    def counts(self, found: list[Found]) -> list[FoundCount]:
        if not any(self.lex.has("count_cues", w) for w in self.folded):
            return []
        result = []
        for i, word in enumerate(self.folded[:-1]):
            value = int(word) if _DIGITS.match(word) else self.lex.number_words.get(word)
            if value is None or value < 2:
                continue
            nxt = self.folded[i + 1]
            if not self.lex.has("count_nouns", nxt, self.tokens[i + 1].key):
                continue
            if i > 0 and self.folded[i - 1] in ("weitere", "neue", "more", "new", "additional"):
                continue
            body = self._count_body(i, found)
            if body:
                result.append(FoundCount(body, value, self.tokens[i].start))
        return result

    def _count_body(self, at: int, found: list[Found]) -> str | None:
        # "der GMG-Mitglieder", "the GMG's members": the body named nearest before the number.
        near = [a for a in self.args if a.last_token < at and self.body_type(a.entity)]
        if near:
            return near[-1].entity
        bodies = [f.object for f in found if f.predicate == "member_of"]
        return bodies[-1] if bodies else self.ctx.body
