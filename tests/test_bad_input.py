"""The README's promise for bad input, on every command: one line on stderr naming the
problem, exit code 2, and the store unchanged (its full export, history included, and its
row counts compared before and after). The table holds every case the probe of issue 12
found; a hypothesis test then drives every command with generated bad arguments.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgraph.cli import main
from tests.test_cli_errors import assert_clean_error, run, snapshot

INVALID_UTF8 = "UND\udcff"  # how Python hands over the bytes b"UND\xff" from argv


def assert_refused(result: Result, args: list[str], *fragments: str) -> str:
    """The promise; `ingest` may also list its documents on stdout (the report)."""
    if "ingest" not in args:
        return assert_clean_error(result, *fragments)
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and all(f in line for f in fragments), line
    return line


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with a few claims, made once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "orgraph.db"
    assert run(path, "init").exit_code == 0
    for args in (
        ("IOM", "member_of", "GMG", "--start", "2006"),
        ("IOM", "member_of", "UNGA", "--role", "observer", "--start", "1992"),
        ("UNDP", "member_of", "GMG", "--start", "Anfang 2006"),
    ):
        assert run(path, "add", *args).exit_code == 0
    raw = sqlite3.connect(path)  # everything into the main file, which the copies take
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "orgraph.db"
    copy.write_bytes(template.read_bytes())
    assert len(snapshot(copy)[0].splitlines()) == 3  # the copy holds the claims
    return copy


def files(tmp_path: Path) -> dict[str, str]:
    """Files some cases need, by the name the table uses in braces."""
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    future = tmp_path / "future.jsonl"
    moment = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    future.write_text(
        '{"subject": {"id": "iom", "label": "IOM"}, "predicate": "member_of", '
        f'"object": {{"id": "gmg", "label": "GMG"}}, "recorded_at": "{moment}"}}\n',
        "utf-8",
    )
    backdated = tmp_path / "backdated.jsonl"
    backdated.write_text(
        '{"subject": {"id": "iom", "label": "IOM"}, "predicate": "member_of", '
        '"object": {"id": "gmg", "label": "GMG"}, "recorded_at": "2001-01-01T00:00:00+00:00"}\n',
        "utf-8",
    )
    return {
        "binary": str(binary),
        "future": str(future),
        "backdated": str(backdated),
        "missing_dir": str(tmp_path / "nowhere" / "d" / "x"),
    }


# Every case of issue 12 and a few of their neighbours: (arguments, fragments of the message).
CASES = [
    # Arguments that are not UTF-8, and blank ones.
    pytest.param(["members", INVALID_UTF8, "--at", "2010"], ["UTF-8"], id="utf8-argument"),
    pytest.param(
        ["add", "IOM", "member_of", "GMG", "--sentence", "ok \udcff"], ["UTF-8"], id="utf8-option"
    ),
    pytest.param(["members", "GMG", "--at", ""], ["--at", "empty"], id="members-at-empty"),
    pytest.param(["is-member", "IOM", "GMG", "--at", ""], ["--at"], id="is-member-at-empty"),
    pytest.param(["members", "GMG", "--at", "   "], ["--at"], id="members-at-blank"),
    pytest.param(["members", "", "--at", "2010"], ["BODY", "empty"], id="members-body-empty"),
    pytest.param(["ingest", ""], ["PATHS", "empty"], id="ingest-empty-path"),
    pytest.param(["add", "IOM", "member_of", "GMG", "--start", ""], ["--start"], id="start-empty"),
    pytest.param(["add", "IOM", "member_of", "GMG", "--end", ""], ["--end"], id="end-empty"),
    pytest.param(["add", "IOM", "member_of", "GMG", "--role", ""], ["--role"], id="role-empty"),
    pytest.param(["timeline", ""], ["ENTITY"], id="timeline-empty"),
    pytest.param(["--db", "", "check"], ["--db"], id="db-empty"),
    # Values that are checked now.
    pytest.param(["relations", "IOM", "--predicate", "eats"], ["unknown predicate"], id="pred"),
    pytest.param(["check", "--as-known", "yesterday"], ["--as-known"], id="as-known-text"),
    pytest.param(["timeline", "IOM", "--as-known", "2024-13-01"], ["--as-known"], id="as-known"),
    # Files and directories.
    pytest.param(["export", "-o", "/dev/full"], ["/dev/full", "No space left"], id="disk-full"),
    pytest.param(["export", "-o", "{missing_dir}"], ["no directory"], id="export-missing-dir"),
    pytest.param(
        ["plot", "timeline", "GMG", "-o", "{missing_dir}.svg"], ["no directory"], id="plot-dir"
    ),
    pytest.param(
        ["plot", "network", "--at", "2010", "-o", "{missing_dir}.png"], ["no directory"], id="net"
    ),
    pytest.param(["plot", "timeline", "GMG", "-o", "chart.gif"], [".svg or .png"], id="plot-fmt"),
    pytest.param(["ingest", "{binary}"], ["binary file"], id="ingest-bad-document"),
    pytest.param(["ingest", "{missing_dir}.txt"], ["cannot read"], id="ingest-missing-file"),
    pytest.param(["import", "{missing_dir}.jsonl"], ["does not exist"], id="import-missing"),
    # Transaction time belongs to the store.
    pytest.param(["import", "--keep-history", "{future}"], ["in the future"], id="import-future"),
    pytest.param(
        ["import", "--keep-history", "{backdated}"], ["history can only be appended"], id="backdate"
    ),
    # The server's address.
    pytest.param(["serve", "--host", "999.1.1.1", "--port", "1"], ["--host"], id="serve-host"),
    pytest.param(["serve", "--port", "70000"], ["--port", "70000"], id="serve-port"),
    # Usage errors: one line too.
    pytest.param(["members", "GMG"], ["--at"], id="missing-option"),
    pytest.param(["members"], ["BODY"], id="missing-argument"),
    pytest.param(["members", "GMG", "--at", "2010", "--bogus"], ["--bogus"], id="unknown-option"),
    pytest.param(["frobnicate"], ["frobnicate"], id="unknown-command"),
    pytest.param(["export", "--format", "xml"], ["xml"], id="bad-choice"),
    pytest.param(["add", "IOM", "member_of"], ["OBJECT"], id="add-missing-object"),
    pytest.param(["plot"], ["timeline", "network"], id="group-without-command"),
]


@pytest.mark.parametrize(("args", "fragments"), CASES)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db: Path, tmp_path: Path, args: list[str], fragments: list[str]
) -> None:
    named = files(tmp_path)
    filled = [a.format(**named) if "{" in a else a for a in args]
    before = snapshot(db)
    line = assert_refused(CliRunner().invoke(main, ["--db", str(db), *filled]), filled, *fragments)
    assert "Traceback" not in line
    assert snapshot(db) == before
    assert not list(tmp_path.glob("nowhere*")), "a missing directory was created"


def test_a_full_disk_under_stdout_is_one_line(db: Path) -> None:
    """`orgraph export > /dev/full`: the failed write to stdout is reported, not swallowed."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "orgraph.cli", "--db", str(db), "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: "), done.stderr


