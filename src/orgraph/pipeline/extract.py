"""The extraction pipeline: one document's text in, mentions, dates and candidate claims out.

A pure function — no database, no global state beyond the read-only gazetteer
and lexicons — so it can run unchanged on a distributed engine. Stages, each
a small function with its own module: segment → tokens → mentions → acronym
definitions → units → references → time expressions → relations → merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from orgraph.fuzzydate import FuzzyDate
from orgraph.model import Claim, Evidence, StatedCount, Status
from orgraph.names import fold
from orgraph.pipeline.acronyms import learn_called_names, learn_definitions
from orgraph.pipeline.arguments import arguments, genitive_parts, listed_parts
from orgraph.pipeline.cues import Cues
from orgraph.pipeline.dating import governing_date, in_force_date, interval_of
from orgraph.pipeline.fields import field_claims
from orgraph.pipeline.language import detect_language
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention, NameIndex, default_index, find_mentions
from orgraph.pipeline.merge import merge_claims
from orgraph.pipeline.propernames import defined_name, find_proper_names, is_body_name
from orgraph.pipeline.references import (
    Discourse,
    apposition_heads,
    find_units,
    resolve_references,
)
from orgraph.pipeline.relations import Context, Found, OpenFrame, SentenceReader
from orgraph.pipeline.segment import Block, Sentence, segment
from orgraph.pipeline.timeexpr import Relation, TimeExpression, find_time_expressions
from orgraph.pipeline.tokens import tokenize

__all__ = ["EXTRACTOR", "Extraction", "NewEntity", "detect_language", "extract"]

EXTRACTOR = "orgraph-rules/0.1"
_EVENT_FRAMES = frozenset(
    {
        "rename",
        "merge",
        "admit",
        "expand",
        "found",
        "join",
        "join+list",
        "admit+list",
        "status+list",
    }
)
_CONFIDENCE = {
    "status": 0.9,
    "join": 0.9,
    "admit": 0.9,
    "expand": 0.9,
    "found": 0.9,
    "rename": 0.9,
    "merge": 0.85,
    "agreement": 0.85,
    "directed": 0.8,
}


@dataclass
class NewEntity:
    """An entity the gazetteer lacks: a unit, or an organization defined in the text."""

    id: str
    label: str
    type: str
    parent: str | None = None


@dataclass
class Extraction:
    lang: str
    sentences: list[Sentence]
    mentions: list[Mention]
    times: list[TimeExpression]
    claims: list[Claim]
    stated_counts: list[StatedCount]
    new_entities: dict[str, NewEntity] = field(default_factory=dict)
    surface_forms: dict[str, set[str]] = field(default_factory=dict)  # entity id → forms seen
    reference_forms: dict[str, set[str]] = field(
        default_factory=dict
    )  # "die Organisation" → its entity


def _says_since_then(text: str) -> bool:
    return _since_then_at(text) >= 0


def _since_then_at(text: str) -> int:
    """Where "seither", "since then" … stands in a sentence (-1: nowhere)."""
    match = _since_then_pattern().search(text.lower())
    return match.start() if match else -1


@cache
def _since_then_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon().words["since_then"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


class _Document:
    """Per-document state while the stages run sentence by sentence."""

    def __init__(self, text: str, lang: str, index: NameIndex, source_id: str) -> None:
        self.text, self.lang, self.index, self.source_id = text, lang, index.copy(), source_id
        self.discourse = Discourse(org_types=self.index.types)
        self.ctx = Context(types=self.index.types, labels=self.index.labels)
        self.out = Extraction(lang, [], [], [], [], [])
        self.previous_times: list[TimeExpression] = []
        self.open_frame: OpenFrame | None = None
        self.heading_words: frozenset[str] = frozenset()
        self.open_times: list[TimeExpression] = []
        self.previous_paragraph = -1
        self.named_in_paragraph: set[str] = set()
        self.last_claim_time: TimeExpression | None = None  # the date of the sentence's last claim
        self.paragraph_start = 0  # where the current paragraph's first sentence starts
        self.agreement_date: TimeExpression | None = None  # an agreement's date told before it
        self.borrowed_dates: set[int] = set()  # ids of claims dated by another sentence
        self.last_status: Found | None = None

    def add_entity(self, entity: NewEntity) -> None:
        if entity.type == "organization" and is_body_name(entity.label):
            entity.type = "inter_agency_body"
            self.index.types[entity.id] = entity.type
        if entity.id not in self.out.new_entities:
            self.out.new_entities[entity.id] = entity
            self.index.types.setdefault(entity.id, entity.type)

    def see(self, entity: str, form: str) -> None:
        self.out.surface_forms.setdefault(entity, set()).add(form)

    def sentence(self, sentence: Sentence, times: list[TimeExpression]) -> None:
        tokens = tokenize(sentence.text, sentence.start)
        if sentence.block is Block.HEADING:
            self.heading_words = frozenset(t.text.casefold() for t in tokens)
        mentions = find_mentions(
            sentence.text, tokens, sentence.start, self.index, self.heading_words
        )
        # Proper names first, so that a gloss or acronym after one attaches to it. Not from a
        # heading: titles capitalise every word ("From League to Federation").
        names: list[tuple[str, str]] = []
        if sentence.block is not Block.HEADING:
            mentions, names = find_proper_names(
                sentence.text, tokens, sentence.start, mentions, self.index, self.lang
            )
            mentions, defined = defined_name(
                sentence.text, tokens, sentence.start, mentions, self.index, self.lang
            )
            names += defined
        for entity_id, label in names:
            self.add_entity(NewEntity(entity_id, label, "organization"))
        mentions, learned, forms = learn_definitions(
            sentence.text, tokens, sentence.start, mentions, self.index
        )
        mentions, called = learn_called_names(
            sentence.text, tokens, sentence.start, mentions, self.index
        )
        for entity in learned + called:
            self.add_entity(NewEntity(entity.id, entity.label, "organization"))
        for entity_id, entity_forms in forms.items():
            for form in entity_forms:
                self.see(entity_id, form)
        # References first, so that a unit may hang off one: "den Exekutivausschuss der Gruppe".
        mentions = resolve_references(
            sentence.text, tokens, sentence.start, mentions, self.discourse
        )
        mentions, units = find_units(sentence.text, tokens, sentence.start, mentions)
        for unit in units:
            self.discourse.units.append(unit)
            self.add_entity(NewEntity(unit.id, unit.label, "unit", unit.parent))
            self.unit_claim(unit.id, unit.parent, sentence)
        for described, noun in apposition_heads(sentence.text, tokens, sentence.start, mentions):
            self.discourse.forms.setdefault(described, set()).add(noun)
        for m in mentions:
            if m.how == "reference":
                self.out.reference_forms.setdefault(m.entity, set()).add(m.text)
            else:
                self.see(m.entity, m.text)
            if m.how != "reference":
                self.discourse.counts[m.entity] += 1
                self.discourse.saw(m.entity, m.text)
        self.out.mentions.extend(mentions)
        args = arguments(tokens, mentions, sentence.text, sentence.start)
        self.ctx.focus_body = self.discourse.focus_body(lexicon().words["body_types"])
        # The organization named most, besides those the sentence itself names.
        here = {m.entity for m in mentions}
        self.ctx.topic = next(
            (e for e, _ in self.discourse.counts.most_common() if e not in here), None
        )
        # "Den Vorsitz führt der Nothilfekoordinator": the body just spoken of — in this
        # paragraph, not paragraphs back.
        if sentence.paragraph != self.previous_paragraph:
            self.named_in_paragraph = set()
            self.paragraph_start = sentence.start
            self.agreement_date = None
        self.named_in_paragraph.update(m.entity for m in mentions)
        recent = self.discourse.recent_body(lexicon().words["body_types"])
        self.ctx.recent_body = recent if recent in self.named_in_paragraph else None
        reader = SentenceReader(sentence.text, tokens, sentence.start, args, self.ctx, self.lang)
        if sentence.block is Block.HEADING:
            # A heading claims nothing, but "Leitorganisationen der globalen Cluster" opens a list,
            # and one that names one organization says what the section is about.
            self.open_frame = reader.heading_frame()
            self.open_times = []
            named = {m.entity for m in mentions if m.how != "reference"}
            if len(named) == 1:
                self.discourse.section = self.ctx.section = named.pop()
            return
        # "Bildung: UNICEF gemeinsam mit Save the Children" in a list of leads is co-leading.
        found, counts = reader.read(
            fallback=sentence.block is not Block.ITEM or not self.open_frame
        )
        found += listed_parts(sentence, tokens, mentions, args)
        found += genitive_parts(sentence, mentions)
        same = self.same_status(sentence, args, found)
        if same:  # the phrase's own clause gives the date, not the first status's clause
            found = [f for f in found if (f.subject, f.object) != (same.subject, same.object)]
            found.append(same)
        frame = self.open_frame
        if sentence.block is Block.ITEM and frame is not None:
            # An item's own trigger wins, unless it merely repeats the list's (a lead in a list of
            # leads). An item whose own trigger could not be read ("Child Protection is led by
            # UNICEF") is not read as the list's either.
            own = {(h.trigger.predicate, h.trigger.role) for h in reader.hits}
            repeats = own <= {(frame.trigger.predicate, frame.trigger.role)}
            if (not found and repeats) or (
                found
                and {(f.frame, f.role) for f in found}
                == {(frame.trigger.frame, frame.trigger.role)}
            ):
                found = self.continue_list(reader, args, sentence) or found
        else:
            self.open_frame = reader.open_frame
            self.open_times = times if reader.open_frame else []
        if sentence.block is Block.ITEM and not times:
            times = self.open_times  # "Gegründet 1994 von …:" — the items share the intro's date
        inherit = self.previous_times if sentence.paragraph == self.previous_paragraph else []
        borrowed = False
        if not times and _says_since_then(sentence.text):
            # "Seither leiten sie …": since the date of what the previous sentence told (its
            # last dated claim), else its last date.
            told = self.last_claim_time or (
                self.previous_times[-1] if self.previous_times else None
            )
            times = [replace(told, relation=Relation.SINCE)] if told else []
            borrowed = True
        self.last_claim_time = None
        since = _since_then_at(sentence.text) if found else -1
        # "Ihr Generalsekretär gehört dem CEB an": a state in the present tense is no event of the
        # time the sentence before told.
        states = lexicon().words["present_states"]
        present = any(fold(tokens[h.first].text) in states for h in reader.hits)
        for item in found:
            # Events (and founders) without a date of their own happened when the text last said.
            event = not present and (item.frame in _EVENT_FRAMES or item.role == "founding_member")
            self.claim(item, sentence, times or (inherit if event else []))
            when = self.last_claim_time
            earlier = when is not None and since >= 0 and when.start < sentence.start + since
            if borrowed or earlier or (not times and event and inherit):
                # "…, das die Generalversammlung im Juli 2016 gebilligt hatte; seither gilt …":
                # the date is that of something else the text told.
                self.borrowed_dates.add(id(self.out.claims[-1]))
        if not any(f.predicate == "agreement_with" for f in found):
            self.date_agreement(sentence, times)
        for count in counts:
            when = governing_date(times, count.anchor)
            self.out.stated_counts.append(
                StatedCount(
                    count.body,
                    count.count,
                    when.value if when else None,
                    self.evidence(sentence, "count"),
                )
            )
        directed = [f for f in found if f.frame in ("directed", "status", "agreement", "involved")]
        if directed:
            self.ctx.objects = list(dict.fromkeys(f.object for f in directed))
        if args:
            self.ctx.last_named = list(dict.fromkeys(a.entity for a in args))
        actors = reader.actors(found)
        if actors:
            self.ctx.actor, self.ctx.last_actors = actors[0], actors
        # "beide" later: the two acting, else the two a sentence's relations join
        related = list(dict.fromkeys(x for f in found for x in (f.subject, f.object)))
        if len(actors) == 2 or len(related) == 2:
            self.ctx.pair = actors if len(actors) == 2 else related
        if times:
            self.previous_times = times
        self.previous_paragraph = sentence.paragraph

    def date_agreement(self, sentence: Sentence, times: list[TimeExpression]) -> None:
        """ "… das Abkommen über die Beziehungen zwischen den Vereinten Nationen und der Agentur.
        … billigte ihn die Generalversammlung am 14. November 1957; am selben Tag trat das
        Abkommen in Kraft": a later sentence of the paragraph dates an undated agreement."""
        undated = [
            c
            for c in self.out.claims
            if c.predicate == "agreement_with"
            and c.interval.start is None
            and c.evidence[0].start >= self.paragraph_start
        ]
        dated = [t for t in times if t.value is not None and t.relation is not Relation.UNANCHORED]
        if not dated:
            return
        folded = " " + " ".join(fold(sentence.text).split()) + " "
        words = lexicon().words
        names_it = any(f" {w}" in folded for w in words["agreement_nouns"])
        concluded = any(f" {w}" in folded for w in words["agreement_steps"])
        if not (names_it and concluded):
            return
        if undated:
            claim = undated[-1]
            claim.interval = interval_of(dated[-1])
            claim.evidence.append(self.evidence(sentence, "agreement-date"))
        else:  # "Ende 1946 billigte es die Generalversammlung. … Das Abkommen sichert ihr …"
            self.agreement_date = dated[-1]

    def continue_list(
        self, reader: SentenceReader, args: list[Mention], sentence: Sentence
    ) -> list[Found]:
        """A list item continues its intro ("…, nämlich:") or heading ("Leitorganisationen der Cluster")."""
        frame = self.open_frame
        assert frame is not None
        trigger = frame.trigger
        quals: tuple[tuple[str, str], ...] = (("kind", trigger.kind),) if trigger.kind else ()
        contexts: dict[str, str] = {}
        if trigger.predicate == "member_of":
            body = self.ctx.body or frame.body
            if body is None:
                return []
            members = [a.entity for a in args if a.entity != body]
            return [
                Found(m, "member_of", body, role, quals, f"{trigger.frame}+list", sentence.start)
                for role in frame.roles or (trigger.role,)
                for m in dict.fromkeys(members)
            ]
        elif frame.subjects:
            pairs = [(s, a.entity) for s in frame.subjects for a in args if a.entity != s]
        else:
            # "Schutz (Protection): UNHCR" — the bodies are the objects, the others act on them.
            bodies = [a for a in args if reader.body_type(a.entity)]
            actors = [a for a in args if not reader.body_type(a.entity)]
            pairs = [(a.entity, b.entity) for a in actors for b in bodies]
            for a in actors:
                context = reader.context_after(a)
                if context:
                    contexts[a.entity] = context
        return [
            Found(
                s,
                trigger.predicate,
                o,
                trigger.role,
                quals + ((("context", contexts[s]),) if s in contexts else ()),
                f"{trigger.frame}+list",
                sentence.start,
            )
            for s, o in dict.fromkeys(pairs)
        ]

    def same_status(
        self, sentence: Sentence, args: list[Mention], found: list[Found]
    ) -> Found | None:
        """ "…; the IFRC received the same status in 1994": the status last stated, given to the
        organization named just before the phrase."""
        if sentence.paragraph != self.previous_paragraph:
            self.last_status = None  # only a status of the same paragraph is "the same"
        earlier = [self.last_status] if self.last_status else []
        statuses = earlier + [f for f in found if f.frame == "status"]
        if statuses:
            self.last_status = statuses[-1]
        lowered = sentence.text.lower()  # same length as the text, so offsets hold
        at = max((lowered.find(p) for p in lexicon().words["same_status"]), default=-1)
        before = [a for a in args if a.end <= sentence.start + at <= a.end + 40] if at >= 0 else []
        if not before:
            return None
        subject = before[-1].entity
        template = next(
            (s for s in reversed(statuses) if subject not in (s.subject, s.object)), None
        )
        if template is None:
            return None
        return replace(template, subject=subject, anchor=sentence.start + at, inherited=True)

    def evidence(self, sentence: Sentence, frame: str) -> Evidence:
        return Evidence(
            self.source_id, sentence.start, sentence.end, sentence.text, f"{EXTRACTOR}:{frame}"
        )

    def unit_claim(self, unit: str, parent: str, sentence: Sentence) -> None:
        self.out.claims.append(
            Claim(
                unit, "part_of", parent, confidence=0.9, evidence=[self.evidence(sentence, "unit")]
            )
        )

    def claim(self, item: Found, sentence: Sentence, times: list[TimeExpression]) -> None:
        qualifiers = dict(item.qualifiers)
        confidence = _CONFIDENCE.get(item.frame, 0.8) * (0.8 if item.inherited else 1.0)
        if item.hedge:
            qualifiers["hedge"] = item.hedge
            confidence = min(confidence, 0.4)
        when = governing_date(times, item.anchor, self.text)
        if item.predicate == "agreement_with":
            # from its entry into force, else as told; undated, by another sentence of the paragraph
            when = in_force_date(times, item.anchor, self.text) or when or self.agreement_date
        if (
            when is not None
            and when.relation is Relation.UNTIL
            and item.frame in ("rename", "merge")
        ):
            # "der bis 2001 ACC hieß": the old name held until the change, which is the event
            when = replace(when, relation=Relation.AT, value=when.until)
        if when is not None and when.relation is not Relation.UNANCHORED:
            self.last_claim_time = when
        if when is not None and when.relation is Relation.OBSERVED and when.value is not None:
            # "Stand 2023 gehörten ihm neun Organisationen an": true then, begun before.
            qualifiers["as_of"] = when.value.edtf
            when = None
        elif (
            when is not None
            and when.relation is Relation.RANGE
            and item.frame in _EVENT_FRAMES
            and when.value is not None
            and when.until is not None
        ):
            # "In den 1990er-Jahren trat X bei": the event happened some time in the span; the
            # span is not how long the membership lasted.
            qualifiers["began_within"] = f"{when.value.edtf}/{when.until.edtf}"
            when = None
        self.out.claims.append(
            Claim(
                item.subject,
                item.predicate,
                item.object,
                item.role,
                qualifiers,
                interval_of(when),
                Status.CANDIDATE,
                round(confidence, 2),
                [self.evidence(sentence, item.frame)],
            )
        )


