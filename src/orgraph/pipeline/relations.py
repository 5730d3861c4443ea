"""Relations from trigger words and the organizations around them (SPEC §4.4–4.7).

Per sentence: find the triggers of `lexicon/relations.toml`; give each trigger
the organizations of its stretch of the sentence (up to the next trigger or a
subordinate clause); read them by the trigger's frame; expand enumerations to
one claim per organization. Subjects may stand before the verb, after it
(German inversion: "Eng arbeitet die IOM mit …"), or be a pronoun that points
to the organization the text was just about. Every claim records its frame.
"""

from __future__ import annotations

from dataclasses import replace

from orgraph.pipeline.frames import Frames
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY
from orgraph.pipeline.triggers import (
    INSTRUMENT,
    Context,
    Found,
    FoundCount,
    Hit,
    OpenFrame,
    drop_glosses,
    find_triggers,
)

__all__ = ["Context", "Found", "FoundCount", "OpenFrame", "SentenceReader"]


class SentenceReader(Frames):
    """Reads the relations of one sentence: triggers, their stretches, their frames."""

    def read(self, fallback: bool = True) -> tuple[list[Found], list[FoundCount]]:
        """The sentence's relations; `fallback` triggers only where nothing firmer is said and
        the sentence does not continue a list. A question states nothing ("Ist die WHO
        Mitglied der UNAIDS?")."""
        if self.text.rstrip().endswith("?"):
            return [], []
        hits = find_triggers(self.tokens, self.lex, self.text, self.base)
        hits = drop_glosses(hits, self.text, self.tokens, self.base)
        hits = [
            h for h in hits if h.first not in self.covered
        ]  # "Commission on …" names, not triggers
        hits = [h for h in hits if not self.negated(h)]
        if not fallback or any(not h.trigger.fallback for h in hits):
            hits = [h for h in hits if not h.trigger.fallback]
        hits = self.drop_topics(hits)
        self.hits = hits
        found: list[Found] = []
        previous: list[str] = []
        consumed = -1
        for n, hit in enumerate(hits):
            # The next trigger ends this one's stretch, unless it stands inside it ("gehörten ihm
            # neun Vollmitglieder an: …").
            limit = next((h.first for h in hits[n + 1 :] if h.first > hit.last), len(self.tokens))
            # "…; nach Naturkatastrophen übernimmt die IOM die Führung": a new clause (not the
            # next item of a list "A; B; C")
            limit = next(
                (
                    i + 1
                    for i in range(hit.last, limit)
                    if ";" in self.gap(i) and (n + 1 < len(hits) or self.clause_follows(i + 1))
                ),
                limit,
            )
            stop = self.clause_end(hit.first + 1, limit)
            before = [a for a in self.args if consumed < a.last_token < hit.first]
            after = [a for a in self.args if hit.first < a.first_token < stop]
            claims = self.frame(hit, before, after, previous, stop)
            if claims:
                found.extend(claims)
                # A coordinated clause without its own subject shares the previous one's.
                previous = list(dict.fromkeys(c.subject for c in claims))
                consumed = max([a.last_token for a in after] or [consumed])
            if self.text.rstrip().endswith(":") and n == len(hits) - 1 and hit.trigger.opens_list:
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

    def clause_follows(self, start: int) -> bool:
        """Whether what follows a semicolon is a new clause ("; die Verwaltungsfragen … gingen an
        den HLCM über"), not the next item of a list ("; das Entwicklungsprogramm (UNDP) …")."""
        if start < len(self.tokens) and self.tokens[start].key == ARTICLE_KEY:
            start += 1
        if self.word(start) in self.lex.words["list_continuations"]:
            return False
        first = next((a for a in self.args if a.first_token == start), None)
        if first is None:
            return True
        # "; die UNESCO war daran nicht beteiligt": a name with its own verb opens a clause
        i = self.index_after(first)
        return (
            i < len(self.tokens)
            and self.tokens[i].text.islower()
            and self.tokens[i].key != ARTICLE_KEY
            and self.word(i) not in self.lex.words["enumeration_links"]
            and not any(ch in self.gap(i - 1) for ch in ",;")  # "(UNHCR), die ILO, …": a list
        )

    def drop_topics(self, hits: list[Hit]) -> list[Hit]:
        """ "ein Abkommen über Zusammenarbeit und Beziehungen zwischen …", "an agreement on
        cooperation": the second trigger names the agreement's subject matter, not a relation."""
        kept: list[Hit] = []
        for hit in hits:
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and prev.trigger.frame == "agreement"
                and hit.first - prev.last == 2
                and self.word(prev.last + 1) in self.lex.words["topic_links"]
            ):
                continue
            kept.append(hit)
        return kept

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
        instrument = INSTRUMENT.search(self.text)
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
        self.established = False
        pairs, inherited = reader(hit, before, after, previous, stop)
        if self.established:
            trigger = replace(trigger, predicate="established_by", role=None, kind=None)
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