# -- files that are not orgraph stores ------------------------------------------------------


def foreign(path: Path) -> Path:
    raw = sqlite3.connect(path)
    raw.execute("create table foo(x)")
    raw.execute("insert into foo values (1)")
    raw.commit()
    raw.close()
    return path


READS_AND_WRITES = [
    ["check"],
    ["members", "GMG", "--at", "2010"],
    ["export"],
    ["add", "IOM", "member_of", "GMG"],
    ["ingest", "{doc}"],
    ["import", "{doc}"],
    ["ask", "Wer war 2010 Mitglied der GMG?"],
    ["serve", "--port", "1"],
]


@pytest.mark.parametrize("kind", ["foreign", "empty"])
@pytest.mark.parametrize("args", READS_AND_WRITES, ids=lambda a: a[0])
def test_foreign_and_empty_files_are_refused(tmp_path: Path, kind: str, args: list[str]) -> None:
    target = tmp_path / "f.db"
    foreign(target) if kind == "foreign" else target.write_bytes(b"")
    doc = tmp_path / "doc.txt"
    doc.write_text("Die IOM ist seit 2006 Mitglied der Globalen Migrationsgruppe.\n", "utf-8")
    before = target.read_bytes()
    filled = [a.format(doc=doc) for a in args]
    line = assert_clean_error(run(target, *filled), "f.db")
    assert ("another program" if kind == "foreign" else "empty file") in line
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "f.db"]


