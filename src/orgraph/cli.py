"""The `orgraph` command: a thin shell over the library; every command calls one function.

Errors become one line on stderr and exit code 2 (`orgraph.cli_errors`); nothing is
half-written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from orgraph.cli_errors import TEXT, OrgraphGroup, fail, moment
from orgraph.errors import InvalidDate, OrgraphError
from orgraph.fuzzydate import FuzzyDate, shown
from orgraph.lazy import LazyModule
from orgraph.model import predicate as known
from orgraph.outfile import written_whole
from orgraph.web.budget import Budget

if TYPE_CHECKING:
    from rich.console import Console

    from orgraph import checks, curation, query
    from orgraph.export import jsonl, sinks
    from orgraph.store import Store
else:
    # Start-up: `orgraph --help` and a query should not pay for SQLAlchemy, rich, the temporal
    # tagger or the exporters before they are used (SPEC: under 0.3 s CPU).
    checks, curation, query = (LazyModule(f"orgraph.{m}") for m in ("checks", "curation", "query"))
    jsonl, sinks = (LazyModule(f"orgraph.export.{m}") for m in ("jsonl", "sinks"))

if TYPE_CHECKING:
    from orgraph.stages import StageSummary

F = TypeVar("F", bound=Callable[..., Any])


class _Console:
    """rich's Console, made on first use (importing rich costs a tenth of a second)."""

    def __getattr__(self, name: str) -> Any:
        from rich.console import Console

        if "_real" not in self.__dict__:
            self.__dict__["_real"] = Console(highlight=False, soft_wrap=True)
        return getattr(self.__dict__["_real"], name)


console = cast("Console", _Console())
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
AS_KNOWN = click.option(
    "--as-known",
    default=None,
    callback=moment,
    help="Answer from what the graph said then (transaction time): a day (its end, UTC) or "
    "a full timestamp, e.g. 2026-11-30T14:05:00Z.",
)


def clean_errors(command: F) -> F:
    """Kept for the commands' decorators: `OrgraphGroup` turns every failure of every command
    into one line on stderr and exit code 2 (see `orgraph.cli_errors`)."""
    return command


def open_store(ctx: click.Context, *, create: bool = False, adopt: bool = False) -> Store:
    from orgraph.store import Store

    store = Store(ctx.obj["db"], create=create or adopt, adopt=adopt, durable=ctx.obj["durable"])
    if create or adopt:
        store.seed()
    return store


def _table(title: str) -> Any:
    from rich.table import Table

    return Table(title=title)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def known_day(value: date | None) -> date | None:
    """The --as-known cut-off: a day or a timestamp (the store reads both)."""
    return value


@click.group(cls=OrgraphGroup)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=lambda: os.environ.get("ORGRAPH_DB", "orgraph.db"),
    show_default="./orgraph.db or $ORGRAPH_DB",
    help="The SQLite database file.",
)
@click.option(
    "--durable",
    is_flag=True,
    default=lambda: bool(os.environ.get("ORGRAPH_DURABLE")),
    help="Sync every commit to disk (SQLite synchronous=FULL): a power loss then loses no "
    "commit that was reported done. Slower writes. Default: a crash of orgraph loses "
    "nothing, a power loss may lose the last commits, never half of one.",
)
@click.version_option(package_name="orgraph")
@click.pass_context
def main(ctx: click.Context, db: str, durable: bool) -> None:
    """orgraph: a temporal, source-linked knowledge graph of organizations."""
    if not db.strip():
        raise click.BadParameter("must not be empty", param_hint="--db")
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["durable"] = durable


@main.command()
@click.pass_context
@clean_errors
def init(ctx: click.Context) -> None:
    """Create the database and load the gazetteer (safe to run again).

    Also the one command that makes an empty file, or a SQLite file of another program,
    into a store (other commands refuse both).
    """
    store = open_store(ctx, adopt=True)
    stats = store.stats()
    click.echo(f"{ctx.obj['db']}: {stats['entities']} entities, {stats['claims']} claims")


