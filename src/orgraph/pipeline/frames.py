"""Relation frames: how the organizations around a trigger are read (see `lexicon/relations.toml`).
Membership frames are in `membership.py`, succession frames in `succession.py`.

directed   subjects before (or inverted after) the trigger, objects after it
agreement  parties after zwischen/between, or a subject and partners after mit/with
involved   a subject and every other organization of its clause; passive: "von A geleitet"
"""

from __future__ import annotations

from itertools import combinations, pairwise

from orgraph.model import predicate
from orgraph.pipeline.membership import MembershipFrames
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.succession import SuccessionFrames
from orgraph.pipeline.tokens import ARTICLE_KEY
from orgraph.pipeline.triggers import Hit, Pairs


class Frames(MembershipFrames, SuccessionFrames):
    """The frame readers; each returns (subject, object) pairs and whether an argument was inherited."""

    def _frame_directed(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        closes = self.verb_final(hit)
        final = closes and hit.trigger.words[0].exact
        agents = [a for a in before + after if self.is_agent(a)]
        aux_from = self.after_last_comma(hit) if final else hit.first - 2
        if agents and self.has_word("passive_aux", aux_from, hit.last + 3):
            # "Verwaltet wird vom OCHA der CERF", "Der CERF wird vom OCHA verwaltet": the agent
            # acts on the other organizations.
            others = [a.entity for a in before + after if a not in agents]
            return self.oriented(hit, [(g.entity, o) for g in agents for o in others]), False
        if final:
            # Objects stand before a clause-final verb; the subject opens the clause.
            start = self.after_last_comma(hit) - 1
            clause = [a for a in self.args if start < a.first_token < hit.first]
            if len(clause) < 2:
                return [], False
            return [(clause[0].entity, a.entity) for a in clause[1:]], False
        if not after and closes:
            # "Der Fonds ist beim UNICEF angesiedelt": the object stands before a clause-final
            # participle, after its preposition
            start = self.after_last_comma(hit)
            clause = [a for a in before if a.first_token >= start]
            marked = [a for a in clause if self.after_mark(a, "final_objects")]
            subjects = [
                a.entity
                for a in clause
                if a not in marked and not self.prepositional(a) and not self.qualifies_noun(a)
            ]
            if marked and subjects:
                pairs = [(s, o.entity) for s in subjects[:1] for o in marked if s != o.entity]
                return self.oriented(hit, pairs), False
        if hit.trigger.object_next:
            # "hosted WHO", "reports to the Council": the object and the names listed with it
            obj = self.next_object(hit, after)
            if obj is None:
                return self.pronoun_object(hit, before, previous)
            listed = [obj, *self.enumerated_after(obj)]
            after = [a for a in after if a.first_token < obj.first_token or a in listed]
        subjects, inherited = self.subjects(hit, before, after, previous)
        # "UNICEF co-leads the cluster together with Save the Children": a partner in the act —
        # of the object named just before it ("two clusters: A, together with X, and B, together
        # with Y"), or of all of them.
        joined = [a for a in after if self.joined_by(a)]
        attributes = self.genitive_attributes(after)
        objects = [
            a.entity
            for a in after
            if a.entity not in subjects and a not in joined and a not in attributes
        ]
        partner_of = {
            p.entity: [o.entity for o in after if o not in joined and o.last_token < p.first_token][
                -1:
            ]
            for p in joined
        }
        if hit.trigger.passive or not objects or not any(partner_of.values()):
            subjects = subjects + [p.entity for p in joined if p.entity not in subjects]
            objects = [a.entity for a in after if a.entity not in subjects and a not in attributes]
        else:
            pairs = [(s, o) for s in subjects for o in objects]
            pairs += [(p, o) for p, owned in partner_of.items() for o in owned or objects]
            return list(dict.fromkeys(pairs)), inherited
        if (
            not objects
            and hit.trigger.predicate == "leads"
            and self.ctx.recent_body
            and self.ctx.recent_body not in {a.entity for a in self.args}
        ):
            # "Den Vorsitz führt der Nothilfekoordinator": the chair of the body just spoken of
            # (in an earlier sentence; one named in this one has its own role here).
            objects, inherited = [self.ctx.recent_body], True
        if not objects and self.has_word("plural_pronouns", hit.first, stop):
            objects, inherited = list(self.ctx.objects), True
        if hit.trigger.passive:
            # "a cluster under the joint leadership of FAO and WFP", "X umfasst A, B": the
            # organization right before the phrase is the one acted on.
            if before and self.word(hit.first) in self.lex.words["led_by_nouns"]:
                subjects = [before[-1].entity]
            subjects, objects = objects, subjects
        if not objects and len(subjects) >= 2 and predicate(hit.trigger.predicate).symmetric:
            # "UNICEF and WHO began working together": the subjects with each other.
            return list(combinations(subjects, 2)), inherited
        gapped = [] if hit.trigger.passive else self.gapped_subjects(after)
        if gapped:
            return self.gapped_pairs(subjects, after, gapped, attributes), inherited
        return [(s, o) for s in subjects for o in objects], inherited

    @staticmethod
    def oriented(hit: Hit, pairs: Pairs) -> Pairs:
        """Pairs read as (actor, acted on), turned for a trigger read backwards ("Der CERF wird
        vom OCHA beherbergt": the CERF is part of the OCHA)."""
        return [(o, s) for s, o in pairs] if hit.trigger.passive else pairs

    def pronoun_object(
        self, hit: Hit, before: list[Mention], previous: list[str]
    ) -> tuple[Pairs, bool]:
        """ "ECOSOC endorsed it, and the task force reports to it": an object pronoun right after
        the trigger stands for the organization named last before it that is not the subject."""
        links = self.lex.words["object_preps"]
        at = max((i for i in hit.at if self.word(i) in links), default=hit.last)
        if self.word(at + 1) not in self.lex.words["object_pronouns"]:
            return [], False
        start = self.after_last_comma(hit)
        own = [a.entity for a in before if a.first_token >= start and not self.prepositional(a)]
        subjects, inherited = (own, False) if own else self.subjects(hit, before, [], previous)
        earlier = [
            a.entity for a in self.args if a.last_token < hit.first and a.entity not in subjects
        ]
        return [(s, earlier[-1]) for s in subjects[:1] if earlier], inherited

    def gapped_subjects(self, after: list[Mention]) -> list[Mention]:
        """ "WHO leads the Health Cluster, UNICEF the Nutrition Cluster": a name after a comma or
        "and" that another name follows directly (an article between at most) is the subject of
        a clause whose verb is left out."""
        found = []
        for a, b in pairwise(after):
            between = range(a.last_token + 1, b.first_token)
            start = a.first_token - 1
            if start >= 0 and self.tokens[start].key == ARTICLE_KEY:
                start -= 1  # ", die WHO den Gesundheitscluster"
            opens = (
                self.gap(start).strip() in (",", ";")
                or self.word(start) in self.lex.words["enumeration_links"]
            )
            # English names run together ("UNDP Executive Board"): only with an article between
            articled = bool(between) or self.lang != "en"
            if (
                opens
                and articled
                and all(self.tokens[i].key == ARTICLE_KEY for i in between)
                and not any(self.gap(i).strip() for i in range(a.last_token, b.first_token))
            ):
                found.append(a)
        return found

    @staticmethod
    def gapped_pairs(
        subjects: list[str], after: list[Mention], gapped: list[Mention], skip: list[Mention]
    ) -> Pairs:
        """Each object with the subject of its stretch: the verb's own, then each gapped one."""
        pairs: Pairs = []
        current = subjects
        for a in after:
            if a in gapped:
                current = [a.entity]
            elif a not in skip:
                pairs += [(s, a.entity) for s in current if s != a.entity]
        return pairs

    def _frame_joint(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        """ "Gemeinsam mit dem UNEP baut die UNIDO Zentren auf": the organizations right after
        the phrase are partners of the clause's subject."""
        first = next((a for a in after if a.first_token <= hit.last + 2), None)
        if first is None:
            return [], False
        partners = [first, *self.enumerated_after(first)]
        rest = [a for a in after if a not in partners]
        subjects, inherited = self.subjects(hit, before, rest, previous)
        return [(s, p.entity) for s in subjects for p in partners if s != p.entity], inherited

    def _frame_constitute(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        if not before or not after:
            return [], False
        body = after[0].entity
        self.ctx.body = body
        return [(a.entity, body) for a in before if a.entity != body], False

    def _frame_passive(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        agents = [a for a in self.args if self.is_agent(a) and abs(a.first_token - hit.first) < 12]
        if not agents:
            return [], False
        first_agent = min(a.first_token for a in agents)
        earlier = [a for a in self.args if a.last_token < first_agent and a not in agents]
        if not earlier:
            # "It was hosted by UNOPS": a pronoun for the one the text was about
            referent = self.pronoun_subject(hit)
            if referent is None:
                return [], False
            pairs = [(a.entity, referent) for a in agents if a.entity != referent]
            return self.oriented(hit, pairs), True
        chain = [
            a
            for a in self.args
            if first_agent <= a.first_token
            and a.first_token <= max(hit.last, agents[-1].first_token)
        ]
        pairs = [(a.entity, earlier[-1].entity) for a in chain if a.entity != earlier[-1].entity]
        return self.oriented(hit, pairs), False

    def _frame_involved(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        own = [a.entity for a in before + after if not self.prepositional(a)]
        subjects, inherited = (own[:1], False) if own else self.subjects(hit, [], [], previous)
        objects = [
            a.entity for a in before + after if a.entity not in subjects and self.prepositional(a)
        ]
        return [(s, o) for s in subjects for o in objects], inherited

    def _frame_agreement(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        if (
            hit.first == hit.last
            and self.word(hit.last + 1) == "of"
            and not self.word(hit.last + 2)[:1].isdigit()
        ):
            return [], False  # "sought the agreement of the WHO": consent, not an instrument
        region = before + after
        between = [a for a in region if self.after_mark(a, "between_marks")]
        mark = next(
            (i for i in range(len(self.tokens)) if self.word(i) in self.lex.words["between_marks"]),
            None,
        )
        if between or (
            mark is not None and self.word(mark + 1) in self.lex.words["actor_pronouns"]
        ):
            # "zwischen IOM und den Vereinten Nationen", "zwischen ihr und den Vereinten Nationen"
            if between:
                # the organizations listed after "zwischen/between", not those of a later clause
                parties = [a.entity for a in [between[0], *self.enumerated_after(between[0])]]
            else:
                start = mark or 0
                parties = [
                    a.entity for a in region if a.first_token >= start and not self.is_agent(a)
                ][:1]
                if self.ctx.actor:
                    parties.insert(0, self.ctx.actor)
            # "between FAO, IFAD and WFP": every pair of the parties
            return list(combinations(dict.fromkeys(parties), 2)), False
        subjects, inherited = self.subjects(hit, before, after, previous)
        partners = [
            a.entity
            for a in after
            if a.entity not in subjects and self.after_mark(a, "object_preps")
        ]
        if not partners:
            # "Mit der UNESCO schloss die IAEO 1958 ein Abkommen": the partner comes first
            partners = [
                a.entity
                for a in before
                if a.entity not in subjects
                and a.first_token < 3
                and self.word_before(a) in self.lex.words["partner_preps"]
            ]
        pronoun = next(
            (i for i in range(stop) if self.word(i) in self.lex.words["plural_pronouns"]), None
        )
        if not partners and pronoun is not None:
            # "mit ihnen": organizations named earlier in the sentence ("außerhalb der Vereinten
            # Nationen …, unterzeichnete sie mit ihnen"), else the partners just named.
            earlier = [
                a.entity for a in self.args if a.last_token < pronoun and a.entity not in subjects
            ]
            named = [e for e in self.ctx.last_named if e not in subjects]
            partners, inherited = list(earlier[-1:] or self.ctx.objects or named), True
        if not partners and len(subjects) >= 2:
            # "1996 unterzeichneten die IOM und die Vereinten Nationen ein Kooperationsabkommen".
            return list(combinations(subjects, 2)), inherited
        return [(s, p) for s in subjects for p in partners], inherited
