"""Who acts in a clause: the organization before the trigger, after the verb, a pronoun's or a
relative pronoun's antecedent, the pair last named together, or the previous clause's subject."""

from __future__ import annotations

import re

from orgraph.pipeline.clause import Clause
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY
from orgraph.pipeline.triggers import Found, Hit

# ", aus der später …", ", die formal …", ", den die IOM …" — not the article of a listed name
# (", der Sonderberichterstatter").
_LATER_RELATIVE = re.compile(
    r",\s+(?:(?:aus|in|mit|von|bei|zu|an|unter|nach|from|with|of)\s+)?"
    r"(?:der|die|das|dem|den|denen|deren|dessen|which|who|whom|whose)\s+"
    r"(?:[a-zäöüß0-9]|(?:der|die|das|dem|den|the)\s)"
)


class Subjects(Clause):
    """The clause questions about subjects that relation frames ask."""

    def in_later_relative(self, m: Mention, hit: Hit) -> bool:
        """Whether a mention stands in a relative clause opened after the trigger that has a
        relation of its own ("… der Wiener Umweltgruppe, aus der später die EMG hervorging");
        not in one that completes the trigger's ("der Beobachterstatus …, den die IOM erhielt")."""
        if m.first_token <= hit.last:
            return False
        offset = self.tokens[hit.last].end - self.base
        opener = _LATER_RELATIVE.search(self.text, offset, m.start - self.base)
        if opener is None:
            return False
        at = opener.start() + self.base
        return any(self.tokens[h.first].start > at for h in self.hits if h is not hit)

    def in_earlier_relative(self, m: Mention, hit: Hit) -> bool:
        """ "Diesen Cluster, den der IASC eingerichtet hat, leiten UNICEF und …": a name inside a
        relative clause that closes before the trigger is not the trigger's subject."""
        left = next((i for i in range(m.first_token - 1, -1, -1) if "," in self.gap(i)), None)
        if left is None or not (
            self.relative_pronoun(left + 1)
            or (
                self.word(left + 1) in self.lex.words["object_preps"]
                and self.relative_pronoun(left + 2)
            )
        ):
            return False
        return any("," in self.gap(i) for i in range(m.last_token, hit.first))

    def opens_relative(self, hit: Hit) -> bool:
        """Whether the trigger's clause is a relative clause whose pronoun is its subject."""
        start = self.after_last_comma(hit)
        return (
            start > 0
            and self.relative_pronoun(start)
            and not any(
                start < a.first_token < hit.first for a in self.args if not self.prepositional(a)
            )
        )

    def relative_antecedent(self, hit: Hit, *, others: bool = False) -> Mention | None:
        """ "die IAEO, die formal keine Sonderorganisation ist", "the HLCP, itself a committee
        of the CEB": when the trigger stands in a relative clause whose pronoun is its subject, or
        in an apposition, the organization they describe. With `others`, the clause may name
        other organizations too ("der CEB, der bis 2001 ACC hieß")."""
        for i in range(hit.first - 1, -1, -1):
            if "," not in self.gap(i):
                continue
            if not (
                self.relative_pronoun(i + 1)
                or self.word(i + 1) in self.lex.words["appositive_openers"]
            ):
                return None
            if not others and any(i < a.first_token < hit.first for a in self.args):
                return None  # ", die die IOM 1951 gründete": another subject inside the clause
            # Right before the comma, or before a verb particle ("… die IAEO hinzu, die …") or
            # the acronym in parentheses ("… der Leiter (CEB) an, der …").
            candidate = next((a for a in reversed(self.args) if a.last_token <= i), None)
            if candidate is None:
                return None
            gap = self.text[
                self.tokens[candidate.last_token].end - self.base : self.tokens[i].end - self.base
            ]
            return candidate if len(re.sub(r"\([^()]*\)", "", gap).split()) <= 1 else None
        return None

    def main_clause_args(self) -> list[Mention]:
        """Organizations outside a leading subordinate clause ("Seit das IASC …, ist die IOM …")."""
        if self.word(0) not in self.lex.words["subordinators"]:
            return self.args
        comma = next((i for i in range(len(self.tokens)) if "," in self.gap(i)), None)
        return [a for a in self.args if comma is None or a.first_token > comma]

    def pair_subject(self, hit: Hit) -> list[str]:
        """ "Both organizations are cosponsors of UNAIDS", "die beiden Organisationen gründeten …":
        the two organizations the text last named together."""
        start = self.after_last_comma(hit)
        words = self.folded[start : hit.first]
        pairs = self.lex.words["pair_words"]
        # "ein Memorandum, das die beiden Organisationen 1996 abschlossen"
        comma = next(
            (i for i in range(hit.last, min(len(self.tokens), hit.last + 8)) if "," in self.gap(i)),
            None,
        )
        if (
            comma is not None
            and self.relative_pronoun(comma + 1)
            and any(
                self.word(k) in pairs
                and (
                    self.word(k + 1) in self.lex.words["plural_groups"]
                    or self.tokens[k + 1].text.islower()
                )
                for k in range(comma + 2, min(comma + 5, len(self.tokens) - 1))
            )
            and not any(hit.first < a.first_token <= comma + 5 for a in self.args)
        ):
            return list(self.ctx.pair)
        if not any(w in pairs for w in words[:4]):
            return []
        if any(start <= a.first_token < hit.first and not self.prepositional(a) for a in self.args):
            return []
        return list(self.ctx.pair)

    def pair_follows(self, hit: Hit) -> bool:
        """ "Gremium beider Organisationen", "body of both organizations": the trigger's genitive
        is the pair."""
        pairs, links = self.lex.words["pair_words"], self.lex.words["genitive_links"]
        # right after the trigger or its genitive article: "beider", "of both", "der beiden"
        i = hit.last if self.word(hit.last) in pairs | links else hit.last + 1
        while self.word(i) in links:
            i += 1
        return self.word(i) in pairs

    def named_pair(self, hit: Hit) -> list[str]:
        """The two organizations named together before the trigger in this sentence ("das UNEP
        und die WMO"), else the two the text last named together."""
        for a in self.args:
            if a.first_token >= hit.first:
                break
            listed = self.enumerated_after(a)
            if len(listed) == 1:
                return [a.entity, listed[0].entity]
        return list(self.ctx.pair)

    def shares_subject(self, hit: Hit) -> bool:
        """ "…, und nimmt als ständiger Eingeladener … teil": a coordinated clause that opens with
        its verb has the subject of the clause before it."""
        start = self.after_last_comma(hit)
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
        start = self.after_last_comma(hit)
        pronouns = self.lex.words["subject_pronouns"]
        opening = self.word(start) in pronouns and not any(
            start < a.first_token < hit.first for a in self.args if not self.prepositional(a)
        )
        after_verb = hit.first <= start + 2 and self.word(hit.last + 1) in pronouns
        # "Ihr Generaldirektor gehört dem CEB an": its head speaks for the organization.
        head = (
            self.word(start) in self.lex.words["possessives"] or self.word(start) in ("ihr", "sein")
        ) and (self.lex.has("leader_nouns", self.word(start + 1)))
        at = start if opening or head else hit.last + 1
        return self.referent(at) if opening or after_verb or head else None

    def referent(self, pronoun: int = -1) -> str | None:
        """Whom "it"/"sie" stands for: the organization the section is about when the sentence
        before named it ("GATT created the Centre …; it became …"), else the one last acting.
        "Wir"/"we" in a report is its author: the organization the text names most."""
        if self.word(pronoun) in self.lex.words["first_person"]:
            # in quoted speech "wir" is the speaker's, whom the text may not name
            return None if any(q in self.text for q in '„“”"«»') else self.ctx.topic
        if self.ctx.section and self.ctx.section in self.ctx.last_named:
            return self.ctx.section
        return self.ctx.actor

    def actors(self, found: list[Found]) -> list[str]:
        """Whom the sentence is about, for a pronoun in the next one: its claims' subjects, else its subjects."""
        if found:
            return list(dict.fromkeys(f.subject for f in found))
        main = [a for a in self.main_clause_args() if not self.prepositional(a)]
        # "WHO and UNICEF jointly convened the Conference …": the names listed together act
        chain = [main[0], *self.enumerated_after(main[0])] if main else []
        return list(dict.fromkeys(a.entity for a in (chain if len(chain) >= 2 else main)))

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
            if a in main
            and not self.is_agent(a)
            and not self.prepositional(a)
            and not self.in_earlier_relative(a, hit)
        ]
        clause_start = self.after_last_comma(hit)
        after_verb = next(
            (
                i
                for i in (hit.first + 1, hit.last + 1)
                if self.word(i) in self.lex.words["subject_pronouns"]
            ),
            None,
        )
        if own and after_verb is not None and all(a.first_token < clause_start for a in before):
            # "…, und über ihre Tätigkeit berichtete sie der Generalversammlung": the names
            # before the comma belong to another clause; the pronoun is the subject.
            referent = self.referent(after_verb)
            if referent:
                return [referent], True
        if own:
            return own, False
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
            if earlier and self.word(pronoun) not in self.lex.words["first_person"]:
                return [earlier[-1].entity], True
            referent = self.referent(pronoun)
            if referent:
                return [referent], True
        # "Den Vorsitz der EMG hat das UNEP inne": the trigger's genitive is its object.
        links = self.lex.words["genitive_links"]
        # only a noun has a genitive ("den Vorsitz der EMG"); after a verb "der" is nominative
        # ("leitet der UNHCR den Cluster")
        noun = self.tokens[hit.first].text[:1].isupper() or self.word(hit.last + 1) == "of"
        genitive = [
            a
            for a in after
            if noun
            and self.word(hit.last + 1) in links
            # "der EMG" after the trigger, or a reference that holds its article: "der Kommission"
            and a.first_token in (hit.last + 1, hit.last + 2)
        ]
        inverted = (
            []
            if pronoun_next
            else [a for a in after if not self.prepositional(a) and a not in genitive]
        )
        if inverted and inverted[0].first_token <= hit.first + 12:
            # "vereinbarten UNHCR und UNICEF …": the inverted subject with its coordinated names
            chain = [inverted[0], *self.enumerated_after(inverted[0])]
            return list(dict.fromkeys(a.entity for a in chain)), False
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
            # "… alongside CEPI": a partner; "… alongside the Global WASH Cluster": another object
            return self.can_be_member(m.entity) and not self.body_type(m.entity)
        i = m.first_token - 1
        while i >= 0 and self.tokens[i].key == ARTICLE_KEY:
            i -= 1
        return self.word(i) in ("with", "mit") and self.word(i - 1) in self.lex.words["joint_words"]
