"""Membership frames: who is a member, observer, invitee or founder of which body.

status  "Beobachterstatus in der X", "als ständiger Eingeladener in das X", "Mitglieder sind …"
join    a body one joins: after in/zu/to, of a body type, or the dative ("dem X")
admit   a body admits members; expand: "um A, B erweitert"; found: founders and body
"""

from __future__ import annotations

from orgraph.names import fold
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.propernames import head_noun
from orgraph.pipeline.subjects import Subjects
from orgraph.pipeline.tokens import ARTICLE_KEY
from orgraph.pipeline.triggers import Hit, Pairs


class MembershipFrames(Subjects):
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
        opening = hit.first == 0 or (
            hit.first == 1 and self.word(0) in self.lex.words["indefinite_articles"]
        )
        if (
            opening
            and after
            and self.word_after(after[0])
            not in (self.lex.words["copulas"] | self.lex.words["list_verbs"])
        ):
            # "Ein Mitglied des Sicherheitsrats kritisierte …": a person, not "Mitglieder der
            # Gruppe sind A, B"
            return [], False
        granted = self.has_word("grant_verbs", hit.first - 4, hit.first)
        if granted and after:
            # "the General Assembly granted observer status to the ICRC"
            givers = [a for a in before if not self.prepositional(a)]
            if givers:
                giver = givers[0].entity
                granted_to = [after[0], *self.enumerated_after(after[0])]
                return [(a.entity, giver) for a in granted_to if a.entity != giver], False
        if self.word(hit.last + 1) in self.lex.words["state_nouns"]:
            return [], False  # "which has 36 member states": states, not organizations
        collective = self.word(hit.first).endswith(("schaft", "ship"))  # "ihrer Mitgliedschaft"
        if self.word(hit.first - 1) in self.lex.words["possessives"] and not collective:
            # "Zu ihren Gründungspartnern gehörten A, B und C", "the Fund was one of its founding
            # members": the body is one named earlier in the sentence, else the one just spoken of.
            earlier = [
                a.entity for a in self.args if a.last_token < hit.first and self.body_type(a.entity)
            ]
            named = {a.entity for a in self.args if a.last_token < hit.first}
            if hit.trigger.default_body in named:
                # "… mit den Vereinten Nationen eine ihrer Sonderorganisationen"
                earlier = [hit.trigger.default_body]
            body_id = earlier[-1] if earlier else (self.ctx.actor or self.ctx.section)
            if body_id is None:
                return [], False
            clause_start = self.clause_start(hit)
            members = [
                a.entity
                for a in self.args
                if a.entity != body_id
                and a.first_token >= clause_start
                and self.can_be_member(a.entity)
                and not self.in_later_relative(a, hit)
                and not self.is_agent(a)  # "Its 36 members are elected by ECOSOC"
            ]
            return [(m, body_id) for m in members], True
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
            links = self.lex.words["genitive_links"]
            genitive = after and (
                (after[0].first_token == hit.last + 2 and self.word(hit.last + 1) in links)
                # the trigger ends with its genitive: "als nachgeordnetes Gremium des CEB"
                or (after[0].first_token == hit.last + 1 and self.word(hit.last) in links)
            )
            body_mention = after[0] if genitive else (marked[0] if marked else None)
        bodies: list[str] = []
        antecedent = self.relative_antecedent(hit)
        if body_mention is not None:
            body = body_mention.entity
            # "der WMO, einer Sonderorganisation der Vereinten Nationen, und des UNEP": what follows
            # an apposition continues the outer list, not the apposition's body.
            enumerated = [] if antecedent else self.enumerated_after(body_mention)
            bodies = [body] + [a.entity for a in enumerated]
        elif self.pair_follows(hit) and (pair := self.named_pair(hit)):
            # "ein gemeinsames Gremium beider Organisationen": the two named together before
            bodies = pair
        else:
            # "Die Generalversammlung räumte der IOM den Beobachterstatus ein", or a list after ':'.
            # "… vier Mitglieder: A, B", "hat 51 Mitglieder, darunter A, B und C".
            between = (
                self.text[self.tokens[hit.last].end - self.base : after[0].start - self.base]
                if after
                else ""
            )
            listed = ":" in between or any(
                f" {w} " in f" {fold(between)} " for w in self.lex.words["list_markers"]
            )
            # "The founding partners were A, B and C", "A and B are Members as well": the role
            # of the body the text is about.
            copulas = self.lex.words["copulas"]
            role_alone = (hit.first <= 2 and self.word(hit.last + 1) in copulas) or (
                self.word(hit.first - 1) in copulas and hit.last >= len(self.tokens) - 3
            )
            if after and not listed and not capacity and not role_alone:
                return [], False
            granting = [a.entity for a in self.args if self.body_type(a.entity)]
            # "erhielten … den Status ständiger Eingeladener.": the status of the body the text is about.
            final = hit.last >= len(self.tokens) - 2 and self.word(hit.first - 1) in (
                "status",
                "rang",
            )
            # A status that implies its body ("as a specialized agency") — not in the plural:
            # "Programme und Sonderorganisationen – darunter die FAO".
            implied = (
                None if self.word(hit.last).endswith(("en", "ies")) else hit.trigger.default_body
            )
            fallback = (
                granting[0]
                if granting
                else (
                    (self.ctx.section or self.ctx.topic)
                    if role_alone
                    else (implied or self.ctx.focus_body)
                    if capacity or final
                    else implied
                )
            )
            if fallback is None:
                return [], False
            body = fallback
            region = [a for a in self.args if a.entity != body]
            if not any(self.can_be_member(a.entity) for a in region):
                return [], False  # a bare "Ihre Mitgliedschaft wuchs": nobody named
        bodies = bodies or [body]
        pronoun = self.pronoun_subject(hit)
        if antecedent is None and pronoun is not None and pronoun not in bodies:
            # "it became … a joint subsidiary body of GATT and the United Nations"
            return [(pronoun, b) for b in bodies], True
        if antecedent is not None:
            region = [antecedent]  # the others of the sentence stand outside the relative clause
        elif previous and self.shares_subject(hit):
            return [(m, b) for m in previous for b in bodies if m != b], False
        members = [
            a.entity
            for a in region
            if a.entity not in bodies
            and not self.is_agent(a, "strong_agent_preps")
            # an organ is part of its organization, but no specialized agency of it
            and self.can_hold(
                a.entity, "member_of" if hit.trigger.default_body else hit.trigger.predicate
            )
            and not self.in_later_relative(a, hit)
        ]
        inherited = False
        if not members and not self.in_leading_subclause(hit):
            # "Als die Nebenorgane des ACC aufgelöst wurden, …" speaks of no one in particular.
            members, inherited = self.subjects(hit, [], [], previous)
        return [(m, b) for m in members for b in bodies], inherited

    def _frame_join(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        # German marks what one joins with the dative: "trat das UNHCR dem UNAIDS bei".
        dative = [
            a
            for a in region
            if a.first_token > 0
            and self.word(a.first_token - 1) in self.lex.words["dative_articles"]
        ]
        # "Der Gruppe gehören die FAO und das UNEP an": a body put first, its members after
        # the verb
        fronted = before[:1] if len(before) == 1 and before[0].last_token + 1 == hit.first else []
        dative_first = fronted and self.word(fronted[0].first_token - 1) in (
            self.lex.words["dative_articles"] | {"der", "dieser"}  # "der" for a feminine body
        )
        if self.lang == "de" and not dative and dative_first and after:
            dative = fronted
        if self.word(0) in self.lex.words["dative_articles"] and not any(
            a.first_token <= 1 for a in self.args
        ):
            return [], False  # "Diesem Ausschuss gehören die FAO … an": a body not resolved
        body_mention = (
            self._marked_body(after) or self._marked_body(region) or (dative[0] if dative else None)
        )
        if hit.trigger.object_next:
            # "im IASC vertreten", "sits on the board": the body right after the preposition
            body_mention = self.next_object(hit, region)
            if body_mention is None:
                return [], False
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
        # "joined the World Bank and the IMF": each one named with the body is joined too
        bodies = [body_mention, *self.enumerated_after(body_mention)]
        if self.word(hit.first - 1) == "to":
            # "She left the World Bank to join the IMF": the infinitive's subject is the
            # sentence's, which must be an organization named first
            region = [a for a in before if a.first_token <= 1]
            if not region:
                return [], False
        members = [
            a.entity
            for a in region
            if a not in bodies
            and a.entity != body
            and self.can_be_member(a.entity)
            and not self.is_agent(a)
            and not self.in_later_relative(a, hit)
        ]
        inherited = False
        pronoun = self.pronoun_subject(hit)
        if pronoun is not None and pronoun != body:
            members, inherited = [pronoun], True
        if not members:
            members, inherited = self.subjects(hit, [], [], previous)
        self.ctx.body = body
        return [(m, b.entity) for m in members for b in bodies if m != b.entity], inherited

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
        members = [
            a.entity
            for a in region
            if a.entity != body and self.can_be_member(a.entity) and not self.prepositional(a)
        ]
        if not members and marked:  # "durch das sie … in das UN-System aufgenommen wurde"
            members, inherited = self.subjects(hit, [], [], previous)
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

    def named_as(self, m: Mention) -> bool:
        return self.after_mark(m, "naming_nouns") or self.after_mark(m, "capacity_marks")

    def founded(self, body: str, founders: list[str]) -> Pairs:
        """Founders and the body they founded: the body `established_by` them, or they its
        founding members (see `establishes`)."""
        if founders and self.establishes(body, founders):
            self.established = True
            return [(body, f) for f in founders]
        return [(f, body) for f in founders]

    def establishes(self, body: str, founders: list[str]) -> bool:
        """Whether the founders established the body rather than joined it as its first members:
        organs create bodies ("the General Assembly created UNDP"); a fund, a commission or an
        office is set up by others, not made of them (head nouns in `created_heads`); a group,
        a network, a partnership or a joint programme is made of its founders (`group_heads`,
        or an inter-agency body); any other body one organization sets up, it established."""
        if all(self.ctx.types.get(f) == "principal_organ" for f in founders):
            return True
        names = [a.text for a in self.args if a.entity == body] + [self.ctx.labels.get(body, "")]
        heads = {head_noun(name) for name in names} - {""}
        words = self.lex.words
        if any(head.endswith(h) for head in heads for h in words["created_heads"]):
            return True
        if self.ctx.types.get(body) == "inter_agency_body" or any(
            head.endswith(h) for head in heads for h in words["group_heads"]
        ):
            return False
        return len(set(founders)) == 1

    def _frame_found(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        # "gegründet … unter dem Namen Allgemeiner Postverein": the body's first name, no founder
        # … or "als Education for All – Fast Track Initiative gegründet": its name then
        before = [a for a in before if not self.named_as(a)]
        after = [a for a in after if not self.named_as(a)]
        word = self.word(hit.first)
        attributive = word.startswith("ge") and word.endswith(("te", "ten"))  # "gegründete"
        if attributive and any(
            a.first_token <= hit.last + 2 for a in self.args if a.first_token > hit.last
        ):
            return (
                [],
                False,
            )  # "die 1995 gegründete Welthandelsorganisation": attributive, no founders
        agents = [a for a in self.args if self.is_agent(a) and a.first_token < stop]
        if not agents and hit.trigger.needs_agent:
            # "Das UNHCR hat neue Lager errichtet, die IOM …"; "wurde im Juni 1992 eingerichtet"
            # names no founders, and a body it leaves behind would attract later members.
            return [], False

        if agents:
            # the agents and the names listed with them, not an apposition further on ("by the
            # General Assembly in 1965 by folding together two bodies, the EPTA and the Fund")
            listed = [agents[0], *self.enumerated_after(agents[0])]
            founders = [a for a in self.args if a in listed or a in agents]
            earlier = [a for a in self.args if a.last_token < agents[0].first_token]
            start = self.after_last_comma(hit)
            if start > 0 and self.relative_pronoun(start):
                # "Arbeitsgruppen, die von der UNDG eingesetzt wurden": what the relative clause
                # founds is the noun before it — an organization only if one is named there.
                antecedent = self.relative_antecedent(hit)
                earlier = [antecedent] if antecedent else []
            if not earlier:
                return [], False
            body = earlier[-1].entity
            self.ctx.body = body
            return self.founded(body, [f.entity for f in founders]), False
        # Active: "X und Y gründeten Z", "Sechs Organisationen rufen Z ins Leben – A, B …",
        # "gründete sie zusammen mit A, B und C die Umweltmanagementgruppe".
        # "the group was created in 1997", "clusters created under the IASC" — an English
        # participle; German "gründete im April 2003 die …" is active.
        passive = self._passive(hit) or (
            self.lang == "en" and self.word(hit.last + 1) in self.lex.words["subject_blockers"]
        )
        if not after or passive:
            # "Gegründet wurde UNAIDS 1994 von sechs Organisationen", "the group was created
            # in 1997", "clusters created under the IASC": a founded body, no founders named.
            if before:
                self.ctx.body = before[-1].entity
            return [], False
        direct = [a for a in after if not self.prepositional(a)]
        first = (direct or after)[0]
        chain = [first, *self.enumerated_after(first)]
        rest = [a for a in after if a.first_token > chain[-1].last_token]
        if len(chain) >= 2 and rest:
            # "gründeten ILO, IOM und UNHCR die Gruppe": the listed subjects, then the body.
            body = rest[0].entity
            return self.founded(body, [f.entity for f in chain]), False
        if len(chain) >= 2 and not before:
            return [], False  # "gründeten FAO und IAEO eine gemeinsame Abteilung": unnamed
        opener = self.word(0)
        fronted = (
            opener in self.lex.words["subject_blockers"]
            or opener in self.lex.words["fronting_words"]
            or opener[:1].isdigit()
        )
        inverted = (
            self.lang == "de"
            and fronted
            and not any(not self.prepositional(b) for b in before)
            and self.word(hit.last + 1) not in self.lex.words["subject_pronouns"]
        )
        if inverted:
            # "Im April 2003 gründete die IOM die Gruppe", "Gemeinsam mit der UNESCO gründete
            # die ITU …": after a fronted phrase the subject follows the verb, then the body.
            if not rest:
                return [], False  # the founded body is not named
            body = rest[0].entity
            makers = [f.entity for f in chain]
            makers += [a.entity for a in before + after if self.joined_by(a)]
            self.ctx.body = body
            return self.founded(body, [f for f in dict.fromkeys(makers) if f != body]), False
        body = first.entity
        if self.ctx.types.get(body) == "principal_organ":
            # "rief die Generalversammlung es ins Leben": the organ founds, "es" is unresolved.
            return [], False
        ids = [
            a.entity
            for a in before + after
            if a.entity != body and not self.in_later_relative(a, hit)
        ]
        if not before:  # "gründete sie …": the subject is a pronoun
            ids += [s for s in self.subjects(hit, [], [], previous)[0] if s != body]
        self.ctx.body = body
        return self.founded(body, ids), False