@pytest.mark.parametrize("kind", ["foreign", "empty"])
def test_init_adopts_an_empty_or_foreign_file_when_asked(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "f.db"
    foreign(target) if kind == "foreign" else target.write_bytes(b"")
    result = run(target, "init")
    assert result.exit_code == 0, result.output
    assert run(target, "add", "IOM", "member_of", "GMG").exit_code == 0
    if kind == "foreign":  # the other program's table is left as it was
        raw = sqlite3.connect(target)
        assert raw.execute("select x from foo").fetchall() == [(1,)]
        raw.close()


# -- generated bad arguments -------------------------------------------------------------------

NOT_A_NAME = st.from_regex(r"Zq[xjkv]{3,8}[0-9]{0,3}", fullmatch=True)  # no entity is called so
BAD_DATE = st.sampled_from(
    ["", " ", "2006-13", "2023-02-30", "30. Februar 2023", "soon", "nie", "20x6", "-"]
)
UNDECODABLE = st.text(min_size=0, max_size=5).map(lambda s: s + "\udcfe")
BLANK = st.sampled_from(["", " ", "\t"])
UNKNOWN_OPTION = st.from_regex(r"--x[a-z]{2,8}", fullmatch=True)


def bad_arguments() -> st.SearchStrategy[list[str]]:
    """Arguments for every command, each with at least one value that must be refused."""
    name = st.sampled_from(["IOM", "GMG", "UNDP"])
    bad_name = NOT_A_NAME | UNDECODABLE | BLANK
    per_command = [
        st.tuples(bad_name, BAD_DATE | st.just("2010")).map(
            lambda a: ["members", a[0], "--at", a[1]]
        ),
        st.tuples(name, BAD_DATE).map(lambda a: ["members", a[0], "--at", a[1]]),
        st.tuples(name, bad_name, BAD_DATE).map(lambda a: ["is-member", a[0], a[1], "--at", a[2]]),
        st.tuples(name, name, BAD_DATE).map(lambda a: ["is-member", a[0], a[1], "--at", a[2]]),
        bad_name.map(lambda n: ["timeline", n]),
        bad_name.map(lambda n: ["names", n]),
        st.tuples(bad_name, st.none() | name).map(
            lambda a: ["relations", a[0], *([a[1]] if a[1] else [])]
        ),
        st.tuples(name, NOT_A_NAME).map(lambda a: ["relations", a[0], "--predicate", a[1]]),
        st.tuples(bad_name, name).map(lambda a: ["add", a[0], "member_of", a[1]]),
        st.tuples(name, name, BAD_DATE).map(
            lambda a: ["add", a[0], "member_of", a[1], "--start", a[2]]
        ),
        st.tuples(name, NOT_A_NAME | BLANK, name).map(lambda a: ["add", a[0], a[1], a[2]]),
        st.tuples(name, UNDECODABLE).map(
            lambda a: ["add", a[0], "member_of", "GMG", "--sentence", a[1]]
        ),
        UNDECODABLE.map(lambda q: ["ask", q]),
        (NOT_A_NAME | BLANK).map(lambda p: ["ingest", p]),
        (NOT_A_NAME | BLANK).map(lambda p: ["import", p]),
        st.sampled_from(["check", "timeline IOM", "names GMG", "export"]).flatmap(
            lambda c: (
                st.tuples(st.just(c.split()), st.text(max_size=6)).map(
                    lambda a: [*a[0], "--as-known", "x" + a[1]]
                )
                if c != "export"
                else NOT_A_NAME.map(lambda f: ["export", "-o", f"/nonexistent-{f}/x.jsonl"])
            )
        ),
        st.tuples(bad_name, NOT_A_NAME).map(
            lambda a: ["plot", "timeline", a[0], "-o", f"/nonexistent-{a[1]}/x.svg"]
        ),
        st.tuples(
            st.sampled_from(["members", "check", "export", "init", "ingest"]), UNKNOWN_OPTION
        ).map(list),
        NOT_A_NAME.map(lambda c: [c.lower()]),
    ]
    return st.one_of(per_command)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
@given(args=bad_arguments())
def test_generated_bad_arguments_keep_the_promise(db: Path, args: list[str]) -> None:
    before = snapshot(db)
    assert_refused(CliRunner().invoke(main, ["--db", str(db), *args]), args)
    assert snapshot(db) == before