@main.command()
@click.argument("subject", type=TEXT)
@click.argument("predicate", type=TEXT)
@click.argument("object", type=TEXT)
@click.option(
    "--role",
    type=TEXT,
    default=None,
    help="e.g. member, founding_member, observer, standing_invitee",
)
@click.option(
    "--start", type=TEXT, default=None, help="e.g. 1992, 2003-04, 'Anfang 2006', 'early 2006'"
)
@click.option("--end", type=TEXT, default=None, help="the end date, if it ended")
@click.option("--ended", is_flag=True, help="It ended, but the date is unknown.")
@click.option("--end-unknown", is_flag=True, help="Nothing is known about an end.")
@click.option("--qualifier", "-q", multiple=True, help="key=value, e.g. context=natural disasters")
@click.option("--sentence", default="", help="The sentence the claim rests on.")
@click.option(
    "--by", type=TEXT, default=lambda: os.environ.get("USER", "cli"), help="Who states it."
)
@FORMAT
@click.pass_context
@clean_errors
def add(
    ctx: click.Context,
    subject: str,
    predicate: str,
    object: str,
    role: str | None,
    start: str | None,
    end: str | None,
    ended: bool,
    end_unknown: bool,
    qualifier: tuple[str, ...],
    sentence: str,
    by: str,
    fmt: str,
) -> None:
    """Record a manual claim: SUBJECT PREDICATE OBJECT (names in any language or form)."""
    qualifiers = {}
    for item in qualifier:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="--qualifier")
        qualifiers[key.strip()] = value.strip()
    if sum(bool(x) for x in (end, ended, end_unknown)) > 1:
        raise OrgraphError("give at most one of --end, --ended and --end-unknown")
    from orgraph.interval import EndState

    end_state = EndState.ENDED if ended else EndState.UNKNOWN if end_unknown else None
    store = open_store(ctx)
    claim = curation.add_claim(
        store,
        subject,
        predicate,
        object,
        role=role,
        start=start,
        end=end,
        end_state=end_state,
        qualifiers=qualifiers,
        by=by,
        sentence=sentence,
    )
    if fmt == "json":
        emit_json(query.claim_json(claim, store.entity(claim.subject), store.entity(claim.object)))
    else:
        click.echo(f"recorded {claim.id}: {claim.subject} {claim.predicate} {claim.object}")


def _at(value: str) -> FuzzyDate:
    found = curation.read_date(value)
    if found is None:
        raise InvalidDate(f"--at: no date in {value!r}")
    return found


def _date_text(data: dict[str, Any] | None) -> str:
    if data is None:
        return "?"
    if data.get("open"):
        return "ongoing"
    if data.get("ended"):
        return "ended"
    return shown(str(data.get("edtf")), str(data.get("text") or ""))


def _citation(evidence: list[dict[str, Any]]) -> str:
    if not evidence:
        return ""
    text = evidence[0]["text"]
    if not text:  # a manual claim entered without a sentence
        return f"({evidence[0]['extractor'].replace(':', ', by ', 1)})"
    return f"“{text[:70]}…”" if len(text) > 70 else f"“{text}”"


@main.command()
@click.argument("body", type=TEXT)
@click.option(
    "--at", "at", type=TEXT, required=True, help="A date: 2007-12, 'Ende 2010', 2006-03-15 ..."
)
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def members(ctx: click.Context, body: str, at: str, as_known: Any, fmt: str) -> None:
    """Who was a member of BODY at a date (yes / uncertain, with evidence)."""
    result = query.members_at(open_store(ctx), body, _at(at), known_day(as_known))
    data = result.to_json()
    if fmt == "json":
        emit_json(data)
        return
    then = " / ".join(b["label"] for b in data["body_then"])
    table = _table(title=f"Members of {data['body']['label']} (then: {then}) at {at}")
    for column in ("member", "answer", "role", "since", "evidence"):
        table.add_column(column)
    for row in data["members"]:
        table.add_row(
            row["entity"]["label"],
            row["answer"],
            row["role"] or "member",
            _date_text(row["start"]),
            _citation(row["evidence"]),
        )
    console.print(table)
    click.echo(
        f"{sum(1 for r in data['members'] if r['answer'] == 'yes')} certain, "
        f"{sum(1 for r in data['members'] if r['answer'] == 'uncertain')} uncertain"
    )


@main.command("is-member")
@click.argument("org", type=TEXT)
@click.argument("body", type=TEXT)
@click.option(
    "--at", "at", type=TEXT, required=True, help="A date: 2006, 'März 2006', 2006-03-15 ..."
)
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def is_member(ctx: click.Context, org: str, body: str, at: str, as_known: Any, fmt: str) -> None:
    """Was ORG a member of BODY at a date? yes / no / uncertain, with the reason."""
    verdict = query.is_member(open_store(ctx), org, body, _at(at), known_day(as_known))
    data = verdict.to_json()
    if fmt == "json":
        emit_json(data)
        return
    click.echo(f"{data['answer']}: {data['reason']}")
    for ev in data["evidence"]:
        click.echo(f"  {_citation([ev])} ({ev['source']})")


