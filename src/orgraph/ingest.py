"""Ingestion: documents in, sources + mentions + candidate claims stored, atomically per document.

Idempotent by content hash: a document already stored is skipped. A document
that fails (binary, not UTF-8, empty, too large, or any error while storing)
leaves no trace, and the other documents still go in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from orgraph.errors import BadDocument, DocumentStored, OrgraphError
from orgraph.model import Entity, Name, Source
from orgraph.pipeline.extract import Extraction, extract
from orgraph.store import Store

SUFFIXES = (".txt", ".md")
MAX_BYTES = 20_000_000  # 20 MB (as the messages say); larger files are refused, not read


@dataclass
class DocumentReport:
    origin: str
    status: str  # ingested | skipped | failed
    source_id: str = ""
    claims: int = 0
    entities: int = 0
    message: str = ""


@dataclass
class IngestReport:
    documents: list[DocumentReport] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return sum(d.status == "ingested" for d in self.documents)

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]

    def summary(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "ingested": self.ingested,
            "skipped": sum(d.status == "skipped" for d in self.documents),
            "failed": len(self.failed),
            "claims": sum(d.claims for d in self.documents),
            "new_entities": sum(d.entities for d in self.documents),
        }


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """A document's text, or BadDocument saying exactly what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadDocument(
                f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit per document"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BadDocument(f"{path}: cannot read ({exc.strerror})") from None
    return decode_document(data, str(path))


def decode_document(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise BadDocument(f"{origin}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDocument(f"{origin}: not UTF-8 (invalid byte at position {exc.start})") from None
    if not text.strip():
        raise BadDocument(f"{origin}: empty document")
    return text


def collect(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the files inside folders named (sorted, recursive, hidden ones left out).

    Files of other formats are yielded too, so that `ingest_paths` can say it skipped them.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def source_id(sha256: str) -> str:
    return "doc-" + sha256[:12]


def _title(text: str, origin: str) -> str:
    first = text.strip().splitlines()[0].strip()
    return first[:80] if len(first) <= 80 else Path(origin).stem


def store_extraction(store: Store, source: Source, result: Extraction) -> DocumentReport:
    """Write one document's extraction in one transaction."""
    with store.transaction() as conn:
        store.add_source(source, conn)
        known = store.entity_ids(conn) if result.new_entities else set()
        fresh = 0
        for entity in result.new_entities.values():
            if entity.id not in known:
                fresh += 1
            names = [
                Name(form, source.lang, "seen")
                for form in sorted(result.surface_forms.get(entity.id, {entity.label}))
            ]
            store.add_entity(
                Entity(entity.id, entity.type, entity.label, names, entity.parent), conn
            )
        for entity_id, forms in result.surface_forms.items():
            if entity_id not in result.new_entities:
                store.add_names(
                    entity_id, [Name(f, source.lang, "seen") for f in sorted(forms)], conn
                )
        for entity_id, forms in result.reference_forms.items():
            # Kept as surface forms of the entity, but never used to resolve a name.
            store.add_names(
                entity_id, [Name(f, source.lang, "reference") for f in sorted(forms)], conn
            )
        store.add_mentions(
            source.id,
            [
                {"start": m.start, "end": m.end, "kind": "org", "value": m.entity, "text": m.text}
                for m in result.mentions
            ]
            + [
                {
                    "start": t.start,
                    "end": t.end,
                    "kind": "time",
                    "value": t.value.edtf if t.value else (t.until.edtf if t.until else ""),
                    "text": t.text,
                }
                for t in result.times
            ],
            conn,
        )
        for claim in result.claims:
            store.add_claim(claim, conn)
        for stated in result.stated_counts:
            store.add_stated_count(stated, conn)
    return DocumentReport(source.origin, "ingested", source.id, len(result.claims), fresh)


def ingest_text(
    store: Store,
    text: str,
    origin: str,
    lang: str | None = None,
    title: str | None = None,
    extractor: Callable[[str, str | None, str], Extraction] = extract,
) -> DocumentReport:
    """Extract and store one document given as text (idempotent by content hash).

    `extractor` runs the pipeline; the web server passes one that works within a budget.
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = store.source_by_hash(sha)
    if existing is not None:
        return DocumentReport(origin, "skipped", existing.id, message="already ingested")
    sid = source_id(sha)
    result = extractor(text, lang, sid)
    source = Source(sid, sha, result.lang, title or _title(text, origin), origin, text)
    try:
        return store_extraction(store, source, result)
    except DocumentStored:  # another process stored it since the check above: nothing written
        return DocumentReport(origin, "skipped", sid, message="already ingested")


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    lang: str | None = None,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; each document on its own, failures reported, never fatal."""
    report = IngestReport()
    for path in collect(paths):
        if progress:
            progress(path)
        if path.is_file() and path.suffix.lower() not in SUFFIXES:
            message = f"not a {' or '.join(SUFFIXES)} file; other formats are not read yet"
            report.documents.append(DocumentReport(str(path), "skipped", message=message))
            continue
        try:
            text = read_document(path)
            report.documents.append(ingest_text(store, text, str(path), lang))
        except OrgraphError as exc:
            message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            report.documents.append(DocumentReport(str(path), "failed", message=message))
    return report
