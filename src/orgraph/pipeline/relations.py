"""Relations from trigger words and the organizations around them (SPEC §4.4–4.7).

Per sentence: find the triggers of `lexicon/relations.toml`; give each trigger
the organizations of its stretch of the sentence (up to the next trigger or a
subordinate clause); read them by the trigger's frame; expand enumerations to
one claim per organization. Subjects may stand before the verb, after it
(German inversion: "Eng arbeitet die IOM mit …"), or be a pronoun that points
to the organization the text was just about. Every claim records its frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from orgraph.names import fold
from orgraph.pipeline.lexicon import Lexicon, Trigger, lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY, Token

_INSTRUMENT = re.compile(r"\b(?:[A-Z]{1,2}/RES/\d+/\d+|(?:Resolution|resolution)\s+\d+/\d+)")
_DIGITS = re.compile(r"^\d{1,4}$")
_QUOTES = "„“\"”«»‚‘'"
ARTICLE_WORDS = frozenset(["der", "die", "das", "des", "dem", "den", "the"])

Pairs = list[tuple[str, str]]


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
    inherited: bool = False  # an argument came from an earlier sentence


@dataclass(frozen=True)
class FoundCount:
    body: str
    count: int
    anchor: int


@dataclass
class Context:
    """What earlier sentences leave for later ones."""

    actor: str | None = None  # the organization the text was last about (for "sie", "es", "ihre")
    last_actors: list[str] = field(default_factory=list)  # all of them, for "sie zusammen"
    last_named: list[str] = field(
        default_factory=list
    )  # every organization of the last sentence, for "beide"
    objects: list[str] = field(default_factory=list)  # last partners (for "ihnen", "them")
    body: str | None = None  # the last body members joined (for "in die Gruppe aufgenommen")
    focus_body: str | None = None  # the body the text is mostly about
    recent_body: str | None = None  # the body named last
    types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenFrame:
    """A list intro ending in ':' whose trigger found its subject but not its objects."""

    trigger: Trigger
    subjects: tuple[str, ...]
    body: str | None
    anchor: int
    # Every role the intro gives the listed members: "Gegründet … von sechs Organisationen, die
    # damit zugleich seine ersten Cosponsoren wurden:" — founding members and cosponsors.
    roles: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Hit:
    trigger: Trigger
    first: int  # token span of the trigger
    last: int


def find_triggers(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    hits: list[Hit] = []
    folded = [fold(t.text) for t in tokens]
    for i, token in enumerate(tokens):
        for trigger in lex.starting_with(folded[i], token.key):
            if i > 0 and folded[i - 1] in trigger.not_after:
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
        inside = [k for k in kept if k.first <= hit.first and hit.last <= k.last]
        if not any(k.trigger.predicate == hit.trigger.predicate for k in inside):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.first)


def drop_glosses(hits: list[Hit], text: str, tokens: list[Token], base: int) -> list[Hit]:
    """ "ständig Eingeladene (standing invitee)": a translation in parentheses is not a second trigger."""
    kept: list[Hit] = []
    for hit in hits:
        if kept:
            prev = kept[-1]
            gap = text[tokens[prev.last].end - base : tokens[hit.first].start - base]
            same = (prev.trigger.predicate, prev.trigger.role) == (
                hit.trigger.predicate,
                hit.trigger.role,
            )
            if same and gap.strip() == "(":
                continue
        kept.append(hit)
    return kept


class SentenceReader:
    """Reads the relations of one sentence; holds the sentence's tokens and organizations."""

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
        self.subsidiary = False  # set by a founding frame whose founders are principal organs

    # -- helpers over token positions ------------------------------------------------------

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
        i = m.first_token - 1
        while i >= 0 and self.tokens[i].key == ARTICLE_KEY and "," not in self.gap(i):
            i -= 1
        previous = next((a for a in reversed(self.args) if a.last_token < m.first_token), None)
        if previous is not None and previous is not m:
            between = self.text[previous.end - self.base : m.start - self.base]
            between = re.sub(r"\([^()]*\)", " ", between)
            words = [
                w for w in re.findall(r"[^\W\d_]+", between.casefold()) if w not in ARTICLE_WORDS
            ]
            if (not words and "," in between) or (
                words and " ".join(words) in self.lex.words["enumeration_links"]
            ):
                return self.word_before(previous)
        return self.word(i) if i >= 0 and "," not in self.gap(i) else ""

    def is_agent(self, m: Mention, marks: str = "agent_preps") -> bool:
        """Preceded by von/durch/by (skipping articles and people nouns: "von den Leitern der")."""
        i = m.first_token - 1
        for steps in range(4):
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
            ):
                return False
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
            if word in self.lex.words["hedges"]:
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

    # -- reading ----------------------------------------------------------------------------

    def read(self) -> tuple[list[Found], list[FoundCount]]:
        hits = drop_glosses(find_triggers(self.tokens, self.lex), self.text, self.tokens, self.base)
        hits = [
            h for h in hits if h.first not in self.covered
        ]  # "Commission on …" names, not triggers
        hits = [h for h in hits if not self.negated(h)]
        found: list[Found] = []
        previous: list[str] = []
        consumed = -1
        for n, hit in enumerate(hits):
            limit = hits[n + 1].first if n + 1 < len(hits) else len(self.tokens)
            if n + 1 < len(
                hits
            ):  # "…; nach Naturkatastrophen übernimmt die IOM die Führung": a new clause
                limit = next((i + 1 for i in range(hit.last, limit) if ";" in self.gap(i)), limit)
            stop = self.clause_end(hit.first + 1, limit)
            before = [a for a in self.args if consumed < a.last_token < hit.first]
            after = [a for a in self.args if hit.first < a.first_token < stop]
            claims = self.frame(hit, before, after, previous, stop)
            if claims:
                found.extend(claims)
                # A coordinated clause without its own subject shares the previous one's.
                previous = list(dict.fromkeys(c.subject for c in claims))
                consumed = max([a.last_token for a in after] or [consumed])
            if self.text.rstrip().endswith(":") and n == len(hits) - 1:
                # "…, nämlich:" — the list items that follow continue this trigger.
                subjects = tuple(previous or self.subjects(hit, before, after, previous)[0])
                self.open_frame = OpenFrame(
                    hit.trigger, subjects, self.ctx.body, self.tokens[hit.first].start
                )
        role = self.borrowed_role(hits)
        if role:
            found = [
                Found(
                    f.subject,
                    f.predicate,
                    f.object,
                    role,
                    f.qualifiers,
                    f.frame,
                    f.anchor,
                    f.hedge,
                    f.inherited,
                )
                if f.predicate == "member_of" and f.role == "member"
                else f
                for f in found
            ]
        if self.open_frame is not None and self.open_frame.trigger.predicate == "member_of":
            roles = [h.trigger.role for h in hits if h.trigger.predicate == "member_of"]
            roles = [r for r in roles if r != "member"] or [role or self.open_frame.trigger.role]
            self.open_frame = replace(self.open_frame, roles=tuple(dict.fromkeys(roles)))
        return self.finish(found), self.counts(found)

    def heading_frame(self) -> OpenFrame | None:
        hits = find_triggers(self.tokens, self.lex)
        if not hits:
            return None
        return OpenFrame(hits[-1].trigger, (), self.ctx.body, self.tokens[hits[-1].first].start)

    def borrowed_role(self, hits: list[Hit]) -> str | None:
        """ "Der Kreis der Cosponsoren wurde erweitert": a role word lends its role to the sentence's joins."""
        del hits  # role words inside a longer trigger ("trat … als Cosponsor bei") count too
        for i, token in enumerate(self.tokens):
            for trigger in self.lex.starting_with(self.folded[i], token.key):
                if (
                    trigger.frame == "status"
                    and trigger.predicate == "member_of"
                    and trigger.role not in (None, "member")
                    and len(trigger.words) == 1
                    and i not in self.covered
                ):
                    return trigger.role
        return None

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
            role = f.role if predicate in ("member_of", "leads") else None
            result.append(
                Found(
                    f.subject,
                    predicate,
                    f.object,
                    role,
                    tuple(sorted(qualifiers.items())),
                    f.frame,
                    f.anchor,
                    hedge or f.hedge,
                    f.inherited,
                )
            )
        return result

    def frame(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> list[Found]:
        trigger = hit.trigger
        reader = getattr(self, f"_frame_{trigger.frame}")
        self.subsidiary = False
        pairs, inherited = reader(hit, before, after, previous, stop)
        if self.subsidiary:
            trigger = replace(trigger, predicate="part_of", role=None, kind=None)
        quals: tuple[tuple[str, str], ...] = (("kind", trigger.kind),) if trigger.kind else ()
        if trigger.predicate == "leads":
            context = self.context_phrase(
                hit, [a for a in after if any(a.entity == o for _, o in pairs)]
            )
            if context:
                quals += (("context", context),)
        anchor = self.tokens[hit.first].start
        return [
            Found(
                s,
                trigger.predicate,
                o,
                trigger.role,
                quals,
                trigger.frame,
                anchor,
                inherited=inherited,
            )
            for s, o in dict.fromkeys(pairs)
            if s != o
        ]

    def subjects(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str]
    ) -> tuple[list[str], bool]:
        """Who acts: before the trigger, right after the verb (inversion), a pronoun, or the previous clause's."""
        main = self.main_clause_args()
        own = [
            a.entity
            for a in before
            if a in main and not self.is_agent(a) and not self.prepositional(a)
        ]
        if own:
            return own, False
        pronoun_next = self.word(hit.last + 1) in self.lex.words["actor_pronouns"]
        inverted = [] if pronoun_next else [a for a in after if not self.prepositional(a)]
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
        """Preceded by "together with", "zusammen mit", "gemeinsam mit" (articles skipped)."""
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

    def _frame_directed(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        if self.verb_final(hit) and hit.trigger.words[0].exact:
            # Objects stand before a clause-final verb; the subject opens the clause.
            start = max((i for i in range(hit.first) if "," in self.gap(i)), default=-1)
            clause = [a for a in self.args if start < a.first_token < hit.first]
            if len(clause) < 2:
                return [], False
            return [(clause[0].entity, a.entity) for a in clause[1:]], False
        agents = [a for a in before + after if self.is_agent(a)]
        if agents and self.has_word("passive_aux", hit.first - 2, hit.last + 3):
            # "Verwaltet wird vom OCHA der CERF": the agent acts on the other organizations.
            others = [a.entity for a in before + after if a not in agents]
            return [(g.entity, o) for g in agents for o in others], False
        subjects, inherited = self.subjects(hit, before, after, previous)
        # "UNICEF co-leads the cluster together with Save the Children": a partner in the act.
        partners = [a.entity for a in after if self.joined_by(a)]
        subjects = subjects + [p for p in partners if p not in subjects]
        objects = [a.entity for a in after if a.entity not in subjects]
        if not objects and hit.trigger.predicate == "leads" and self.ctx.recent_body:
            # "Den Vorsitz führt der Nothilfekoordinator": the chair of the body just spoken of.
            objects, inherited = [self.ctx.recent_body], True
        if not objects and self.has_word("plural_pronouns", hit.first, stop):
            objects, inherited = list(self.ctx.objects), True
        if hit.trigger.passive:
            subjects, objects = objects, subjects
        return [(s, o) for s in subjects for o in objects], inherited

    def _frame_passive(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        agents = [a for a in self.args if self.is_agent(a) and abs(a.first_token - hit.first) < 12]
        if not agents:
            return [], False
        first_agent = min(a.first_token for a in agents)
        earlier = [a for a in self.args if a.last_token < first_agent and a not in agents]
        if not earlier:
            return [], False
        chain = [
            a
            for a in self.args
            if first_agent <= a.first_token
            and a.first_token <= max(hit.last, agents[-1].first_token)
        ]
        return [
            (a.entity, earlier[-1].entity) for a in chain if a.entity != earlier[-1].entity
        ], False

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

    def _frame_involved(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        own = [a.entity for a in before + after if not self.prepositional(a)]
        subjects, inherited = (own[:1], False) if own else self.subjects(hit, [], [], previous)
        objects = [
            a.entity for a in before + after if a.entity not in subjects and self.prepositional(a)
        ]
        return [(s, o) for s in subjects for o in objects], inherited

    def _status_body(self, hit: Hit, after: list[Mention]) -> Mention | None:
        """The body right after a status word: "Beobachterstatus in der UN-Generalversammlung"."""
        if not after:
            return None
        candidate = after[0]
        between = []
        depth = 0
        for i in range(hit.last, candidate.first_token):
            gap = self.gap(i)
            depth += gap.count("(") - gap.count(")")
            if i > hit.last and depth <= 0:
                between.append(i)
            if depth <= 0 and any(ch in gap for ch in ",;:–—"):
                return None
        connectors = all(
            self.tokens[i].key == ARTICLE_KEY
            or self.word(i) in self.lex.words["object_preps"]
            or (
                self.lang == "de"
                and self.word(i).endswith(("e", "en", "er", "es", "em"))
                and self.word(i).islower()
            )
            for i in between
        )
        return candidate if len(between) <= 3 and connectors else None

    def _frame_status(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        if self.word(hit.first - 1) in self.lex.words["possessives"] and self.ctx.actor:
            # "Zu ihren Gründungspartnern gehörten A, B und C": the body is the one just spoken of.
            body = self.ctx.actor
            members = [
                a.entity for a in self.args if a.entity != body and self.can_be_member(a.entity)
            ]
            return [(m, body) for m in members], True
        capacity = self.word(hit.first - 1) in self.lex.words["capacity_marks"] or (
            self.word(hit.first - 2) in self.lex.words["capacity_marks"]
            and not self.tokens[hit.first - 1].text[:1].isupper()
        )
        body_mention = None if capacity else self._status_body(hit, after)
        if capacity:
            # "als ständiger Eingeladener in das IASC", "als Mitglied der Gruppe …": the body after
            # a preposition or a genitive; "als ständige Eingeladene das OHCHR": members, no body.
            marked = [
                a for a in region if self.after_mark(a, "object_preps") and a.first_token > hit.last
            ]
            genitive = (
                after
                and after[0].first_token == hit.last + 2
                and self.word(hit.last + 1) in self.lex.words["genitive_links"]
            )
            body_mention = after[0] if genitive else (marked[0] if marked else None)
        bodies: list[str] = []
        if body_mention is not None:
            body = body_mention.entity
            bodies = [body] + [a.entity for a in self.enumerated_after(body_mention)]
        else:
            # "Die Generalversammlung räumte der IOM den Beobachterstatus ein", or a list after ':'.
            listed = (
                bool(after)
                and ":"
                in self.text[self.tokens[hit.last].end - self.base : after[0].start - self.base]
            )
            if after and not listed and not capacity:
                return [], False
            granting = [a.entity for a in self.args if self.body_type(a.entity)]
            # "erhielten … den Status ständiger Eingeladener.": the status of the body the text is about.
            final = hit.last >= len(self.tokens) - 2 and self.word(hit.first - 1) in (
                "status",
                "rang",
            )
            fallback = (
                granting[0] if granting else (self.ctx.focus_body if capacity or final else None)
            )
            if fallback is None:
                return [], False
            body = fallback
            region = [a for a in self.args if a.entity != body]
            if not any(self.can_be_member(a.entity) for a in region):
                return [], False  # a bare "Ihre Mitgliedschaft wuchs": nobody named
        bodies = bodies or [body]
        members = [
            a.entity
            for a in region
            if a.entity not in bodies
            and not self.is_agent(a, "strong_agent_preps")
            and self.can_be_member(a.entity)
        ]
        inherited = False
        if not members:
            members, inherited = self.subjects(hit, [], [], previous)
        return [(m, b) for m in members for b in bodies], inherited

    def enumerated_after(self, first: Mention) -> list[Mention]:
        """The organizations enumerated right after one: "of the United Nations and FAO"."""
        found: list[Mention] = []
        current = first
        for a in self.args:
            if a.first_token <= current.last_token:
                continue
            between = self.text[current.end - self.base : a.start - self.base].casefold()
            between = re.sub(r"\([^()]*\)", " ", between).strip()  # "(UNHCR), dem …"
            words = [w for w in between.replace(",", " ").split() if w not in ARTICLE_WORDS]
            # ", die IOM" continues a list; ", den die IOM …" starts a relative clause.
            articles = [w for w in between.replace(",", " ").split() if w in ARTICLE_WORDS]
            comma_only = not words and "," in between and len(articles) <= 1
            if comma_only or (words and " ".join(words) in self.lex.words["enumeration_links"]):
                found.append(a)
                current = a
            else:
                break
        return found

    def _marked_body(self, region: list[Mention]) -> Mention | None:
        marked = [a for a in region if self.after_mark(a, "target_marks")]
        typed = [a for a in region if self.body_type(a.entity)]
        found = marked or typed
        return found[0] if found else None

    def _frame_join(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        # German marks what one joins with the dative: "trat das UNHCR dem UNAIDS bei".
        dative = [a for a in region if a.first_token > 0 and self.word(a.first_token - 1) == "dem"]
        body_mention = (
            self._marked_body(after) or self._marked_body(region) or (dative[0] if dative else None)
        )
        if (
            body_mention is None
            and after
            and after[0].first_token <= hit.last + 2
            and not self.tokens[hit.first].text[:1].isupper()
        ):
            body_mention = after[0]  # "WFP joined UNAIDS": the direct object of the verb
        if body_mention is None:
            typed = [a for a in self.args if self.body_type(a.entity)]
            if not typed:
                return [], False
            body_mention = typed[0]
        body = body_mention.entity
        members = [
            a.entity
            for a in region
            if a.entity != body and self.can_be_member(a.entity) and not self.is_agent(a)
        ]
        inherited = False
        if not members:
            members, inherited = self.subjects(hit, [], [], previous)
        self.ctx.body = body
        return [(m, body) for m in members], inherited

    def _frame_admit(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        marked = [a for a in region if self.after_mark(a, "target_marks")]
        typed = [a for a in self.args if self.body_type(a.entity)]
        inherited = False
        body: str | None
        if marked:
            body = marked[0].entity
        elif typed:
            body = typed[0].entity
        elif self.folded[hit.first] in ("nahm", "nahmen", "admitted") and region:
            body = region[0].entity  # active voice: the body is the subject
        else:
            body, inherited = self.ctx.body, True
        if body is None:
            return [], False
        members = [a.entity for a in region if a.entity != body and self.can_be_member(a.entity)]
        self.ctx.body = body
        return [(m, body) for m in members], inherited

    def _frame_expand(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        mark = next(
            (i for i in range(0, stop) if self.word(i) in self.lex.words["expansion_marks"]), None
        )
        if mark is None:
            return [], False
        members = [a for a in self.args if mark < a.first_token < stop]
        others = [a for a in before + after if a not in members]
        typed = [a.entity for a in others if self.body_type(a.entity)]
        body = typed[0] if typed else (others[0].entity if others else self.ctx.body)
        if body is None:
            return [], False
        self.ctx.body = body
        return [(m.entity, body) for m in members], False

    def _frame_found(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        agents = [a for a in self.args if self.is_agent(a) and a.first_token < stop]
        if agents:
            founders = [a for a in self.args if agents[0].first_token <= a.first_token < stop]
            earlier = [a for a in self.args if a.last_token < agents[0].first_token]
            if not earlier:
                return [], False
            body = earlier[-1].entity
            self.ctx.body = body
            if all(self.ctx.types.get(f.entity) == "principal_organ" for f in founders):
                # "established by ECOSOC": an organ creates a subsidiary body, not a membership.
                self.subsidiary = True
                return [(body, f.entity) for f in founders], False
        else:
            # Active: "X und Y gründeten Z", "Sechs Organisationen rufen Z ins Leben – A, B …",
            # "gründete sie zusammen mit A, B und C die Umweltmanagementgruppe".
            if not after:
                if (
                    before
                ):  # "Gegründet wurde UNAIDS 1994 von sechs Organisationen": the founded body
                    self.ctx.body = before[-1].entity
                return [], False
            direct = [a for a in after if not self.prepositional(a)]
            first = (direct or after)[0]
            chain = [first, *self.enumerated_after(first)]
            rest = [a for a in after if a.first_token > chain[-1].last_token]
            if len(chain) >= 2 and rest:
                # "gründeten ILO, IOM und UNHCR die Gruppe": the listed subjects, then the body.
                body = rest[0].entity
                return [(f.entity, body) for f in chain], False
            body = first.entity
            if self.ctx.types.get(body) == "principal_organ":
                # "rief die Generalversammlung es ins Leben": the organ founds, "es" is unresolved.
                return [], False
            ids = [a.entity for a in before + after if a.entity != body]
            if not before:  # "gründete sie …": the subject is a pronoun
                ids += [s for s in self.subjects(hit, [], [], previous)[0] if s != body]
            self.ctx.body = body
            return [(f, body) for f in ids], False
        self.ctx.body = body
        return [(f.entity, body) for f in founders], False

    def _frame_rename(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        replaced = hit.trigger.predicate == "replaced_by"
        if (
            replaced
            and before
            and after
            and not self._passive(hit)
            and not any(self.after_mark(a, "agent_preps") for a in after)
        ):
            return [(after[0].entity, before[-1].entity)], False  # "Y replaced X"
        marked = [
            a
            for a in region
            if self.after_mark(a, "target_marks") or self.after_mark(a, "agent_preps")
        ]
        new = marked[-1] if marked else (after[0] if after else None)
        if new is None:
            return [], False
        self.ctx.body = new.entity
        old = [
            a
            for a in region
            if a is not new and a.first_token < new.first_token and not self.is_agent(a)
        ]
        if not old:
            olds, inherited = self.subjects(hit, [], [], previous)
            return [(o, new.entity) for o in olds], inherited
        return [(old[-1].entity, new.entity)], False

    def _frame_emerge(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        source = next((i for i in range(len(self.tokens)) if self.word(i) in ("aus", "from")), None)
        if source is None:
            return [], False
        following = [a for a in self.args if a.first_token > source]
        preceding = [a for a in self.args if a.last_token < source]
        if not following:
            return [], False
        first = following[0]
        direct = all(
            self.tokens[i].key == ARTICLE_KEY or not self.tokens[i].text[:1].isupper()
            for i in range(source + 1, first.first_token)
        ) and not any(self.tokens[i].text.isdigit() for i in range(source + 1, first.first_token))
        if direct:  # "X ist aus Y hervorgegangen"
            new = next((a for a in preceding + following[1:] if a is not first), None)
            old = first
        else:  # "Y, aus der 2006 X hervorging": the relative pronoun stands for Y
            if not preceding:
                return [], False
            old, new = preceding[-1], first
        if new is None:
            return [], False
        self.ctx.body = new.entity
        return [(old.entity, new.entity)], False

    def _passive(self, hit: Hit) -> bool:
        return self.has_word("passive_aux", hit.first - 8, hit.first)

    def _frame_merge(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        targets = [a for a in region if self.after_mark(a, "target_marks")]
        if before and after and self.word(hit.last + 1) in self.lex.words["target_marks"]:
            # "A, B and C were merged into one body, the UNDCP": the first name after "into".
            target, merged = after[0], before
        elif targets:
            target, merged = targets[-1], [a for a in region if a is not targets[-1]]
        elif before and after:
            target, merged = before[-1], after  # "X entstand aus der Zusammenlegung von A, B"
        else:
            return [], False
        return [(m.entity, target.entity) for m in merged], False

    def _frame_agreement(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        between = [a for a in region if self.after_mark(a, "between_marks")]
        if between:
            rest = [a for a in region if a.first_token > between[0].first_token]
            return ([(between[0].entity, rest[0].entity)] if rest else []), False
        subjects, inherited = self.subjects(hit, before, after, previous)
        partners = [
            a.entity
            for a in after
            if a.entity not in subjects and self.after_mark(a, "object_preps")
        ]
        if not partners and self.has_word("plural_pronouns", 0, stop):
            partners, inherited = list(self.ctx.objects), True
        if not partners and len(subjects) >= 2:
            # "1996 unterzeichneten die IOM und die Vereinten Nationen ein Kooperationsabkommen".
            return [(subjects[0], s) for s in subjects[1:]], inherited
        return [(s, p) for s in subjects for p in partners], inherited

    # -- stated counts ------------------------------------------------------------------------

    def counts(self, found: list[Found]) -> list[FoundCount]:
        if not any(self.lex.has("count_cues", w) for w in self.folded):
            return []
        result = []
        for i, word in enumerate(self.folded[:-1]):
            value = int(word) if _DIGITS.match(word) else self.lex.number_words.get(word)
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