def _print_relations(rows: list[query.Relation], title: str) -> None:
    table = _table(title=title)
    for column in ("subject", "predicate", "object", "from", "to", "status", "evidence"):
        table.add_column(column)
    for row in rows:
        data = row.to_json()
        predicate = data["predicate"] + (f" ({data['role']})" if data["role"] else "")
        table.add_row(
            data["subject"]["label"],
            predicate,
            data["object"]["label"],
            _date_text(data["start"]),
            _date_text(data["end"]),
            data["status"],
            _citation(data["evidence"]),
        )
    console.print(table)


@main.command()
@click.argument("entity", type=TEXT)
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def timeline(ctx: click.Context, entity: str, as_known: Any, fmt: str) -> None:
    """ENTITY's dated history: every claim involving it, by start date."""
    rows = query.timeline(open_store(ctx), entity, known_day(as_known))
    if fmt == "json":
        emit_json([r.to_json() for r in rows])
    else:
        _print_relations(rows, f"Timeline of {entity}")


@main.command()
@click.argument("entity", type=TEXT)
@click.argument("other", required=False, type=TEXT)
@click.option(
    "--predicate", type=TEXT, default=None, callback=lambda _c, _p, v: known(v).name if v else None
)
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def relations(
    ctx: click.Context,
    entity: str,
    other: str | None,
    predicate: str | None,
    as_known: Any,
    fmt: str,
) -> None:
    """Relations of ENTITY (with OTHER, when given)."""
    rows = query.relations(open_store(ctx), entity, other, predicate, known_day(as_known))
    if fmt == "json":
        emit_json([r.to_json() for r in rows])
    else:
        _print_relations(rows, f"Relations of {entity}" + (f" and {other}" if other else ""))


@main.command()
@click.argument("entity", type=TEXT)
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def names(ctx: click.Context, entity: str, as_known: Any, fmt: str) -> None:
    """ENTITY's names over time (renames followed), and all its surface forms."""
    store = open_store(ctx)
    records = query.names(store, entity, known_day(as_known))
    if fmt == "json":
        emit_json([r.to_json() for r in records])
        return
    for record in records:
        span = f"{record.since or '…'} – {record.until or 'today'}"
        click.echo(f"{span:>24}  {record.entity.label}")
        click.echo(f"{'':>24}  also: {', '.join(record.entity.aliases()[1:]) or '—'}")


@main.command()
@AS_KNOWN
@FORMAT
@click.pass_context
@clean_errors
def check(ctx: click.Context, as_known: Any, fmt: str) -> None:
    """Stated counts versus derived membership; conflicting claims side by side."""
    store = open_store(ctx)
    counts = checks.check_counts(store, known_day(as_known))
    conflicts = checks.find_conflicts(store, known_day(as_known))
    if fmt == "json":
        emit_json(
            {"counts": [c.to_json() for c in counts], "conflicts": [c.to_json() for c in conflicts]}
        )
        return
    for c in counts:
        mark = "ok" if c.ok else "MISMATCH"
        click.echo(
            f"{mark}: {c.body_label} at {c.stated.at}: stated {c.stated.count}, "
            f"derived {c.certain} certain / {c.possible} possible"
        )
    for conflict in conflicts:
        click.echo(f"conflict: {conflict.why}")
        for row in conflict.claims:
            click.echo(
                f"  {row.subject.label} {row.claim.predicate} {row.object.label}: "
                f"{_citation(row.to_json()['evidence'])}"
            )
    if not counts and not conflicts:
        click.echo("nothing to check: no stated counts, no conflicts")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "graphml", "ttl", "jsonld", "popolo", "quickstatements"]),
    default="jsonl",
    show_default=True,
    help="jsonl (re-importable), csv (spreadsheets), graphml (Gephi), ttl or jsonld (RDF, W3C "
    "ORG), popolo (memberships), quickstatements (Wikidata: claims on entities with a QID).",
)
@click.option("--history", is_flag=True, help="JSONL: every record ever, retracted ones included.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="A file, written whole or not at all (default: stdout).",
)
@click.pass_context
@clean_errors
def export(ctx: click.Context, fmt: str, history: bool, output: str) -> None:
    """Write the graph's claims (JSONL: one claim a line)."""
    store = open_store(ctx)
    notes: list[str] = []
    with written_whole(output) as out:
        if fmt == "jsonl":
            jsonl.write_jsonl(store, out, history=history)
        else:
            sinks.export(store, fmt, out, notes)
    for note in notes:
        click.echo(note, err=True)


