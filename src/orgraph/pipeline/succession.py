"""Succession frames: one body becomes another.

rename  old and new names ("umbenannt in", "durch … ersetzt", "umgewandelt in", "formerly")
emerge  "Y, aus der X hervorging"
merge   "A, B gingen in X auf", "zu einem einzigen Amt zusammengelegt, dem …"
"""

from __future__ import annotations

import re

from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.subjects import Subjects
from orgraph.pipeline.tokens import ARTICLE_KEY
from orgraph.pipeline.triggers import Hit, Pairs


class SuccessionFrames(Subjects):
    def _frame_rename(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        region = before + after
        if hit.trigger.predicate == "replaced_by" and self.in_a_role(hit):
            return [], False  # "Der IWF löste 2015 die IDA als größten Kreditgeber ab"
        if hit.trigger.passive:
            # "…, die bis 2013 Verwaltungsrat des UNEP (GC) hieß": the name in
            # the relative clause is the old one, the organization it describes the new one.
            antecedent = self.relative_antecedent(hit, others=True)
            named = [
                a
                for a in self.args
                if antecedent is not None and antecedent.last_token < a.first_token < hit.first
            ]
            if antecedent is None or not named or named[0].entity == antecedent.entity:
                return [], False
            self.ctx.body = antecedent.entity
            return [(named[0].entity, antecedent.entity)], False
        replaced = hit.trigger.predicate == "replaced_by"
        task = (
            after
            and self.word_before(after[0]) == "from"
            and self.word(after[0].last_token + 1) == "the"
        )
        if replaced and task and "," not in self.gap(after[0].last_token):
            return [], False  # "took over from UNHCR the responsibility for …": a task, not a body
        if (
            replaced
            and before
            and after
            and not self._passive(hit)
            and not any(self.after_mark(a, "agent_preps") for a in after)
        ):
            return [(after[0].entity, before[-1].entity)], False  # "Y replaced X"
        if replaced and not before and len(after) >= 2 and not self._passive(hit):
            return [(after[1].entity, after[0].entity)], False  # "löste die EMG die Gruppe ab"
        marked = [
            a
            for a in region
            # English names the new name after the verb; German may before it ("in X umbenannt")
            if (
                self.after_mark(a, "target_marks")
                and (self.lang == "de" or a.first_token > hit.last)
            )
            or (self.after_mark(a, "agent_preps") and not self.beyond_comma(hit, a))
        ]
        unmarked = [a for a in after if not self.beyond_comma(hit, a)]
        new = marked[-1] if marked else (unmarked[0] if unmarked else None)
        if new is None:
            return [], False
        self.ctx.body = new.entity
        pronoun = next(
            (
                i
                for i in range(max(0, new.first_token - 3), new.first_token)
                if self.word(i) in self.lex.words["subject_pronouns"]
            ),
            None,
        )
        if pronoun is not None:
            # "beschloss die Generalversammlung, sie durch den Menschenrechtsrat zu ersetzen":
            # the pronoun stands for an organization named before it, not for the organ deciding.
            named = [
                a
                for a in self.args
                if a.last_token < pronoun
                and a.entity != new.entity
                and self.ctx.types.get(a.entity) != "principal_organ"
            ]
            if named:
                return [(named[-1].entity, new.entity)], True
        old = [
            a
            for a in region
            if a is not new and a.first_token < new.first_token and not self.is_agent(a)
        ]
        if not old:
            # Only a pronoun stands for the old body ("sie wurde in … umbenannt"); an unresolved
            # noun ("the subcommittee was replaced by …") is not guessed.
            if not self.has_word("subject_pronouns", self.after_last_comma(hit), hit.first + 3):
                return [], False
            olds, inherited = self.subjects(hit, [], [], previous)
            return [(o, new.entity) for o in olds], inherited
        # "Den ACC benannte der ECOSOC 2001 in CEB um": the organ deciding is not renamed
        bodies = [a for a in old if self.ctx.types.get(a.entity) != "principal_organ"] or old
        return [(bodies[-1].entity, new.entity)], False

    def in_a_role(self, hit: Hit) -> bool:
        """ "UNICEF succeeded WHO in leading the campaign", "… as lead agency", "als größten
        Kreditgeber": one took over a task, post or rank from the other, neither body replaced.
        An "as/als" naming an organization is no role ("als Nachfolger der IRO")."""
        starts = {a.first_token for a in self.args}
        for i in range(hit.first + 1, len(self.tokens) - 1):  # inside "löste … als … ab" too
            word, nxt = self.word(i), self.word(i + 1)
            if word == "in" and nxt.endswith("ing"):
                return True
            if word in self.lex.words["capacity_marks"] and not starts & {i + 1, i + 2, i + 3}:
                return True
        return False

    def beyond_comma(self, hit: Hit, m: Mention) -> bool:
        """A name after the trigger, past a comma: another clause's ("renamed in 2011, has never
        been hosted by UNOPS")."""
        if m.first_token <= hit.last:
            return False
        between = self.text[self.tokens[hit.last].end - self.base : m.start - self.base]
        return bool(re.search(r"[,;]", re.sub(r"\([^()]*\)", "", between)))

    def _frame_succeed(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        """ "Y trat an die Stelle des X", "An ihre Stelle trat Y", "Y trat die Nachfolge des X
        an", "Y succeeded X", "X was succeeded by Y": X replaced by Y."""
        if self.in_a_role(hit):
            return [], False
        links = self.lex.words["genitive_links"]
        owner = self.word(hit.first - 1) in self.lex.words["possessives"]
        inherited = False
        if self._passive(hit):
            agents = [a for a in after if self.is_agent(a)]
            olds = [a.entity for a in before if not self.prepositional(a)][-1:]
            news = [a.entity for a in agents[:1]]
        elif owner:
            # "Its successor, the EIF": the one the text was about
            referent = self.referent(hit.first - 1)
            olds, inherited = ([referent] if referent else []), True
            news = [a.entity for a in after if not self.prepositional(a)][:1]
        else:
            # the old body right after the trigger: "des X", "to the X", "succeeded the X"
            start = hit.last + 1
            if self.word(start) in links or self.word(start) == "to":
                start += 1
            if start < len(self.tokens) and self.tokens[start].key == ARTICLE_KEY:
                start += 1
            old = next((a for a in after if a.first_token == start), None)
            if old is not None and self.lex.has("leader_nouns", self.word(old.last_token + 1)):
                return [], False  # "succeeded ILO Director-General Guy Ryder": a person
            olds = [old.entity] if old else []
            news = [
                a.entity
                for a in before + after
                if a is not old
                and not self.prepositional(a)
                and not self.is_agent(a)
                and not self.lex.has("leader_nouns", self.word(a.last_token + 1))
            ][:1]
            if not news and olds:
                news, inherited = self.subjects(hit, [], [], previous)
        return [(o, n) for o in olds for n in news if o != n], inherited

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
        relative = (
            "," in self.gap(source - 1)
            and self.word(source + 1) in ("der", "dem", "denen", "which", "whom")
            and first.first_token > source + 2
        )  # ", aus der später die EMG hervorging"
        direct = (
            not relative
            and all(
                self.tokens[i].key == ARTICLE_KEY or not self.tokens[i].text[:1].isupper()
                for i in range(source + 1, first.first_token)
            )
            and not any(self.tokens[i].text.isdigit() for i in range(source + 1, first.first_token))
        )
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

    def _frame_merge(
        self, hit: Hit, before: list[Mention], after: list[Mention], previous: list[str], stop: int
    ) -> tuple[Pairs, bool]:
        # the organ that decides a merger takes no part in it ("approved by the General Assembly")
        before = [a for a in before if not self.after_mark(a, "strong_agent_preps")]
        after = [a for a in after if not self.after_mark(a, "strong_agent_preps")]
        region = before + after
        targets = [a for a in region if self.after_mark(a, "target_marks")]
        # "… zu einem einzigen Amt zusammengelegt, dem Büro …": the target is named after the verb.
        unnamed_target = any(
            self.word(i) in self.lex.words["target_marks"]
            and self.word(i + 1) in ("einem", "einer", "a", "one")
            for i in range(max(0, hit.first - 6), hit.first)
        )
        if (
            before
            and after
            and (self.word(hit.last + 1) in self.lex.words["target_marks"] or unnamed_target)
        ):
            # "A, B and C were merged into one body, the UNDCP": the first name after "into".
            target, merged = after[0], before
        elif targets:
            target, merged = targets[-1], [a for a in region if a is not targets[-1]]
        elif before and after and self.has_word("forming_verbs", 0, hit.first):
            # "X entstand aus der Zusammenlegung von A, B", "was formed through the merger of";
            # not "WHO opposed the merger of A and B"
            target, merged = before[-1], after
        else:
            return [], False
        return [(m.entity, target.entity) for m in merged], False