def extract(
    text: str, lang: str | None = None, source_id: str = "", index: NameIndex | None = None
) -> Extraction:
    """Mentions, time expressions, candidate claims and stated counts of one document."""
    lang = lang or detect_language(text)
    doc = _Document(text, lang, index or default_index(), source_id)
    cues = Cues(text, doc.index)
    sentences = segment(text, cues.worth_reading)
    doc.out.sentences = sentences
    anchor: FuzzyDate | None = None  # the last absolute date, for "im selben Jahr"
    read_up_to = 0
    for sentence in sentences:
        if sentence.block is Block.PARAGRAPH and not cues.worth_reading(
            sentence.start, sentence.end
        ):
            continue
        anchor = cues.last_year(read_up_to, sentence.start) or anchor
        read_up_to = sentence.end
        inside = [
            replace(t, start=t.start + sentence.start, end=t.end + sentence.start)
            for t in find_time_expressions(sentence.text, lang, anchor)
        ]
        for t in inside:
            anchor = t.until or t.value or anchor
        doc.out.times.extend(inside)
        doc.sentence(sentence, inside)
    used = {m.entity for m in doc.out.mentions} | {
        e for c in doc.out.claims for e in (c.subject, c.object)
    }
    doc.out.new_entities = {k: v for k, v in doc.out.new_entities.items() if k in used}
    doc.out.claims += field_claims(sentences, doc.out.mentions, source_id, EXTRACTOR)
    claims = _attribute_instruments(doc.out.claims, doc.out.new_entities)
    doc.out.claims = merge_claims(claims, frozenset(doc.borrowed_dates))
    return doc.out


def _attribute_instruments(claims: list[Claim], entities: dict[str, NewEntity]) -> list[Claim]:
    """Offices do not sign instruments: an agreement made by a unit binds its organization."""
    for claim in claims:
        if claim.predicate == "agreement_with":
            for side in ("subject", "object"):
                entity = entities.get(getattr(claim, side))
                if entity is not None and entity.type == "unit" and entity.parent:
                    setattr(claim, side, entity.parent)
    return claims