@main.command("retract-document")
@click.argument("document")
@FORMAT
@click.pass_context
@clean_errors
def retract_document(ctx: click.Context, document: str, fmt: str) -> None:
    """Withdraw a document's evidence: statements keep their other sources; a statement left
    with none is retracted (the history keeps everything, see --as-known)."""
    done = open_store(ctx).withdraw(source=document)
    if fmt == "json":
        emit_json(done.to_json())
    else:
        click.echo(
            f"{document}: {done.evidence} pieces of evidence withdrawn from "
            f"{len(done.statements)} statements; {len(done.retracted)} statements retracted"
        )


def _utf8_lines(path: Path) -> Iterator[str]:
    """The file's lines, read as they are imported (memory flat in the file's size)."""
    # newline="\n": only "\n" ends a line, never U+2028 or U+0085 inside a text.
    with path.open(encoding="utf-8", newline="\n") as lines:
        try:
            yield from lines
        except UnicodeDecodeError:
            raise OrgraphError(f"{path}: not UTF-8 text") from None


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--keep-history",
    is_flag=True,
    help="Keep the file's recorded_at/retracted_at (a restore of `export --history`). They must "
    "lie in the past and after everything the store already recorded. Without it, the "
    "claims are recorded now and retracted records are left out.",
)
@click.pass_context
@clean_errors
def import_(ctx: click.Context, path: Path, keep_history: bool) -> None:
    """Import claims from a JSONL file: all lines or none."""
    added = jsonl.import_lines(
        open_store(ctx, create=True), _utf8_lines(path), keep_history=keep_history
    )
    click.echo(f"imported {added} claims from {path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=TEXT)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of a question whose own words do not tell.",
)
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    metavar="PATTERN",
    help="In folders and zip archives, read only files whose name or path matches (repeatable).",
)
@click.option(
    "--ocr", is_flag=True, help="Recognise scanned PDF pages with Tesseract (see `make ocr`)."
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    default=None,
    help="The date the documents speak for (e.g. 2024, 2024-05, 'Mai 2024'); default: their metadata's date, else the latest date each states.",
)
@FORMAT
@click.pass_context
@clean_errors
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    lang: str | None,
    patterns: tuple[str, ...],
    ocr: bool,
    as_of: str | None,
    fmt: str,
) -> None:
    """Extract claims from documents, folders and zip archives (idempotent; atomic per document).

    Reads plain text (any common encoding), Markdown, HTML, PDF, DOCX and ODT.
    """
    from rich.console import Console
    from rich.progress import Progress

    from orgraph.documents import ocr as tesseract
    from orgraph.ingest import collect, ingest_paths

    as_of_date = curation.read_date(as_of)
    if ocr and (reason := tesseract.missing()):
        raise OrgraphError(reason)
    store = open_store(ctx, create=True)
    files = list(collect(paths, patterns))
    err = Console(stderr=True)
    # Not on a terminal (a pipe, a log), a progress bar only leaves a blank line behind.
    with Progress(
        console=err, transient=True, disable=fmt == "json" or not err.is_terminal
    ) as progress:
        task = progress.add_task("ingesting", total=len(files))
        report = ingest_paths(
            store,
            files,
            lang,
            progress=lambda p: progress.update(task, advance=1, description=p.name),
            patterns=patterns,
            ocr=ocr,
            as_of=as_of_date,
        )
    if fmt == "json":
        emit_json({"summary": report.summary(), "documents": [vars(d) for d in report.documents]})
    else:
        for doc in report.documents:
            if doc.status == "failed":
                click.echo(f"failed: {doc.message}")
            elif doc.status == "skipped":
                click.echo(f"skipped: {doc.origin} ({doc.message})")
            else:
                click.echo(f"{doc.status}: {doc.origin} ({doc.claims} claims)")
            for warning in doc.warnings:
                click.echo(f"warning: {warning}", err=True)
        s = report.summary()
        click.echo(
            f"{s['documents']} documents: {s['ingested']} ingested, {s['skipped']} skipped, "
            f"{s['failed']} failed; {s['claims']} claims, {s['new_entities']} new entities"
        )
    if report.failed:
        first, more = report.failed[0].message, len(report.failed) - 1
        fail(first + (f"; {more} more documents failed (see above)" if more else ""))


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--stages",
    is_flag=True,
    help="Measure each stage: mentions, candidates, relations, dates (per file, language, all).",
)
@click.option(
    "--summary",
    is_flag=True,
    help="With --stages: only the per-language and overall rows (for a split not to be read).",
)
@FORMAT
@clean_errors
def eval_(gold: tuple[Path, ...], stages: bool, summary: bool, fmt: str) -> None:
    """Score extraction against gold files (or folders of *.gold.json): precision, recall, F1 with and without dates."""
    from orgraph.evaluate import evaluate, gold_files

    paths = gold_files(gold)
    if stages:
        from orgraph.stages import measure, summarize

        result = summarize(measure(path) for path in paths)
        if summary:
            result.files = []
        if fmt == "json":
            emit_json(result.to_json())
        else:
            print_stages(result)
        return
    reports = [evaluate(path) for path in paths]
    if fmt == "json":
        emit_json([r.to_json() for r in reports] if len(reports) > 1 else reports[0].to_json())
        return
    for report in reports:
        d, u = report.dated, report.undated
        click.echo(
            f"{report.gold}\n  with dates:    P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}"
            f"\n  without dates: P {u.precision:.3f}  R {u.recall:.3f}  F1 {u.f1:.3f}"
        )
        for miss in report.misses:
            click.echo(f"  miss: {miss['s']} {miss['r']} {miss['o']} {miss.get('start', '')}")
        for fp in report.false_positives:
            click.echo(
                f"  false positive: {fp['subject']} {fp['predicate']} {fp['object']} {fp['start'] or ''}"
            )


