"""Ingestion: documents in, sources + mentions + candidate claims stored, atomically per document.

Idempotent by content hash: a document already stored is skipped. A document
that fails (binary, not UTF-8, empty, too large, or any error while storing)
leaves no trace, and the other documents still go in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from orgraph.documents import MAX_TEXT_BYTES, Document, entries, matches, read_file
from orgraph.errors import BadDocument, DocumentStored, OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.model import Entity, Evidence, Name, PageSpan, Source
from orgraph.pipeline.extract import Extraction
from orgraph.reader.model import Reader, read
from orgraph.store import Store

MAX_BYTES = MAX_TEXT_BYTES  # 20 MB of text per document (as the messages say)
OCR_MARK = "ocr+"  # before the extractor of evidence read from recognised text


@dataclass
class DocumentReport:
    origin: str
    status: str  # ingested | skipped | failed
    source_id: str = ""
    claims: int = 0
    entities: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)


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


def read_document(path: Path) -> str:
    """The normalized text of a document file of any format orgraph reads."""
    return read_file(path).text


def collect(paths: Iterable[str | Path], patterns: Iterable[str] = ()) -> Iterator[Path]:
    """Files named, and the files inside folders named (sorted, recursive, hidden ones left out).

    In folders, `patterns` (`--glob`) choose files by name or relative path; files of
    formats orgraph does not read are yielded too, so that `ingest_paths` can say it
    skipped them. A file named on its own is always taken.
    """
    chosen = list(patterns)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and matches(p.relative_to(path).as_posix(), chosen)
            )
        else:
            yield path


def source_id(sha256: str) -> str:
    return "doc-" + sha256[:12]


def _title(text: str, origin: str) -> str:
    first = text.strip().splitlines()[0].strip()
    return first[:80] if len(first) <= 80 else Path(origin).stem


def store_extraction(
    store: Store, source: Source, result: Extraction, pages: Iterable[PageSpan] = ()
) -> DocumentReport:
    """Write one document's extraction in one transaction."""
    with store.transaction() as conn:
        store.add_source(source, conn)
        store.add_pages(source.id, pages, conn)
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
        # Renames first: the statements after them match bodies across their names.
        renames = [c for c in result.claims if c.predicate == "renamed_to"]
        for claim in renames:
            store.record(claim, conn)
        identity = store.rename_identity(conn)
        for claim in result.claims:
            if claim.predicate != "renamed_to":
                store.record(claim, conn, identity)
        for stated in result.stated_counts:
            store.add_stated_count(stated, conn)
    return DocumentReport(source.origin, "ingested", source.id, len(result.claims), fresh)


def inferred_as_of(result: Extraction, today: date | None = None) -> FuzzyDate | None:
    """The latest date the text states that is not in the future: what it can vouch for."""
    today = today or date.today()
    stated = [
        d for t in result.times for d in (t.value, t.until) if d is not None and d.upper <= today
    ]
    return max(stated, key=lambda d: (d.lower, d.upper), default=None)


def ingest_text(
    store: Store,
    text: str,
    origin: str,
    lang: str | None = None,
    title: str | None = None,
    as_of: FuzzyDate | None = None,
    reader: Reader = read,
) -> DocumentReport:
    """Extract and store one document given as text (idempotent by content hash).

    `as_of` is the date the document speaks for; without it, the latest date it states."""
    return ingest_document(store, Document(origin, text, "txt", title=title), lang, as_of, reader)


def ingest_document(
    store: Store,
    document: Document,
    lang: str | None = None,
    as_of: FuzzyDate | None = None,
    reader: Reader = read,
) -> DocumentReport:
    """Extract and store one read document (idempotent by the hash of its normalized text).

    `reader` runs the pipeline; the web server passes one that works within a budget.

    `lang` (else the document's own language, else detection) steers extraction; `as_of`
    (else the document's date, else the latest date its text states) becomes the source's
    as-of date: what it can vouch for.
    """
    text, origin = document.text, document.origin
    if len(text) > MAX_TEXT_BYTES:
        raise BadDocument(f"{origin}: its text is over the {MAX_TEXT_BYTES / 1e6:.0f} MB limit")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = store.source_by_hash(sha)
    if existing is not None:
        return DocumentReport(origin, "skipped", existing.id, message="already ingested")
    sid = source_id(sha)
    result = reader(text, lang or document.lang, sid)
    if any(page.ocr for page in document.pages):
        result = mark_ocr(result, document)
    vouched = as_of or document.date
    inferred = vouched is None and (vouched := inferred_as_of(result)) is not None
    source = Source(
        sid,
        sha,
        result.lang,
        document.title or _title(text, origin),
        origin,
        text,
        vouched,
        document.format,
        inferred,
    )
    try:
        report = store_extraction(store, source, result, document.pages)
    except DocumentStored:  # another process stored it since the check above: nothing written
        return DocumentReport(origin, "skipped", sid, message="already ingested")
    report.warnings = list(document.warnings)
    return report


def mark_ocr(result: Extraction, document: Document) -> Extraction:
    """Evidence resting on recognised text says so in its extractor (`ocr+…`)."""

    def marked(evidence: Evidence) -> Evidence:
        page = document.page_at(evidence.start)
        if page is None or not page.ocr:
            return evidence
        return replace(evidence, extractor=f"{OCR_MARK}{evidence.extractor}")

    for claim in result.claims:
        claim.evidence = [marked(e) for e in claim.evidence]
    result.stated_counts = [
        replace(s, evidence=marked(s.evidence)) if s.evidence else s for s in result.stated_counts
    ]
    return result


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    lang: str | None = None,
    progress: Callable[[Path], None] | None = None,
    *,
    patterns: Iterable[str] = (),
    ocr: bool = False,
    as_of: FuzzyDate | None = None,
) -> IngestReport:
    """Ingest files, folders and zip archives; each document on its own, failures reported,
    never fatal."""
    report = IngestReport()
    chosen = list(patterns)
    for path in collect(paths, chosen):
        if progress:
            progress(path)
        for entry in entries(path, chosen, ocr):
            if entry.skipped:
                report.documents.append(
                    DocumentReport(entry.origin, "skipped", message=entry.skipped)
                )
                continue
            try:
                document = entry.load()
                report.documents.append(ingest_document(store, document, lang, as_of))
            except OrgraphError as exc:
                message = (
                    str(exc) if str(exc).startswith(entry.origin) else f"{entry.origin}: {exc}"
                )
                report.documents.append(DocumentReport(entry.origin, "failed", message=message))
    return report
