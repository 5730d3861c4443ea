"""Gold annotation files (SPEC §6): entities with surface forms, facts, stated counts, questions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgraph.errors import OrgraphError, UnknownEntity
from orgraph.fuzzydate import FuzzyDate, Modifier
from orgraph.qa.answer import Kind, Question
from orgraph.store import Store


@dataclass(frozen=True)
class GoldEntity:
    id: str
    forms: tuple[str, ...]
    unit_of: str | None = None
    references: tuple[str, ...] = ()  # short referring phrases ("der Fonds"), authored corpus


@dataclass(frozen=True)
class GoldFact:
    s: str
    r: str
    o: str
    role: str | None = None
    kind: str | None = None
    start: FuzzyDate | None = None
    optional: bool = False
    evidence: tuple[str, ...] = ()  # the words that state it, main one first (authored corpus)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class GoldFile:
    path: Path
    document: Path
    language: str
    entities: dict[str, GoldEntity]
    facts: list[GoldFact]
    stated_counts: list[dict[str, Any]]
    questions: list[dict[str, Any]]

    @property
    def has_spans(self) -> bool:
        """Whether the file marks where facts are stated (evidence), as the authored corpus does:
        only then are its forms and references every mention, and stage measures available."""
        return any(f.evidence for f in self.facts)


def gold_date(value: str | None, mod: str | None = None) -> FuzzyDate | None:
    if not value:
        return None
    parsed = FuzzyDate.parse(value)
    return FuzzyDate(
        parsed.year, parsed.month, parsed.day, Modifier(mod) if mod else None, text=value
    )


def _evidence(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"evidence must be a string or a list of strings, not {value!r}")


def _document(gold: Path, name: str) -> Path:
    """A gold's document lies beside it (authored corpus) or below the folder above it."""
    beside = gold.parent / name
    return (beside if beside.is_file() else gold.parent.parent / name).resolve()


def load_gold(path: str | Path) -> GoldFile:
    """Read a gold file; its document lies beside it or below the folder above the gold's folder."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text("utf-8"))
        entities = {
            e["id"]: GoldEntity(
                e["id"], tuple(e["forms"]), e.get("unit_of"), tuple(e.get("references", ()))
            )
            for e in raw["entities"]
        }
        facts = [
            GoldFact(
                f["s"],
                f["r"],
                f["o"],
                f.get("role"),
                f.get("kind"),
                gold_date(f.get("start"), f.get("mod")),
                bool(f.get("optional")),
                _evidence(f.get("evidence")),
                f,
            )
            for f in raw["facts"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OrgraphError(
            f"{path}: not a readable gold file ({exc.__class__.__name__}: {exc})"
        ) from None
    return GoldFile(
        path=path,
        document=_document(path, raw["document"]),
        language=raw.get("language", "de"),
        entities=entities,
        facts=facts,
        stated_counts=raw.get("stated_counts", []),
        questions=raw.get("questions", []),
    )


def resolve_gold_entity(store: Store, entity: GoldEntity) -> str | None:
    """The store's entity for a gold entity: the first of its surface forms that resolves."""
    for form in entity.forms:
        try:
            return store.resolve(form).id
        except UnknownEntity:
            continue
    return None


def question_of(gold: dict[str, Any], lang: str, ids: dict[str, str]) -> Question:
    """A gold question as a structured Question, gold ids mapped to store ids."""

    def entity(key: str) -> str | None:
        value = gold.get(key)
        return ids.get(value, value) if value else None

    def when(key: str) -> FuzzyDate | None:
        return FuzzyDate.parse(gold[key]) if gold.get(key) else None

    return Question(
        kind=Kind(gold["kind"]),
        body=entity("body"),
        member=entity("member"),
        at=when("at") or when("from"),
        until=when("to"),
        lang=lang,
    )