def print_stages(result: StageSummary) -> None:
    """One row per file, then per language and over all; n/a where the gold has no spans."""
    from rich.console import Console
    from rich.table import Table

    from orgraph.stages import MEASURES

    table = Table(title="Extraction stage by stage (micro figures in the last rows)")
    heads = ["gold", "lang", "mentions R", "mentions P", "candidates R", "relations P"]
    heads += ["relations R", "dates", "P", "R", "F1 dates", "F1 no dates"]
    for i, column in enumerate(heads):
        table.add_column(column, justify="left" if i < 2 else "right", no_wrap=True)
    rows = [*result.files, *result.languages.values()]
    rows += [result.overall] if result.overall else []
    for row in rows:
        figures = [getattr(row.stages, m) for m in MEASURES]
        cells = ["n/a" if r is None or r.value is None else f"{r.value:.3f}" for r in figures]
        d, u = row.dated, row.undated
        name = Path(row.gold).name.removesuffix(".json").removesuffix(".gold")
        table.add_row(
            name,
            row.language,
            *cells,
            f"{d.precision:.3f}",
            f"{d.recall:.3f}",
            f"{d.f1:.3f}",
            f"{u.f1:.3f}",
        )
    # Wide enough for every figure, also in a pipe (where rich would assume 80 columns).
    Console(highlight=False, width=max(console.width, 160)).print(table)


@main.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("devcorpus/authored"),
    show_default=True,
    help="An authored corpus: author folders and splits.toml.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--c", "strength", type=click.FloatRange(min=1e-4), default=1.0, show_default=True)
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True)
@FORMAT
@clean_errors
def train(corpus: Path, output: Path, strength: float, threshold: float, fmt: str) -> None:
    """Train the learned reader on the train split; measure it on the dev split."""
    from orgraph.reader.model import save
    from orgraph.reader.train import train as fit_reader

    model, measured = fit_reader(corpus, strength, threshold)
    save(model, output)
    if fmt == "json":
        emit_json(measured)
        return
    click.echo(
        f"{measured['train_passages']} train passages: {measured['examples']} candidate pairs, "
        f"{measured['positives']} of them facts; model written to {output}"
    )
    for name in ("dev_rules", "dev_rules_and_model"):
        scores = "  ".join(f"{k} F1 {v['f1']:.3f}" for k, v in measured[name].items())
        click.echo(f"{name}: {scores}")


