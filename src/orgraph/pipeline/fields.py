"""Fields of infoboxes, fact sheets and lists (issue 9): "Mitglieder: FAO, IOM, UNDP".

A line that starts with a key and a colon, under a title or heading that names an
organization (its topic), relates each organization named after the colon to the topic, as
the field lexicon (`lexicon/fields.toml`) says. The topic is the first organization of the
nearest heading above that is not itself such a line, else of the document's first line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from orgraph.interval import Interval
from orgraph.model import Claim, Evidence
from orgraph.names import fold
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.segment import Block, Sentence

MAX_KEY = 40  # characters: a longer text before the colon is a sentence, not a key


@dataclass(frozen=True)
class Field:
    keys: tuple[str, ...]
    predicate: str
    role: str | None
    item_is_subject: bool


@cache
def fields() -> tuple[Field, ...]:
    raw = tomllib.loads(
        resources.files("orgraph.lexicon").joinpath("fields.toml").read_text("utf-8")
    )
    return tuple(
        Field(
            tuple(fold(k) for k in entry["keys"]),
            entry["predicate"],
            entry.get("role"),
            entry["item_is"] == "subject",
        )
        for entry in raw["field"]
    )


def _key(line: str) -> str:
    """The key of a 'Key: value' line, folded ("" when the line is none)."""
    key, colon, _ = line.partition(":")
    key = fold(key.strip().lstrip("-•*–").strip())
    return key if colon and key and len(key) <= MAX_KEY and len(key.split()) <= 5 else ""


def field_of(line: str) -> tuple[Field, int] | None:
    """The field a 'Key: value' line names, and where its value starts (after the colon)."""
    key = _key(line)
    if not key:
        return None
    for field in fields():
        if any(key == k or key.startswith(k + " ") for k in field.keys):
            return field, len(line.partition(":")[0]) + 1
    return None


def field_claims(
    sentences: Sequence[Sentence], mentions: Sequence[Mention], source_id: str, extractor: str
) -> list[Claim]:
    """Claims from the document's field lines, each resting on its line."""
    by_sentence: dict[int, list[Mention]] = {}
    for index, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        if inside:
            by_sentence[index] = sorted(inside, key=lambda m: m.start)
    topic = next((by_sentence[i][0] for i in sorted(by_sentence)), None)
    claims = []
    open_field: Field | None = None  # "Mitglieder:" with its items on the lines below
    for index, sentence in enumerate(sentences):
        found = field_of(sentence.text)
        inside = by_sentence.get(index, [])
        if found is None:
            if open_field is not None and sentence.block is Block.ITEM:
                found = (open_field, 0)
            else:
                open_field = None
                # A heading names what the lines below it are about; a key line names nothing.
                if sentence.block is Block.HEADING and inside and not _key(sentence.text):
                    topic = inside[0]
                continue
        field, value_at = found
        if not sentence.text[value_at:].strip():
            open_field = field
        if topic is None:
            continue
        items = [m for m in inside if m.start >= sentence.start + value_at]
        for item in dict.fromkeys(m.entity for m in items if m.entity != topic.entity):
            subject, obj = (item, topic.entity) if field.item_is_subject else (topic.entity, item)
            claims.append(
                Claim(
                    subject=subject,
                    predicate=field.predicate,
                    object=obj,
                    role=field.role,
                    interval=Interval(),
                    confidence=0.8,
                    evidence=[
                        Evidence(
                            source_id,
                            sentence.start,
                            sentence.end,
                            sentence.text,
                            f"{extractor}:field",
                        )
                    ],
                )
            )
    return claims