def serving(command: F) -> F:
    """The options `serve` and `demo` share: where to listen, tokens, hosts, upload budget."""
    options = [
        click.option(
            "--host", default="127.0.0.1", show_default=True, help="Interface to listen on."
        ),
        click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True),
        click.option(
            "--token",
            type=TEXT,
            default=None,
            help="Token for writes (else --token-file, $ORGRAPH_TOKEN, or a random one).",
        ),
        click.option(
            "--token-file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Read the write token from this file.",
        ),
        click.option("--show-token", is_flag=True, help="Print the write token made for this run."),
        click.option(
            "--read-token",
            type=TEXT,
            default=None,
            help="A private store: every page and API read needs this token (or the write token); default $ORGRAPH_READ_TOKEN.",
        ),
        click.option(
            "--allow-host",
            multiple=True,
            type=TEXT,
            help="Another Host name to answer to (behind a proxy); loopback names always work.",
        ),
        click.option(
            "--upload-seconds",
            type=click.FloatRange(0.1, 3600),
            default=Budget.seconds,
            show_default=True,
            help="Time budget for extracting one uploaded document.",
        ),
        click.option(
            "--upload-memory-mb",
            type=click.IntRange(64, 1 << 20),
            default=Budget.memory_mb,
            show_default=True,
            help="Memory budget (address space) for extracting one uploaded document.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _settings(options: dict[str, Any]) -> Any:
    from orgraph.web.server import Settings

    return Settings(
        host=options["host"],
        port=options["port"],
        token=options["token"],
        token_file=options["token_file"],
        show_token=options["show_token"],
        read_token=options["read_token"],
        allow_hosts=options["allow_host"],
        budget=Budget(options["upload_seconds"], options["upload_memory_mb"]),
    )


@main.command()
@click.option("--no-serve", is_flag=True, help="Only build the database and print the answers.")
@serving
@click.pass_context
@clean_errors
def demo(ctx: click.Context, /, no_serve: bool, **options: Any) -> None:
    """Build the database from the demo documents (and ../shared/corpus when present); print example answers; serve the app."""
    from orgraph.demo import run_demo

    settings = _settings(options)
    run_demo(open_store(ctx, create=True), echo=click.echo)
    if not no_serve:
        from orgraph.web.server import serve as serve_web

        serve_web(ctx.obj["db"], settings, click.echo)


@main.command()
@click.argument("question")
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of a question whose own words do not tell.",
)
@FORMAT
@click.pass_context
@clean_errors
def ask(ctx: click.Context, question: str, lang: str | None, fmt: str) -> None:
    """Answer a question in German or English, with the sentences it rests on.

    A question orgraph cannot parse gets a refusal listing the kinds it answers (exit code 0).
    """
    from orgraph.qa import ask as ask_question

    result = ask_question(open_store(ctx), question, lang)
    if fmt == "json":
        emit_json(result.to_json())
        return
    click.echo(result.text)
    for citation in result.citations:
        click.echo(f"  “{citation['sentence']}” ({citation['source']})")


@main.command()
@serving
@click.pass_context
@clean_errors
def serve(ctx: click.Context, /, **options: Any) -> None:
    """Serve the web app and JSON API (reads open unless --read-token; writes need the token)."""
    from orgraph.web.server import serve as serve_web

    settings = _settings(options)
    open_store(ctx, create=True)
    serve_web(ctx.obj["db"], settings, click.echo)


@main.group()
def plot() -> None:
    """Charts for reports, as SVG or PNG (by the file name)."""


@plot.command("timeline")
@click.argument("body", type=TEXT)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.svg or FILE.png"
)
@click.pass_context
@clean_errors
def plot_timeline(ctx: click.Context, body: str, output: str) -> None:
    """BODY's membership timeline (Gantt; hatched where uncertain; renames marked)."""
    from orgraph import plot as charts

    click.echo(f"wrote {charts.plot_timeline(open_store(ctx), body, output)}")


@plot.command("network")
@click.option(
    "--at", "at", type=TEXT, required=True, help="A date: 2010, 'Ende 2007', 2006-03-15 ..."
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.svg or FILE.png"
)
@click.pass_context
@clean_errors
def plot_network(ctx: click.Context, at: str, output: str) -> None:
    """The organizations and the relations that hold (solid) or may hold (dashed) at a date."""
    from orgraph import plot as charts

    click.echo(f"wrote {charts.plot_network(open_store(ctx), _at(at), output)}")


if __name__ == "__main__":
    main()
